/**
 * The live evaluation against the clinic's rule set: the outcome and every reason with its rule id, message, source
 * and whether it is clinic policy. While the form has unsaved changes, it is evaluated from the form as typed.
 */
import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../app/states';
import { useSession } from '../../app/session';
import { formatInstant } from '../../app/time';
import { eligibilityApi, OUTCOME_COLOR, OUTCOME_LABEL, type Evaluation, type Facts, type ScreeningView } from './queries';

export function useLiveEvaluation(facts: Facts, dirty: boolean, saved: Evaluation) {
  const [debounced] = useDebouncedValue(JSON.stringify(facts), 300);
  const live = useQuery({
    queryKey: ['eligibility', 'evaluate', debounced],
    queryFn: ({ signal }) => eligibilityApi.evaluate(JSON.parse(debounced) as Facts, signal),
    enabled: dirty,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  return { evaluation: dirty ? (live.data ?? saved) : saved, error: dirty ? live.error : null, pending: dirty && live.isFetching };
}

export function EvaluationPanel({ view, evaluation, error, dirty }: { view: ScreeningView; evaluation: Evaluation; error: unknown; dirty: boolean }) {
  const me = useSession();
  const q = view.questionnaires;
  const at = (iso: string) => formatInstant(iso, me.clinic.timeZone);
  return (
    <Card>
      <Stack gap="md">
        <Group justify="space-between" align="center">
          <Title order={2}>Evaluation</Title>
          <Badge size="lg" color={OUTCOME_COLOR[evaluation.outcome]} aria-live="polite">
            {OUTCOME_LABEL[evaluation.outcome]}
          </Badge>
        </Group>
        <Text fz="sm" c="dimmed">
          {dirty ? 'Evaluated live from the form (not saved yet)' : 'Evaluated from the saved record'} with rule set {evaluation.ruleSetVersion}. The strictest outcome
          wins; a prescriber decides.
        </Text>
        <ErrorAlert error={error} title="The live evaluation failed" />
        {evaluation.reasons.length === 0 ? (
          <Text>No rule applies: nothing found that excludes the patient or needs review.</Text>
        ) : (
          <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Reasons">
            {evaluation.reasons.map((r) => (
              <li key={r.rule} style={{ borderLeft: `4px solid var(--mantine-color-${r.outcome === 'ineligible' ? 'red-8' : 'yellow-6'})`, paddingLeft: 12 }}>
                <Group gap={6}>
                  <Badge color={OUTCOME_COLOR[r.outcome]} size="sm">{OUTCOME_LABEL[r.outcome]}</Badge>
                  {r.clinicPolicy && <Badge color="violet" size="sm">Clinic policy</Badge>}
                  <Text span fz="xs" c="dimmed" className="tilth-mono">{r.rule}</Text>
                </Group>
                <Text fw={600} mt={4}>{r.message}</Text>
                <Text fz="sm" c="dimmed">Source: {r.source}</Text>
              </li>
            ))}
          </Stack>
        )}
        <Stack gap={2}>
          <Text fz="sm" fw={600}>Questionnaire results used</Text>
          <Text fz="sm">
            PHQ-9: {q.phq9 ? `total ${q.phq9.total}, item 9 = ${q.phq9.item9 ?? '—'} (${at(q.phq9.submittedAt)})` : 'none yet'}
          </Text>
          <Text fz="sm">
            AUDIT-C: {q.auditC ? `total ${q.auditC.total}, ${q.auditC.positive ? 'positive' : 'negative'} with the ${q.auditC.evaluatedAs} cut-off${q.auditC.sex ? '' : ' (the stricter one: sex not known)'} (${at(q.auditC.submittedAt)})` : 'none yet'}
          </Text>
          {q.gad7 && <Text fz="sm">GAD-7: total {q.gad7.total} ({at(q.gad7.submittedAt)})</Text>}
          {q.pcl5 && <Text fz="sm">PCL-5: total {q.pcl5.total}{q.pcl5.positive ? ', positive' : ''} ({at(q.pcl5.submittedAt)})</Text>}
        </Stack>
      </Stack>
    </Card>
  );
}

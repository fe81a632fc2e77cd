/** A patient's eligibility decisions, newest first, with co-signing and withdrawing where the caller may. */
import { Alert, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { FormError } from '../../app/FormError';
import { useSession } from '../../app/session';
import { formatInstant } from '../../app/time';
import { eligibilityApi, OUTCOME_COLOR, OUTCOME_LABEL, useDecisionMutation, type Decision } from './queries';

const STATUS: Record<Decision['status'], { label: string; color: string }> = {
  final: { label: 'In effect', color: 'green' },
  'awaiting-cosign': { label: 'Waiting for co-signature', color: 'orange' },
  withdrawn: { label: 'Withdrawn', color: 'gray' },
};

export function DecisionHistory({ patientId, decisions }: { patientId: string; decisions: Decision[] }) {
  const me = useSession();
  const tz = me.clinic.timeZone;
  const [done, setDone] = useState<string | null>(null);
  const cosign = useDecisionMutation(patientId, (id: string) => eligibilityApi.cosign(id));
  const withdraw = useDecisionMutation(patientId, (id: string) => eligibilityApi.withdraw(id));
  return (
    <Card>
      <Stack gap="md">
        <Title order={2}>Decisions</Title>
        {done && (
          <Alert color="sage" role="status" variant="light">
            {done}
          </Alert>
        )}
        <FormError error={cosign.error ?? withdraw.error} />
        {decisions.length === 0 ? (
          <Text c="dimmed">No eligibility decision yet.</Text>
        ) : (
          <Stack component="ol" gap="md" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Eligibility decisions, newest first">
            {decisions.map((d) => (
              <li key={d.id} style={{ borderLeft: `3px solid var(--mantine-color-${d.status === 'awaiting-cosign' ? 'orange-6' : 'gray-4'})`, paddingLeft: 12 }}>
                <Group gap={6}>
                  <Text fw={700}>{d.decision === 'eligible' ? 'Eligible' : 'Not eligible'}</Text>
                  <Badge color={STATUS[d.status].color}>{STATUS[d.status].label}</Badge>
                  {d.override && <Badge color="violet">Override</Badge>}
                </Group>
                <Text fz="sm">
                  Rules said{' '}
                  <Badge component="span" size="sm" color={OUTCOME_COLOR[d.evaluatedOutcome]}>
                    {OUTCOME_LABEL[d.evaluatedOutcome]}
                  </Badge>{' '}
                  (rule set {d.ruleSetVersion}
                  {d.reasons.length > 0 && `: ${d.reasons.map((r) => r.message).join('; ')}`})
                </Text>
                {d.overrideReason && <Text fz="sm">Reason: {d.overrideReason}</Text>}
                <Text fz="sm" c="dimmed">
                  Decided by {d.decidedByName ?? 'a prescriber'} · {formatInstant(d.decidedAt, tz)}
                  {d.cosignedAt && ` · co-signed by ${d.cosignedByName ?? 'a prescriber'} · ${formatInstant(d.cosignedAt, tz)}`}
                </Text>
                {(d.permissions.cosign || d.permissions.withdraw) && (
                  <Group gap="sm" mt="xs">
                    {d.permissions.cosign && (
                      <Button size="sm" loading={cosign.isPending} onClick={() => cosign.mutate(d.id, { onSuccess: () => setDone('Co-signed: the decision is in effect.') })}>
                        Co-sign this decision
                      </Button>
                    )}
                    {d.permissions.withdraw && (
                      <Button size="sm" variant="default" loading={withdraw.isPending} onClick={() => withdraw.mutate(d.id, { onSuccess: () => setDone('The decision was withdrawn.') })}>
                        Withdraw
                      </Button>
                    )}
                  </Group>
                )}
              </li>
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

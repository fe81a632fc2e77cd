/**
 * Admins and prescribers: the clinic's eligibility rules. Each can be turned on or off, its outcome and thresholds
 * changed; saving makes a new version (decisions keep the version they used).
 */
import { Alert, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { formatInstant } from '../../app/time';
import { RuleRow, type Rule } from './RuleRow';

interface RuleSetView {
  version: string;
  rules: Rule[];
  isDefault: boolean;
  savedAt: string | null;
  savedBy: string | null;
  savedByName: string | null;
}

const KEY = ['eligibility', 'rule-set'] as const;

export function RuleSetPage() {
  const ruleSet = useQuery({ queryKey: KEY, queryFn: () => api.get<RuleSetView>('/api/eligibility/rule-set') });
  return (
    <Page title="Eligibility rules" description="The rules every screening record is evaluated against. The strictest outcome wins, every reason is listed, and a prescriber decides.">
      {ruleSet.isPending ? (
        <Loading label="Loading the eligibility rules…" />
      ) : ruleSet.isError ? (
        <ErrorAlert error={ruleSet.error} title="The eligibility rules could not be loaded" />
      ) : (
        <RuleSetEditor key={ruleSet.data.version} view={ruleSet.data} />
      )}
    </Page>
  );
}

function RuleSetEditor({ view }: { view: RuleSetView }) {
  const me = useSession();
  const queryClient = useQueryClient();
  const [rules, setRules] = useState<Rule[]>(view.rules);
  const [saved, setSaved] = useState<string | null>(null);
  const canEdit = me.user.role === 'admin' || me.user.role === 'prescriber';
  const dirty = JSON.stringify(rules) !== JSON.stringify(view.rules);
  const save = useMutation({
    mutationFn: () => api.put<RuleSetView>('/api/eligibility/rule-set', { rules }),
    onSuccess: (next) => {
      setSaved(`Saved as version ${next.version}. New evaluations use it; earlier decisions keep the version they used.`);
      queryClient.setQueryData(KEY, next);
      void queryClient.invalidateQueries({ queryKey: ['measurement'] });
      void queryClient.invalidateQueries({ queryKey: ['eligibility', 'evaluate'] });
    },
  });
  const errors = fieldErrors(save.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Eligibility rules">
      <Stack gap="md">
        {saved && (
          <Alert color="sage" role="status" variant="light">
            {saved}
          </Alert>
        )}
        <Card padding="md">
          <Group justify="space-between" gap="sm">
            <Text>
              Version <strong>{view.version}</strong>
              {view.isDefault ? ' (Tilth’s default, with sources)' : view.savedAt && ` · saved ${formatInstant(view.savedAt, me.clinic.timeZone)}${view.savedByName ? ` by ${view.savedByName}` : ''}`}
            </Text>
            <Badge color="gray">{rules.filter((r) => r.enabled).length} of {rules.length} rules on</Badge>
          </Group>
        </Card>
        <FormError error={save.error} title="The rules were not saved" />
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Rules">
          {rules.map((rule, i) => (
            <RuleRow key={rule.id} rule={rule} index={i} errors={errors} disabled={!canEdit} onChange={(next) => setRules(rules.map((r, j) => (j === i ? next : r)))} />
          ))}
        </Stack>
        {canEdit && (
          <Group justify="flex-end" gap="sm" pos="sticky" bottom={0} py="sm" style={{ background: 'var(--tilth-page-bg)' }}>
            {dirty && (
              <Text fz="sm" c="orange.9">
                Unsaved changes
              </Text>
            )}
            <Button variant="default" disabled={!dirty} onClick={() => setRules(view.rules)}>
              Undo changes
            </Button>
            <Button type="submit" disabled={!dirty} loading={save.isPending}>
              Save as a new version
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}

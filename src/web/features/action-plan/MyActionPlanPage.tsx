/**
 * For a patient: their action plan (issue #6 §4): insights turned into commitments, what they will do, when, and how
 * they will know; reviewed with the therapist at each integration session. They add items and revise them here.
 */
import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { AddItemCard } from './AddItemCard';
import { PlanItemCard } from './PlanItemCard';
import { useActionPlan } from './queries';

const AUDIENCE = 'your therapist and the clinic’s medical team can read it';

export function MyActionPlanPage() {
  const me = useSession();
  const patientId = me.user.patientId ?? null;
  const plan = useActionPlan(patientId);
  const tz = me.clinic.timeZone;
  return (
    <Page
      title="My action plan"
      description="What you want to carry from your sessions into daily life: an insight, what you will do about it, when, and how you will know. You and your therapist review it at each integration session."
    >
      {!patientId ? null : plan.isPending ? (
        <Loading label="Loading your plan…" />
      ) : plan.isError ? (
        <ErrorAlert error={plan.error} title="Your plan could not be loaded" />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
          <Stack gap="md" component="section" aria-labelledby="plan-current-title">
            <Title order={2} id="plan-current-title">Current</Title>
            {plan.data.filter((i) => i.status === 'active').length === 0 && <Text c="dimmed">Nothing in progress yet.</Text>}
            {plan.data.filter((i) => i.status === 'active').map((i) => <PlanItemCard key={`${i.id}-${i.updatedAt}`} item={i} timeZone={tz} noteAudience={AUDIENCE} />)}
            {plan.data.some((i) => i.status !== 'active') && (
              <>
                <Title order={2} id="plan-closed-title">Done or dropped</Title>
                {plan.data.filter((i) => i.status !== 'active').map((i) => <PlanItemCard key={`${i.id}-${i.updatedAt}`} item={i} timeZone={tz} noteAudience={AUDIENCE} />)}
              </>
            )}
          </Stack>
          <AddItemCard patientId={patientId} intro="Your care team sees your plan and talks it through with you at integration." />
        </SimpleGrid>
      )}
    </Page>
  );
}

/** Staff, at an integration session: the patient's action plan, each item with review controls for this session. */
import { Card, Stack, Text, Title } from '@mantine/core';
import { ErrorAlert, Loading } from '../../app/states';
import { AddItemCard } from './AddItemCard';
import { PlanItemCard } from './PlanItemCard';
import { useActionPlan } from './queries';

const AUDIENCE = 'the patient reads it in their portal';
const ORDER = { active: 0, done: 1, dropped: 2 } as const;

export function ActionPlanReviewCard({ patientId, appointmentId, timeZone }: { patientId: string; appointmentId: string; timeZone: string }) {
  const plan = useActionPlan(patientId);
  return (
    <Stack gap="md">
      <Card component="section" aria-labelledby="plan-review-title">
        <Stack gap="sm">
          <Title order={2} fz="lg" id="plan-review-title">Action plan</Title>
          <Text fz="xs" c="dimmed">Review each commitment with the patient: how it went, and whether it continues, is done, or is let go.</Text>
          {plan.isPending ? (
            <Loading label="Loading the action plan…" />
          ) : plan.isError ? (
            <ErrorAlert error={plan.error} title="The action plan could not be loaded" />
          ) : plan.data.length === 0 ? (
            <Text fz="sm" c="dimmed">No items yet. Add the first one below with the patient.</Text>
          ) : (
            [...plan.data]
              .sort((a, b) => ORDER[a.status] - ORDER[b.status])
              .map((i) => <PlanItemCard key={`${i.id}-${i.updatedAt}`} item={i} timeZone={timeZone} review={{ appointmentId }} noteAudience={AUDIENCE} />)
          )}
        </Stack>
      </Card>
      <AddItemCard patientId={patientId} intro="An insight from this session, turned into a commitment the patient agrees to." />
    </Stack>
  );
}

/**
 * The course page's integration follow-through: a status badge on each dose, and "Record as held" on an integration
 * session that has started and is still booked (for those who manage the schedule).
 */
import { Button } from '@mantine/core';
import type { ReactNode } from 'react';
import { IntegrationBadge } from './IntegrationBadge';
import { useCourseIntegration, useMarkHeld } from './queries';

interface AppointmentLike {
  id: string | null;
  kind: string;
  number: number;
  start: string;
  status: string;
}

export function useCourseFollowThrough(course: { id: string; patientId: string; timeZone: string }, canManage: boolean) {
  const integration = useCourseIntegration(course.id);
  const held = useMarkHeld(course.patientId);
  const byDose = new Map((integration.data?.doses ?? []).map((d) => [d.doseId, d]));
  const badges = (a: AppointmentLike): ReactNode => {
    const dose = a.kind === 'dosing' && a.id ? byDose.get(a.id) : undefined;
    return dose ? <IntegrationBadge dose={dose} timeZone={course.timeZone} /> : null;
  };
  const heldButton = (a: AppointmentLike): ReactNode =>
    canManage && a.kind === 'integration' && a.id && a.status === 'booked' && Date.parse(a.start) <= Date.now() ? (
      <Button variant="subtle" color="sage" size="compact-sm" loading={held.isPending && held.variables === a.id} onClick={() => held.mutate(a.id!)} aria-label={`Record integration ${a.number} as held`}>
        Record as held
      </Button>
    ) : null;
  return { badges, heldButton, error: held.error };
}

/** Planning a planned course again: another therapist, a later earliest start. */
import { Button, Group, NativeSelect, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import { useStaffList } from '../../api/staff';
import { FormError } from '../../app/FormError';
import { useSession } from '../../app/session';
import { todayIn } from '../../app/time';
import { courseApi, useScheduleMutation } from './queries';
import type { Course } from './types';

export function ReplanForm({ course, onDone }: { course: Course; onDone?: () => void }) {
  const me = useSession();
  const staff = useStaffList();
  const therapists = (staff.data ?? []).filter((s) => s.role === 'therapist' && s.active);
  const [therapistId, setTherapistId] = useState(course.therapistId);
  const [startDate, setStartDate] = useState('');
  const plan = useScheduleMutation(course.patientId, () => courseApi.plan(course.id, { therapistId, ...(startDate ? { startDate } : {}) }));
  const errors = fieldErrors(plan.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    plan.mutate(undefined, { onSuccess: () => onDone?.() });
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Plan again">
      <FormError error={plan.error} title="The course was not planned again" />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NativeSelect
          label="Therapist"
          value={therapistId}
          onChange={(e) => setTherapistId(e.currentTarget.value)}
          error={errors.therapistId}
          data={therapists.map((t) => ({ value: t.id, label: t.name }))}
          style={{ flex: '1 1 12rem' }}
        />
        <TextInput
          label="Earliest start (optional)"
          type="date"
          min={todayIn(me.clinic.timeZone)}
          value={startDate}
          onChange={(e) => setStartDate(e.currentTarget.value)}
          error={errors.startDate}
          style={{ flex: '1 1 12rem' }}
        />
        <Button type="submit" variant="light" loading={plan.isPending}>
          Plan again
        </Button>
      </Group>
    </form>
  );
}

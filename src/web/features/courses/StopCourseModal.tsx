/**
 * Stopping a course: discard a plan, cancel the rest of a booked course, or pause it (its future appointments are
 * cancelled and freed; resuming plans the remaining sessions again). Each needs a reason.
 */
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { courseApi, useScheduleMutation } from './queries';
import type { Course } from './types';

type Mode = 'discard' | 'cancel' | 'pause';

const TEXT: Record<Mode, { button: string; title: string; explain: string; submit: string; placeholder: string }> = {
  discard: {
    button: 'Discard this plan',
    title: 'Discard the proposed plan',
    explain: 'Nothing was booked. The course is closed as cancelled; you can start a new one afterwards.',
    submit: 'Discard the plan',
    placeholder: 'e.g. The patient wants to start in the new year',
  },
  cancel: {
    button: 'Cancel the rest of the course',
    title: 'Cancel the rest of the course',
    explain: 'Every future appointment of this course is cancelled and its time freed. Held sessions stay in the record. This cannot be undone; pause instead if the course may go on.',
    submit: 'Cancel the rest',
    placeholder: 'e.g. The patient decided to stop treatment',
  },
  pause: {
    button: 'Pause the course',
    title: 'Pause the course',
    explain: 'Every future appointment is cancelled and its time freed. When you resume, Tilth plans the remaining sessions again, numbered on from where the course stopped.',
    submit: 'Pause the course',
    placeholder: 'e.g. Clinical hold until blood pressure is controlled',
  },
};

export function StopCourseButton({ course, mode }: { course: Course; mode: Mode }) {
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant={mode === 'pause' ? 'default' : 'subtle'} color={mode === 'pause' ? undefined : 'red'} onClick={open}>
        {TEXT[mode].button}
      </Button>
      {opened && <StopCourseModal course={course} mode={mode} onClose={close} />}
    </>
  );
}

function StopCourseModal({ course, mode, onClose }: { course: Course; mode: Mode; onClose: () => void }) {
  const t = TEXT[mode];
  const [reason, setReason] = useState('');
  const stop = useScheduleMutation(course.patientId, () => (mode === 'pause' ? courseApi.pause(course.id, reason.trim()) : courseApi.cancelCourse(course.id, reason.trim())));
  const errors = fieldErrors(stop.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    stop.mutate(undefined, { onSuccess: onClose });
  };
  return (
    <Modal opened onClose={onClose} title={t.title} size="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          <Text fz="sm">{t.explain}</Text>
          <FormError error={stop.error} title="Nothing was changed" />
          <Textarea label="Reason" required autosize minRows={2} placeholder={t.placeholder} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Keep the course
            </Button>
            <Button type="submit" color={mode === 'pause' ? undefined : 'red'} variant={mode === 'pause' ? 'filled' : 'light'} loading={stop.isPending}>
              {t.submit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

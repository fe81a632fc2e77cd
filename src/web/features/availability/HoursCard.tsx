/** A staff member's weekly working hours in clinic time: what the planner books them into. */
import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import { FormError } from '../../app/FormError';
import { formatInstant } from '../../app/time';
import { availabilityApi, useAvailabilityMutation, type Availability } from './queries';
import { WeeklyHoursEditor, type WeeklyHours } from './WeeklyHoursEditor';

export function HoursCard({ availability, canEdit }: { availability: Availability; canEdit: boolean }) {
  const [hours, setHours] = useState<WeeklyHours>(availability.weeklyHours);
  const save = useAvailabilityMutation(availability.staffId, () => availabilityApi.saveHours(availability.staffId, hours));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Card>
      <form onSubmit={onSubmit} noValidate aria-label={`Working hours of ${availability.staffName}`}>
        <Stack gap="md">
          <Title order={2}>Weekly working hours</Title>
          <Text fz="sm">
            Clinic time ({availability.timeZone.replace(/_/g, ' ')}); a 10:00 start stays 10:00 across daylight-saving changes. New plans book
            sessions only inside these hours; booked appointments do not move by themselves.
            {availability.updatedAt && ` Last changed ${formatInstant(availability.updatedAt, availability.timeZone)}.`}
          </Text>
          {save.isSuccess && (
            <Alert color="sage" variant="light" role="status">
              Working hours saved.
            </Alert>
          )}
          <FormError error={save.error} title="The working hours were not saved" />
          <fieldset className="tilth-fieldset" disabled={!canEdit}>
            <legend className="tilth-visually-hidden">Hours per weekday</legend>
            <WeeklyHoursEditor value={hours} onChange={setHours} offLabel="Not working" maxSpans={6} errors={fieldErrors(save.error)} errorPath="weeklyHours" />
          </fieldset>
          {canEdit && (
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending}>
                Save working hours
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Card>
  );
}

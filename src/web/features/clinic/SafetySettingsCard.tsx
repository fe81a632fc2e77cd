/**
 * Admin: what a patient sees when an answer raises a safety flag (the crisis resources), how long an alert may stay
 * open before it is escalated, and the PCL-5 positive cut-off.
 */
import { Alert, Button, Card, Group, NumberInput, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { fieldErrors } from '../../api/client';
import type { Clinic } from '../../api/types';
import { FormError } from '../../app/FormError';
import { linkify } from '../questionnaires/CrisisResources';
import { useClinicSave } from './queries';

export function SafetySettingsCard({ clinic }: { clinic: Clinic }) {
  const save = useClinicSave();
  const s = clinic.settings;
  const [crisis, setCrisis] = useState(s.crisisResources);
  const [hours, setHours] = useState<number | string>(s.safetyEscalationHours);
  const [pcl5, setPcl5] = useState<number | string>(s.pcl5PositiveThreshold);
  const errors = fieldErrors(save.error);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ settings: { crisisResources: crisis.trim(), safetyEscalationHours: Number(hours), pcl5PositiveThreshold: Number(pcl5) } });
  };
  const phones = linkify(crisis).phones;
  return (
    <Card>
      <form onSubmit={onSubmit} noValidate aria-label="Safety and measurement">
        <Stack gap="md">
          <Title order={2}>Safety and measurement</Title>
          {save.isSuccess && (
            <Alert color="sage" role="status" variant="light">
              Safety and measurement settings saved.
            </Alert>
          )}
          <FormError error={save.error} title="The settings were not saved" />
          <Textarea
            label="Crisis resources"
            description="Shown to a patient at once, prominently, whenever an answer raises a safety flag (e.g. PHQ-9 item 9 above zero). Phone numbers become call links."
            required
            autosize
            minRows={4}
            value={crisis}
            onChange={(e) => setCrisis(e.currentTarget.value)}
            error={errors['settings.crisisResources']}
          />
          <Text fz="sm" c={phones.length ? 'dimmed' : 'orange.9'}>
            {phones.length ? `Call links: ${phones.join(', ')}.` : 'No phone number found: patients in crisis should see one to call.'}
          </Text>
          <Group grow align="flex-start" wrap="wrap">
            <NumberInput
              label="Escalate open safety alerts after (hours)"
              description="To the patient’s prescriber and the clinic’s administrators"
              min={1}
              max={72}
              allowDecimal={false}
              value={hours}
              onChange={setHours}
              error={errors['settings.safetyEscalationHours']}
            />
            <NumberInput
              label="PCL-5 positive screen at (total)"
              description="Provisional PTSD cut-off; the VA suggests 31–33"
              min={20}
              max={60}
              allowDecimal={false}
              value={pcl5}
              onChange={setPcl5}
              error={errors['settings.pcl5PositiveThreshold']}
            />
          </Group>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Save safety settings
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

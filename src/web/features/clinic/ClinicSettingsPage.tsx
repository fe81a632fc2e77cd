/** Admin: the clinic's details, its security setting, safety settings, opening hours, closed days and reminders. */
import { Alert, Button, Card, Group, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, fieldErrors } from '../../api/client';
import { CLINIC_KEY, useClinicSave } from './queries';
import type { Clinic } from '../../api/types';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { ClinicHoursCard } from '../availability/ClinicHoursCard';
import { SafetySettingsCard } from './SafetySettingsCard';

export function ClinicSettingsPage() {
  const clinic = useQuery({ queryKey: CLINIC_KEY, queryFn: () => api.get<Clinic>('/api/clinic') });
  return (
    <Page title="Clinic settings" description="Your clinic’s details, sign-in security, safety and measurement settings, opening hours and reminders.">
      {clinic.isPending ? (
        <Loading label="Loading clinic settings…" />
      ) : clinic.isError ? (
        <ErrorAlert error={clinic.error} title="The clinic settings could not be loaded" />
      ) : (
        <>
          <SecurityCard clinic={clinic.data} />
          <SafetySettingsCard key={`${clinic.data.settings.crisisResources}|${clinic.data.settings.safetyEscalationHours}|${clinic.data.settings.pcl5PositiveThreshold}`} clinic={clinic.data} />
          <ClinicHoursCard clinic={clinic.data} />
          <DetailsForm key={clinic.data.name + clinic.data.timeZone} clinic={clinic.data} />
        </>
      )}
    </Page>
  );
}

function SecurityCard({ clinic }: { clinic: Clinic }) {
  const me = useSession();
  const save = useClinicSave();
  const on = clinic.settings.requireAdminTotp;
  return (
    <Card>
      <Stack gap="sm">
        <Title order={2}>Sign-in security</Title>
        <Switch
          label="Require two-step sign-in for administrators"
          description="Administrators without an authenticator app must set one up the next time they sign in."
          checked={on}
          disabled={save.isPending}
          onChange={(e) => save.mutate({ settings: { requireAdminTotp: e.currentTarget.checked } })}
        />
        {!on && !me.totpEnabled && (
          <Text fz="sm">
            You have not set up two-step sign-in yourself: turning this on takes you straight to setting it up.
          </Text>
        )}
        {save.isSuccess && (
          <Text fz="sm" role="status">
            Saved: two-step sign-in is {save.data.settings.requireAdminTotp ? 'required' : 'optional'} for administrators.
          </Text>
        )}
        {save.error && <ErrorAlert error={save.error} title="The setting was not saved" />}
      </Stack>
    </Card>
  );
}

function DetailsForm({ clinic }: { clinic: Clinic }) {
  const save = useClinicSave();
  const [v, setV] = useState({ name: clinic.name, timeZone: clinic.timeZone, phone: clinic.phone, email: clinic.email, website: clinic.website ?? '' });
  const errors = fieldErrors(save.error);
  const field = (key: keyof typeof v) => ({ value: v[key], onChange: (e: React.ChangeEvent<HTMLInputElement>) => setV({ ...v, [key]: e.currentTarget.value }), error: errors[key] });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ ...v, website: v.website.trim() || null });
  };
  const a = clinic.address;
  return (
    <Card>
      <form onSubmit={onSubmit} noValidate aria-label="Clinic details">
        <Stack gap="md">
          <Title order={2}>Clinic details</Title>
          {save.isSuccess && (
            <Alert color="sage" role="status" variant="light">
              Clinic details saved.
            </Alert>
          )}
          {save.error && (
            <Alert color="red" role="alert">
              {save.error.message}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput label="Clinic name" required {...field('name')} />
            <TextInput label="Time zone" description="IANA name, e.g. America/Los_Angeles; all times are shown in it" required {...field('timeZone')} />
            <TextInput label="Phone" type="tel" required {...field('phone')} />
            <TextInput label="Email" type="email" required {...field('email')} />
            <TextInput label="Website" type="url" {...field('website')} />
          </SimpleGrid>
          <Text fz="sm" c="dimmed">
            Address: {[a.line1, a.line2, `${a.city}, ${a.region} ${a.postalCode}`, a.country].filter(Boolean).join(', ')}
          </Text>
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              Save details
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

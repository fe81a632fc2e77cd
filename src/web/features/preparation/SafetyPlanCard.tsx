/**
 * The emotional safety plan made in preparation: what helps when it gets hard, the people to call (each number a
 * tel: link), and the clinic's crisis resources. The patient sees it as "My safety plan" in the portal; the staff
 * who run a dosing session see the same plan for the patient.
 */
import { Alert, Anchor, Card, List, Stack, Text, Title } from '@mantine/core';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { formatInstant } from '../../app/time';
import { linkify } from '../questionnaires/CrisisResources';
import { useMySafetyPlan, usePatientSafetyPlan } from './queries';
import type { SafetyPlan } from './types';

const tel = (phone: string) => `tel:${phone.replace(/[^\d+]/g, '')}`;

export function SafetyPlanView({ plan, audience }: { plan: SafetyPlan; audience: 'patient' | 'staff' }) {
  const me = useSession();
  const mine = audience === 'patient';
  const empty = plan.whatHelps === null && plan.contacts.length === 0;
  return (
    <Stack gap="sm">
      {empty ? (
        <Text fz="sm" c="dimmed">
          {mine
            ? 'You and your therapist will make a safety plan together during preparation: what helps when things get hard, and who you can call. It will appear here.'
            : 'No safety plan has been made in a preparation session yet.'}
        </Text>
      ) : (
        <>
          {plan.whatHelps && (
            <div>
              <Title order={3} fz="md">What helps when it gets hard</Title>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{plan.whatHelps}</Text>
            </div>
          )}
          <div>
            <Title order={3} fz="md">{mine ? 'Who you can call' : 'Who to call'}</Title>
            {plan.contacts.length === 0 ? (
              <Text fz="sm" c="dimmed">No one named yet.</Text>
            ) : (
              <List spacing={4}>
                {plan.contacts.map((c, i) => (
                  <List.Item key={i}>
                    <Text span fw={600}>{c.name || 'Unnamed'}</Text>
                    {c.relationship && <Text span> ({c.relationship})</Text>}
                    {c.phone && (
                      <>
                        {': '}
                        <Anchor href={tel(c.phone)} underline="always" aria-label={`Call ${c.name || 'this person'} at ${c.phone}`}>{c.phone}</Anchor>
                      </>
                    )}
                  </List.Item>
                ))}
              </List>
            )}
          </div>
          {plan.updatedAt && <Text fz="xs" c="dimmed">Last updated {formatInstant(plan.updatedAt, me.clinic.timeZone)}.</Text>}
        </>
      )}
      <Alert color="red" variant="light" title={mine ? 'If you are in crisis' : 'The clinic’s crisis resources'}>
        <Text fz="sm">{linkify(plan.crisisResources).nodes}</Text>
        {plan.clinic.phone && (
          <Text fz="sm" mt={4}>
            {plan.clinic.name}: <Anchor href={tel(plan.clinic.phone)} underline="always">{plan.clinic.phone}</Anchor>
          </Text>
        )}
      </Alert>
    </Stack>
  );
}

/** The portal's "My safety plan". */
export function MySafetyPlanCard() {
  const plan = useMySafetyPlan();
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} fz="h3">My safety plan</Title>
        {plan.isPending ? <Loading label="Loading your safety plan…" /> : plan.isError ? <ErrorAlert error={plan.error} title="Your safety plan could not be loaded" /> : <SafetyPlanView plan={plan.data} audience="patient" />}
      </Stack>
    </Card>
  );
}

/** A patient's safety plan, for staff (the dosing session, the preparation page). */
export function PatientSafetyPlanCard({ patientId }: { patientId: string }) {
  const plan = usePatientSafetyPlan(patientId);
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={2} fz="h3">Safety plan</Title>
        {plan.isPending ? <Loading label="Loading the safety plan…" /> : plan.isError ? <ErrorAlert error={plan.error} title="The safety plan could not be loaded" /> : <SafetyPlanView plan={plan.data} audience="staff" />}
      </Stack>
    </Card>
  );
}

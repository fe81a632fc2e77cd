/**
 * The frame of every staff page about one patient: the name as the h1, birth date and status, the sections of the
 * record (overview, course, timeline, questionnaires, outcomes, screening) as links, and any open safety alert above everything else.
 */
import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { PatientDetail } from '../../api/types';
import { patientName } from '../../app/labels';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { Loading, QueryFailure } from '../../app/states';
import { ageOn, formatDate } from '../../app/time';
import { PatientAlerts } from '../safety/PatientAlerts';
import { usePatient } from './queries';
import { StatusBadge } from './StatusBadge';

export type PatientSection = 'overview' | 'course' | 'timeline' | 'questionnaires' | 'outcomes' | 'screening';

/** Clinical sections are for the clinical roles; the course (scheduling) for whoever may read the patient's schedule. */
const SECTIONS: { id: PatientSection; label: string; path: string; needs: 'any' | 'clinical' | 'schedule' }[] = [
  { id: 'overview', label: 'Overview', path: '', needs: 'any' },
  { id: 'course', label: 'Course & appointments', path: '/course', needs: 'schedule' },
  { id: 'timeline', label: 'Timeline', path: '/timeline', needs: 'clinical' },
  { id: 'questionnaires', label: 'Questionnaires', path: '/questionnaires', needs: 'clinical' },
  { id: 'outcomes', label: 'Outcomes', path: '/outcomes', needs: 'clinical' },
  { id: 'screening', label: 'Screening & eligibility', path: '/screening', needs: 'clinical' },
];

/** Clinical sections are for the clinical roles (an admin sees demographics only). */
export const seesClinical = (role: string) => role === 'prescriber' || role === 'nurse' || role === 'therapist';

export interface PatientFrameProps {
  section: PatientSection;
  actions?: (p: PatientDetail) => ReactNode;
  children: (p: PatientDetail) => ReactNode;
}

export function PatientFrame({ section, actions, children }: PatientFrameProps) {
  const { id = '' } = useParams();
  const me = useSession();
  const patient = usePatient(id);
  if (patient.isPending) return <Loading label="Loading the patient’s record…" />;
  if (patient.isError) return <QueryFailure error={patient.error} what="patient" />;
  const p = patient.data;
  const name = patientName(p);
  const clinical = seesClinical(me.user.role);
  const current = SECTIONS.find((s) => s.id === section)!;
  const sections = SECTIONS.filter((s) => s.needs === 'any' || (s.needs === 'clinical' ? clinical : p.permissions.readSchedule));
  const age = ageOn(p.dateOfBirth, me.clinic.timeZone);
  return (
    <Page
      title={section === 'overview' ? name : `${current.label} · ${name}`}
      heading={name}
      description={
        <>
          Born {formatDate(p.dateOfBirth)}
          {age !== null && ` (${age})`}
          {p.pronouns && ` · ${p.pronouns}`}
        </>
      }
      actions={
        <Group gap="sm">
          <StatusBadge status={p.status} size="lg" />
          {actions?.(p)}
        </Group>
      }
    >
      <Button component={Link} to="/patients" variant="subtle" size="compact-sm" w="fit-content" px={0}>
        ← All patients
      </Button>
      {sections.length > 1 && (
        <Group component="nav" aria-label="Sections of the record" gap={6} wrap="wrap">
          {sections.map((s) => (
            <Button
              key={s.id}
              component={Link}
              to={`/patients/${p.id}${s.path}`}
              variant={s.id === section ? 'filled' : 'default'}
              size="sm"
              aria-current={s.id === section ? 'page' : undefined}
            >
              {s.label}
            </Button>
          ))}
        </Group>
      )}
      <PatientAlerts patientId={p.id} />
      {children(p)}
    </Page>
  );
}

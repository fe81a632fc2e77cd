/** One patient: status and its moves, the course, care team, weights, personal details, portal access and history. */
import { Alert, Button, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useStaffList } from '../../api/staff';
import type { PatientDetail } from '../../api/types';
import { patientName } from '../../app/labels';
import { useSession } from '../../app/session';
import { Loading, QueryFailure } from '../../app/states';
import { CourseSummaryCard } from '../courses/CourseSummaryCard';
import { SelfView } from '../portal/SelfView';
import { CareTeamCard } from './CareTeamCard';
import { DetailsCard } from './DetailsCard';
import { HistoryCard } from './HistoryCard';
import { PatientFrame } from './PatientFrame';
import { PortalCard } from './PortalCard';
import { usePatient } from './queries';
import { StatusCard } from './StatusCard';
import { WeightsCard } from './WeightsCard';

export function PatientOverviewPage() {
  const { id = '' } = useParams();
  const me = useSession();
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  const patient = usePatient(id);
  const isStaff = me.user.role !== 'patient';
  const staff = useStaffList(isStaff);
  const names = useMemo(() => new Map((staff.data ?? []).map((s) => [s.id, s.name])), [staff.data]);

  if (patient.isPending) return <Loading label="Loading the patient’s record…" />;
  if (patient.isError) return <QueryFailure error={patient.error} what="patient" />;
  if (!isStaff) return <SelfView patient={patient.data} title={me.user.patientId === patient.data.id ? 'My overview' : patientName(patient.data)} />;

  return (
    <PatientFrame
      section="overview"
      actions={(p) =>
        me.user.role === 'admin' && (
          <Button component={Link} to={`/audit?patientId=${p.id}`} variant="default" size="sm">
            View audit trail
          </Button>
        )
      }
    >
      {(p) => (
        <>
          {notice && (
            <Alert color="sage" role="status" variant="light">
              {notice}
            </Alert>
          )}
          <OverviewGrid p={p} names={names} />
        </>
      )}
    </PatientFrame>
  );
}

function OverviewGrid({ p, names }: { p: PatientDetail; names: Map<string, string> }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
      <Stack gap="lg">
        <StatusCard patient={p} />
        {p.permissions.readSchedule && <CourseSummaryCard patient={p} />}
        <CareTeamCard patient={p} />
        {p.weights ? (
          <WeightsCard patient={p} />
        ) : (
          <Text c="dimmed" fz="sm">
            Clinical information (weights and measurements) is shown to the care team only.
          </Text>
        )}
      </Stack>
      <Stack gap="lg">
        <DetailsCard patient={p} />
        <PortalCard patient={p} />
        <HistoryCard patient={p} names={names} />
      </Stack>
    </SimpleGrid>
  );
}

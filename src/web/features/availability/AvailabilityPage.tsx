/**
 * Working hours and time off. An administrator chooses any staff member and changes their hours; everyone else sees
 * and changes their own.
 */
import { Group, NativeSelect, SimpleGrid } from '@mantine/core';
import { useSearchParams } from 'react-router';
import { useStaffList } from '../../api/staff';
import { ROLE_LABEL } from '../../app/labels';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { ExceptionsCard } from './ExceptionsCard';
import { HoursCard } from './HoursCard';
import { useAvailability } from './queries';

export function AvailabilityPage() {
  const me = useSession();
  const admin = me.user.role === 'admin';
  const [params, setParams] = useSearchParams();
  const staff = useStaffList();
  const people = (staff.data ?? []).filter((s) => s.active).sort((a, b) => a.name.localeCompare(b.name));
  const staffId = (admin && params.get('staff')) || me.user.staffId || people[0]?.id || '';
  const availability = useAvailability(staffId);
  const canEdit = admin || staffId === me.user.staffId;

  return (
    <Page
      title="Working hours"
      description={admin ? 'Each staff member’s weekly hours and time off: what the planner books sessions into.' : 'Your weekly hours and time off: what the planner books your sessions into.'}
    >
      {admin && (
        <Group>
          <NativeSelect
            label="Staff member"
            value={staffId}
            onChange={(e) => setParams({ staff: e.currentTarget.value }, { replace: true })}
            data={people.map((s) => ({ value: s.id, label: `${s.name} (${ROLE_LABEL[s.role].toLowerCase()})` }))}
            miw={260}
          />
        </Group>
      )}
      {availability.isPending ? (
        <Loading label="Loading working hours…" />
      ) : availability.isError ? (
        <ErrorAlert error={availability.error} title="The working hours could not be loaded" />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
          <HoursCard key={availability.data.staffId} availability={availability.data} canEdit={canEdit} />
          <ExceptionsCard key={availability.data.staffId} availability={availability.data} canEdit={canEdit} />
        </SimpleGrid>
      )}
    </Page>
  );
}

/**
 * Staff: the clinic's calendar by day or week (Monday to Sunday, clinic-local days), for the whole clinic, one staff
 * member or one room; the view, the date and the filter live in the address so a view can be shared or reloaded.
 */
import { Button, Checkbox, Group, NativeSelect, SegmentedControl, Stack, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useStaffList } from '../../api/staff';
import type { Clinic } from '../../api/types';
import { ROLE_LABEL } from '../../app/labels';
import { Page } from '../../app/Page';
import { useSession } from '../../app/session';
import { ErrorAlert, Loading } from '../../app/states';
import { addDays, formatDay, mondayOf, todayIn, zoneName } from '../../app/time';
import { CLINIC_KEY } from '../clinic/queries';
import { useRoomNames } from '../courses/queries';
import { ItemChip } from './ItemChip';
import { useCalendar } from './queries';
import { WeekGrid } from './WeekGrid';

const isDate = (s: string | null): s is string => Boolean(s && /^\d{4}-\d{2}-\d{2}$/.test(s));

export function CalendarPage() {
  const me = useSession();
  const tz = me.clinic.timeZone;
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'day' ? 'day' : 'week';
  const date = isDate(params.get('date')) ? params.get('date')! : todayIn(tz);
  const filter = params.get('staff') ? `staff:${params.get('staff')}` : params.get('room') ? `room:${params.get('room')}` : '';
  const cancelled = params.get('cancelled') === '1';
  const staff = useStaffList();
  const rooms = useRoomNames();
  const clinic = useQuery({ queryKey: CLINIC_KEY, queryFn: () => api.get<Clinic>('/api/clinic'), staleTime: 60_000 });
  const calendar = useCalendar({
    view, date, includeCancelled: cancelled,
    staffId: filter.startsWith('staff:') ? filter.slice(6) : undefined,
    roomId: filter.startsWith('room:') ? filter.slice(5) : undefined,
  });

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const step = view === 'week' ? 7 : 1;
  const unit = view === 'week' ? 'week' : 'day';
  const today = todayIn(tz);
  const title = view === 'week' ? `Week from ${formatDay(mondayOf(date), true)}` : formatDay(date, true);
  const filterName =
    filter.startsWith('staff:') ? (staff.data?.find((s) => s.id === filter.slice(6))?.name ?? 'Staff member') : filter.startsWith('room:') ? (rooms.get(filter.slice(5)) ?? 'Room') : 'Whole clinic';
  const hours = clinic.data?.settings.openingHours ?? {};
  const closedDates = new Set(clinic.data?.settings.closedDates ?? []);
  const isClosed = (d: string) => closedDates.has(d) || !(hours[String(((new Date(`${d}T12:00:00Z`).getUTCDay() + 6) % 7) + 1)]?.length);

  return (
    <Page
      title="Calendar"
      description={`Appointments in clinic time, ${tz.replace(/_/g, ' ')} (${zoneName(tz)}).`}
      actions={
        <Button component={Link} to="/calendar/today" variant="light">
          Today by room
        </Button>
      }
    >
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <NativeSelect
            label="Show"
            value={filter}
            onChange={(e) => {
              const v = e.currentTarget.value;
              set({ staff: v.startsWith('staff:') ? v.slice(6) : null, room: v.startsWith('room:') ? v.slice(5) : null });
            }}
            data={[
              { value: '', label: 'Whole clinic' },
              ...(me.user.staffId ? [{ value: `staff:${me.user.staffId}`, label: 'My appointments' }] : []),
              { group: 'Staff', items: (staff.data ?? []).filter((s) => s.active && s.role !== 'admin').map((s) => ({ value: `staff:${s.id}`, label: `${s.name} (${ROLE_LABEL[s.role].toLowerCase()})` })) },
              { group: 'Rooms', items: [...rooms].map(([id, name]) => ({ value: `room:${id}`, label: name })) },
            ]}
            style={{ flex: '1 1 14rem' }}
          />
          <TextInput label="Date" type="date" value={date} onChange={(e) => isDate(e.currentTarget.value) && set({ date: e.currentTarget.value })} style={{ flex: '0 1 11rem' }} />
          <Stack gap={4}>
            <Text fz="sm" fw={500} id="calendar-view-label">
              View
            </Text>
            <SegmentedControl
              aria-labelledby="calendar-view-label"
              value={view}
              onChange={(v) => set({ view: v === 'day' ? 'day' : null })}
              data={[
                { value: 'day', label: 'Day' },
                { value: 'week', label: 'Week' },
              ]}
            />
          </Stack>
        </Group>
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Group component="nav" aria-label={`Move between ${unit}s`} gap="xs">
            <Button variant="default" size="sm" onClick={() => set({ date: addDays(date, -step) })}>
              Previous {unit}
            </Button>
            <Button variant="default" size="sm" onClick={() => set({ date: null })} disabled={date === today}>
              Today
            </Button>
            <Button variant="default" size="sm" onClick={() => set({ date: addDays(date, step) })}>
              Next {unit}
            </Button>
          </Group>
          <Checkbox label="Show cancelled" checked={cancelled} onChange={(e) => set({ cancelled: e.currentTarget.checked ? '1' : null })} />
        </Group>
      </Stack>
      <Stack gap="xs">
        <Title order={2}>
          {title} · {filterName}
        </Title>
        <VisuallyHidden role="status">{calendar.data && !calendar.isFetching ? `${title}, ${filterName}: ${calendar.data.items.length} appointments.` : ''}</VisuallyHidden>
        {calendar.isPending ? (
          <Loading label="Loading the calendar…" />
        ) : calendar.isError ? (
          <ErrorAlert error={calendar.error} title="The calendar could not be loaded" />
        ) : (
          <>
            {calendar.data.items.length === 0 && <Text c="dimmed">No appointments this {unit}.</Text>}
            <WeekGrid
              label={`${title}, ${filterName}`}
              today={today}
              days={calendar.data.days.map((d) => ({
                date: d.date,
                closed: isClosed(d.date),
                note: isClosed(d.date) ? 'Clinic closed' : undefined,
                items: calendar.data.items.filter((i) => i.localDate === d.date).map((i) => ({ key: i.id, node: <ItemChip item={i} tz={tz} hide={filter.startsWith('room:') ? 'room' : undefined} /> })),
              }))}
            />
          </>
        )}
      </Stack>
    </Page>
  );
}

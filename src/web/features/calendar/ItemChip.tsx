/** A calendar appointment in a day cell: kind, time with zone, patient (a link for those who may open the record), room, staff. */
import { Anchor } from '@mantine/core';
import { Link } from 'react-router';
import { formatTime } from '../../app/time';
import { APPOINTMENT_STATUS_LABEL, appointmentName } from '../courses/labels';
import type { CalendarItem } from './types';
import { AppointmentChip } from './WeekGrid';

export function ItemChip({ item, tz, hide }: { item: CalendarItem; tz: string; hide?: 'room' | 'staff' }) {
  const off = item.status === 'cancelled' || item.status === 'no-show';
  return (
    <AppointmentChip
      kind={item.kind}
      status={item.status}
      title={appointmentName(item)}
      tag={off ? APPOINTMENT_STATUS_LABEL[item.status].toLowerCase() : undefined}
      lines={[
        `${formatTime(item.start, tz)}–${formatTime(item.end, tz)} ${item.timeZoneName}`,
        item.patient.id && item.patient.named ? (
          <Anchor component={Link} to={`/patients/${item.patient.id}/course`} fz="inherit" fw={600} c="sage.9">
            {item.patient.display}
          </Anchor>
        ) : (
          `Patient ${item.patient.display}`
        ),
        hide !== 'room' && item.roomName,
        hide !== 'staff' && item.therapistName,
        item.nurseName && `Nurse ${item.nurseName}`,
      ]}
    />
  );
}

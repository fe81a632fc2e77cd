/** A small clinic for the scheduling unit tests (test-only; pure). */
import { Temporal } from 'temporal-polyfill';
import { weeklyIntervals, workingTime, patientWindows, type WeeklyHours } from './availability';
import { IntervalSet } from './intervals';
import { ProtocolDefinition, type ProtocolInput, type Route } from './protocol';
import type { PlanningContext } from './resources';

export const WEEKDAYS_9_TO_5: WeeklyHours = { 1: [['09:00', '17:00']], 2: [['09:00', '17:00']], 3: [['09:00', '17:00']], 4: [['09:00', '17:00']], 5: [['09:00', '17:00']] };
export const CLINIC_HOURS: WeeklyHours = { ...Object.fromEntries([1, 2, 3, 4, 5].map((d) => [d, [['08:00', '18:00']]])), 6: [['09:00', '13:00']] };

export function fixture(options: { zone?: string; from?: string; protocol?: ProtocolInput; route?: Route; therapistHours?: WeeklyHours; nurses?: number } = {}): PlanningContext {
  const zone = options.zone ?? 'America/Los_Angeles';
  const from = Temporal.PlainDate.from(options.from ?? '2026-03-02');
  const range = { from, to: from.add({ days: 120 }) };
  const protocol = ProtocolDefinition.parse(options.protocol ?? { name: 'Sublingual KAP, 6 sessions', routes: ['sublingual'] });
  const staff = (id: string, hours: WeeklyHours) => ({ id, working: workingTime(hours, [], range, zone), busy: IntervalSet.empty });
  return {
    protocol,
    route: options.route ?? 'sublingual',
    zone,
    stepMinutes: 15,
    open: weeklyIntervals(CLINIC_HOURS, range, zone),
    patient: { windows: patientWindows({}, range, zone), busy: IntervalSet.empty },
    therapist: staff('therapist-1', options.therapistHours ?? WEEKDAYS_9_TO_5),
    prescribers: [staff('prescriber-1', CLINIC_HOURS)],
    nurses: Array.from({ length: options.nurses ?? 1 }, (_, i) => staff(`nurse-${i + 1}`, CLINIC_HOURS)),
    rooms: [
      { id: 'cedar', kind: 'dosing', equipment: ['recliner', 'monitor'], busy: IntervalSet.empty },
      { id: 'willow', kind: 'dosing', equipment: ['recliner'], busy: IntervalSet.empty },
      { id: 'fern', kind: 'consult', equipment: [], busy: IntervalSet.empty },
    ],
  };
}

export const local = (t: Temporal.Instant, zone = 'America/Los_Angeles') => t.toZonedDateTimeISO(zone).toPlainDateTime().toString().slice(0, 16);
export const startAt = (isoLocal: string, zone = 'America/Los_Angeles') => Temporal.PlainDateTime.from(isoLocal).toZonedDateTime(zone).toInstant();

/**
 * The course rules checked on any set of appointments (a proposed plan, a booking, a reschedule): preparation before
 * the first dose and on separate days, dose spacing by calendar days, each integration inside its window after its
 * dose and before the next dose, durations (dosing at least the monitoring time). A violation names the appointment
 * and the rule; the server refuses to book one unless a staff member records an exception with a reason.
 */
import { Temporal } from 'temporal-polyfill';
import type { AppointmentKind, ProtocolDefinition } from './protocol';

export interface CourseAppointment {
  id: string;
  kind: AppointmentKind;
  number: number;
  start: Temporal.Instant;
  end: Temporal.Instant;
}

export const RULES = {
  'prep-before-dose': 'preparation comes before the first dose',
  'prep-separate-days': 'preparation sessions fall on separate days',
  'dose-spacing': 'doses are spaced within the protocol’s limits',
  'integration-window': 'each integration falls inside its window after the dose',
  'integration-before-next-dose': 'each integration comes before the next dose',
  duration: 'each session lasts as long as the protocol says',
} as const;
export type Rule = keyof typeof RULES;

export interface Violation {
  appointmentId: string;
  rule: Rule;
  message: string;
}

const label = (a: CourseAppointment) => `${a.kind} ${a.number}`;
const date = (t: Temporal.Instant, zone: string) => t.toZonedDateTimeISO(zone).toPlainDate();
const hoursBetween = (a: Temporal.Instant, b: Temporal.Instant) => b.since(a).total('hours');
const minutes = (a: CourseAppointment) => a.end.since(a.start).total('minutes');

export function checkCourse(protocol: ProtocolDefinition, appointments: readonly CourseAppointment[], zone: string): Violation[] {
  const v: Violation[] = [];
  const of = (kind: AppointmentKind) => appointments.filter((a) => a.kind === kind).sort((a, b) => a.number - b.number);
  const preps = of('preparation');
  const doses = of('dosing');
  const integrations = new Map(of('integration').map((i) => [i.number, i]));
  const push = (a: CourseAppointment, rule: Rule, message: string) => v.push({ appointmentId: a.id, rule, message: `${label(a)}: ${message}` });

  for (const a of appointments) {
    const expected = a.kind === 'preparation' ? protocol.durations.preparationMinutes : a.kind === 'dosing' ? protocol.durations.dosingMinutes : protocol.durations.integrationMinutes;
    if (a.kind === 'dosing' ? minutes(a) < protocol.durations.monitoringMinutes || minutes(a) !== expected : minutes(a) !== expected) {
      push(a, 'duration', `lasts ${minutes(a)} minutes; the protocol says ${expected}`);
    }
  }
  for (let i = 1; i < preps.length; i++) {
    if (Temporal.PlainDate.compare(date(preps[i - 1]!.start, zone), date(preps[i]!.start, zone)) >= 0) {
      push(preps[i]!, 'prep-separate-days', 'must be on a later day than the preparation before it');
    }
  }
  const firstDose = doses[0];
  const lastPrep = preps[preps.length - 1];
  if (firstDose && lastPrep) {
    const gap = date(lastPrep.start, zone).until(date(firstDose.start, zone)).days;
    if (Temporal.Instant.compare(lastPrep.end, firstDose.start) > 0 || gap < protocol.prepToFirstDoseDays) {
      push(firstDose, 'prep-before-dose', `must be at least ${protocol.prepToFirstDoseDays} day(s) after the last preparation session`);
    }
  }
  for (let i = 1; i < doses.length; i++) {
    const gap = date(doses[i - 1]!.start, zone).until(date(doses[i]!.start, zone)).days;
    const { min, max } = protocol.doseSpacingDays;
    if (gap < min || gap > max) push(doses[i]!, 'dose-spacing', `is ${gap} day(s) after the previous dose; the protocol allows ${min} to ${max}`);
  }
  for (const dose of doses) {
    const integration = integrations.get(dose.number);
    if (!integration) continue;
    const after = hoursBetween(dose.start, integration.start);
    const { min, max } = protocol.integrationWindowHours;
    if (after < min || after > max || Temporal.Instant.compare(integration.start, dose.end) < 0) {
      push(integration, 'integration-window', `starts ${Math.round(after * 10) / 10} h after dose ${dose.number}; the window is ${min}–${max} h`);
    }
    const next = doses.find((d) => d.number === dose.number + 1);
    if (next && Temporal.Instant.compare(integration.end, next.start) > 0) {
      push(integration, 'integration-before-next-dose', `ends after dose ${next.number} begins`);
    }
  }
  return v;
}

/**
 * Per-dose summaries: what the prescriber looks at before ordering the next dose. Route, mg and mg/kg of what was
 * given; the session's peak blood pressure and heart rate (and lowest SpO2) beside the last pre-dose reading; alerts
 * by level; adverse events; the deepest sedation and dissociation scored.
 */
import { mgPerKg, sumMilligrams, type Kilograms, type Milligrams } from '../dosing/units';
import type {
  AdministrationIn, AlertIn, AppointmentIn, DoseOrderIn, DoseState, DoseSummary, DosingSessionIn, ObservationIn, VitalIn, VitalsPeak,
} from './events';

export interface DoseRows {
  orders: readonly DoseOrderIn[];
  administrations: readonly AdministrationIn[];
  vitals: readonly VitalIn[];
  alerts: readonly AlertIn[];
  observations: readonly ObservationIn[];
}

const IN_PROGRESS = new Set(['checked-in', 'checks-passed', 'dosed', 'monitoring', 'ready-for-discharge']);

export function doseState(appointment: AppointmentIn, session: DosingSessionIn | undefined): DoseState {
  if (appointment.status === 'no-show') return 'no-show';
  if (session?.state === 'aborted') return 'aborted';
  if (session?.state === 'discharged' || appointment.status === 'completed') return 'given';
  if (session && IN_PROGRESS.has(session.state)) return 'in-progress';
  return 'booked';
}

/**
 * The order that counts is the latest (a changed order before dosing is a new row); the mg/kg is recomputed from what
 * was actually given, with the weight the order used, because a split dose may stop short of the order. `dosedAt`
 * (dosedAtOf) splits the vitals into before and after the dose.
 */
export function summarizeDose(rows: DoseRows, dosedAt: string | null): DoseSummary {
  const order = latestBy(rows.orders, (o) => o.orderedAt);
  const given = order ? rows.administrations.filter((a) => a.orderId === order.id) : rows.administrations;
  // Stored amounts and weights were checked on the way in (and by the database): typed here, not re-validated.
  const givenMg = given.length ? sumMilligrams(given.map((a) => a.amountMg as Milligrams)) : null;
  const weight = order?.weightKg ?? null;
  const perKg = weight !== null && weight > 0
    ? givenMg !== null ? mgPerKg(givenMg, weight as Kilograms) : order?.mgPerKg ?? null
    : null;
  const levels = (kind: ObservationIn['kind']) => rows.observations.filter((o) => o.kind === kind && o.level !== null).map((o) => o.level!);
  const peak = (xs: number[]) => (xs.length ? Math.max(...xs) : null);
  return {
    route: order?.route ?? null,
    product: order?.product ?? null,
    orderedMg: order?.doseMg ?? null,
    givenMg,
    weightKg: weight,
    mgPerKg: perKg,
    infusionMinutes: order?.infusionMinutes ?? null,
    overridden: order?.overridden ?? false,
    vitals: vitalsPeak(rows.vitals, dosedAt),
    alerts: {
      warn: rows.alerts.filter((a) => a.level === 'warn').length,
      act: rows.alerts.filter((a) => a.level === 'act').length,
      unacknowledged: rows.alerts.filter((a) => a.acknowledgedAt === null).length,
    },
    adverseEvents: rows.observations.filter((o) => o.kind === 'adverse-event').length,
    peakSedation: peak(levels('sedation')),
    peakDissociation: peak(levels('dissociation')),
  };
}

/**
 * Peaks over every reading of the session (a pre-dose hold-level pressure matters as much as a post-dose rise), each
 * measure on its own, with the last reading at or before the dose as the point of comparison.
 */
export function vitalsPeak(vitals: readonly VitalIn[], dosedAt: string | null): VitalsPeak | null {
  if (vitals.length === 0) return null;
  const before = dosedAt ? [...vitals].filter((v) => v.takenAt <= dosedAt).sort((a, b) => cmp(a.takenAt, b.takenAt)) : [];
  const last = before.at(-1);
  return {
    readings: vitals.length,
    peakSystolic: Math.max(...vitals.map((v) => v.systolic)),
    peakDiastolic: Math.max(...vitals.map((v) => v.diastolic)),
    peakHeartRate: Math.max(...vitals.map((v) => v.heartRate)),
    lowestSpo2: Math.min(...vitals.map((v) => v.spo2)),
    preDose: last ? { systolic: last.systolic, diastolic: last.diastolic, heartRate: last.heartRate, spo2: last.spo2 } : null,
  };
}

/** When the dose was given: the session's dosedAt, else the first part given, else null. */
export function dosedAtOf(session: DosingSessionIn | undefined, administrations: readonly AdministrationIn[]): string | null {
  return session?.dosedAt ?? earliest(administrations.map((a) => a.givenAt));
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function earliest(instants: readonly string[]): string | null {
  return instants.length ? [...instants].sort(cmp)[0]! : null;
}

function latestBy<T>(rows: readonly T[], at: (row: T) => string): T | undefined {
  return [...rows].sort((a, b) => cmp(at(a), at(b))).at(-1);
}

/**
 * Six months of a clinic's bookings, generated deterministically: courses started every week from 13 weeks before
 * NOW to 8 weeks after it (so appointments run from 3 months back to 3 months ahead), each planned by the app's
 * planner against everything booked before it; monthly follow-ups for patients in maintenance; the patients around
 * them (eligible ones with stated preferences, others at every stage of the pathway). Pure: rows out, no database.
 */
import { Temporal } from 'temporal-polyfill';
import type { PatientStatus } from '../../src/core/patient-status';
import { ProtocolDefinition, type Route } from '../../src/core/scheduling/protocol';
import { newId } from '../../src/db/ids';
import { rng } from '../lib/stats';
import { Calendar, type CalendarRoom } from './calendar';
import { FAMILY_NAMES, GIVEN_NAMES, NOW, preferencesFor, TODAY, ZONE, type Preferences, type StaffDef } from './clinic';

export interface GenerateOptions {
  patients: number;
  coursesPerWeek: number;
  /** Eligible patients kept aside (never booked before the batch) for the batch of new plans. */
  batchSize: number;
}

export interface GenPatient {
  id: string;
  givenName: string;
  familyName: string;
  email: string;
  dateOfBirth: string;
  sex: 'female' | 'male' | 'intersex';
  status: PatientStatus;
  path: PatientStatus[];
  createdAt: number;
  therapistIds: string[];
  prescriberId: string;
  preferences: Preferences | null;
}

export interface GenAppointment {
  id: string;
  courseId: string | null;
  patientId: string;
  kind: 'preparation' | 'dosing' | 'integration' | 'follow-up';
  number: number;
  start: number;
  end: number;
  roomId: string;
  therapistId: string;
  nurseId: string | null;
  status: 'booked' | 'completed' | 'cancelled' | 'no-show';
  cancelReason: string | null;
  createdAt: number;
}

export interface GenCourse {
  id: string;
  patientId: string;
  protocol: 'sublingual' | 'im';
  route: Route;
  therapistId: string;
  status: 'booked' | 'completed' | 'cancelled';
  createdAt: number;
}

export interface Generated {
  patients: GenPatient[];
  courses: GenCourse[];
  appointments: GenAppointment[];
  /** Courses the planner could not fit (their patients stay in screening); reported, expected 0. */
  unplaced: number;
  /** Eligible patients for the batch (a representative mix of preferences). */
  batchPool: string[];
  /** Other eligible patients whose preferences can be met, round-robin over therapists: plan + book, then reschedule. */
  pairPool: string[];
}

const DAY_MS = 86_400_000;
const WEEKS_BACK = 13;
const WEEKS_AHEAD = 8;

export function generate(
  options: GenerateOptions, rooms: CalendarRoom[], staff: { id: string; def: StaffDef }[], protocols: { sublingual: ProtocolDefinition; im: ProtocolDefinition },
): Generated {
  const random = rng(20_261_201);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const calendar = new Calendar(rooms, staff, { from: TODAY.subtract({ weeks: WEEKS_BACK + 1 }), to: TODAY.add({ weeks: WEEKS_AHEAD + 14 }) });
  const now = NOW.epochMilliseconds;
  const therapists = staff.filter((s) => s.def.role === 'therapist');
  const prescribers = staff.filter((s) => s.def.role === 'prescriber');
  // Patients per therapist in proportion to their weekly hours (part-timers carry fewer).
  const weight = (s: StaffDef) => Object.values(s.hours).flat().reduce((h, [a, b]) => h + (Number(b.slice(0, 2)) - Number(a.slice(0, 2))), 0);
  const totalWeight = therapists.reduce((sum, t) => sum + weight(t.def), 0);
  const pickTherapist = () => {
    let u = random() * totalWeight;
    for (const t of therapists) if ((u -= weight(t.def)) < 0) return t.id;
    return therapists.at(-1)!.id;
  };

  const patients: GenPatient[] = Array.from({ length: options.patients }, (_, i) => {
    const primary = pickTherapist();
    const second = random() < 0.1 ? therapists.find((t) => t.id !== primary && random() < 0.2)?.id : undefined;
    const givenName = pick(GIVEN_NAMES);
    const familyName = pick(FAMILY_NAMES);
    return {
      id: newId(), givenName, familyName, email: `${givenName}.${familyName}.${i}@example.org`.toLowerCase(),
      dateOfBirth: Temporal.PlainDate.from('1950-01-01').add({ days: Math.floor(random() * 18_000) }).toString(),
      sex: random() < 0.55 ? 'female' : random() < 0.97 ? 'male' : 'intersex',
      status: 'referred', path: ['referred'], createdAt: now - Math.floor((30 + random() * 700) * DAY_MS),
      therapistIds: second ? [primary, second] : [primary], prescriberId: pick(prescribers).id, preferences: null,
    };
  });

  // Courses, in order of their start, each planned against everything booked before it.
  const courseCount = Math.min(patients.length, options.coursesPerWeek * (WEEKS_BACK + WEEKS_AHEAD));
  const windowStart = now - WEEKS_BACK * 7 * DAY_MS;
  const windowLength = (WEEKS_BACK + WEEKS_AHEAD) * 7 * DAY_MS;
  const courses: GenCourse[] = [];
  const appointments: GenAppointment[] = [];
  let unplaced = 0;
  const lastOfCourse = new Map<string, number>();
  // Intake gives a new patient to the less busy of two therapists (relative to their hours), as a coordinator would.
  const booked = new Map<string, number>();
  const busyness = (id: string) => (booked.get(id) ?? 0) / weight(therapists.find((t) => t.id === id)!.def);
  for (let c = 0; c < courseCount; c++) {
    const patient = patients[c]!;
    const protocol = random() < 0.65 ? 'sublingual' : 'im';
    const definition = protocols[protocol];
    const route = definition.routes[0]!;
    const other = pickTherapist();
    if (other !== patient.therapistIds[0] && busyness(other) < busyness(patient.therapistIds[0]!)) patient.therapistIds = [other, ...patient.therapistIds.filter((t) => t !== other)];
    const therapistId = patient.therapistIds[0]!;
    const start = windowStart + Math.floor(((c + random()) / courseCount) * windowLength);
    let plan = null;
    for (let attempt = 0; attempt < 3 && !plan; attempt++) {
      plan = calendar.planCourse(patient.id, therapistId, definition, route, Temporal.Instant.fromEpochMilliseconds(start + attempt * 7 * DAY_MS));
    }
    if (!plan) {
      unplaced++;
      patient.path = ['referred', 'screening'];
      continue;
    }
    const courseId = newId();
    const createdAt = Math.min(now, plan[0]!.start.epochMilliseconds - Math.floor((2 + random() * 10) * DAY_MS));
    const ongoing = plan.some((a) => a.end.epochMilliseconds > now);
    // About 3 in 100 courses under way were cancelled (the patient stopped): their remaining sessions are free again.
    const cancelled = ongoing && plan[0]!.start.epochMilliseconds < now && random() < 0.03;
    for (const a of plan) {
      const startMs = a.start.epochMilliseconds;
      const endMs = a.end.epochMilliseconds;
      const past = endMs <= now;
      const status = past ? (random() < 0.02 ? 'no-show' : 'completed') : cancelled ? 'cancelled' : 'booked';
      appointments.push({
        id: newId(), courseId, patientId: patient.id, kind: a.kind, number: a.number, start: startMs, end: endMs, roomId: a.roomId,
        therapistId: a.therapistId, nurseId: a.nurseId, status, cancelReason: status === 'cancelled' ? 'patient-request' : null, createdAt,
      });
      if (status !== 'cancelled') calendar.take({ start: startMs, end: endMs, roomId: a.roomId, therapistId: a.therapistId, nurseId: a.nurseId, patientId: patient.id });
    }
    booked.set(therapistId, (booked.get(therapistId) ?? 0) + plan.reduce((h, a) => h + (a.end.epochMilliseconds - a.start.epochMilliseconds) / 3600_000, 0));
    courses.push({ id: courseId, patientId: patient.id, protocol, route, therapistId, status: cancelled ? 'cancelled' : ongoing ? 'booked' : 'completed', createdAt });
    lastOfCourse.set(patient.id, plan.at(-1)!.end.epochMilliseconds);
    const treated: PatientStatus[] = ['referred', 'screening', 'eligible', 'in-course'];
    if (cancelled) patient.path = [...treated, 'withdrawn'];
    else if (ongoing) patient.path = treated;
    else {
      const u = random();
      patient.path = u < 0.5 ? [...treated, 'maintenance'] : u < 0.85 ? [...treated, 'completed'] : [...treated, 'completed', 'discharged'];
    }
  }

  // Monthly follow-ups for patients in maintenance, from four weeks after their course to three months ahead.
  const followUpEnd = now + 13 * 7 * DAY_MS;
  for (const patient of patients.slice(0, courseCount).filter((p) => p.path.at(-1) === 'maintenance')) {
    const therapistId = patient.therapistIds[0]!;
    let at = lastOfCourse.get(patient.id)! + Math.floor((24 + random() * 10) * DAY_MS);
    for (let number = 1; at < followUpEnd; number++, at += Math.floor((25 + random() * 10) * DAY_MS)) {
      const from = Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(ZONE).with({ hour: 8 + Math.floor(random() * 8), minute: 0 }).epochMilliseconds;
      const slot = calendar.findFollowUp(patient.id, therapistId, protocols.sublingual, from, 7);
      if (!slot) continue;
      const past = slot.end <= now;
      appointments.push({
        id: newId(), courseId: null, patientId: patient.id, kind: 'follow-up', number, start: slot.start, end: slot.end, roomId: slot.roomId, therapistId,
        nurseId: null, status: past ? (random() < 0.03 ? 'no-show' : 'completed') : 'booked', cancelReason: null, createdAt: Math.min(now, slot.start - 14 * DAY_MS),
      });
      calendar.take({ start: slot.start, end: slot.end, roomId: slot.roomId, therapistId, nurseId: null, patientId: patient.id });
    }
  }

  // Everyone else: a little over half eligible (with stated preferences), the rest earlier in the pathway or out of it.
  const rest = patients.slice(courseCount);
  const eligible: GenPatient[] = [];
  for (const patient of rest) {
    const u = random();
    if (u < 0.54) {
      patient.path = ['referred', 'screening', 'eligible'];
      patient.preferences = preferencesFor(random(), random());
      eligible.push(patient);
    } else if (u < 0.68) patient.path = ['referred'];
    else if (u < 0.85) patient.path = ['referred', 'screening'];
    else if (u < 0.92) patient.path = ['referred', 'screening', 'ineligible'];
    else patient.path = ['referred', 'screening', 'eligible', 'withdrawn'];
  }
  for (const p of patients) p.status = p.path.at(-1)!;

  const batchPool = eligible.slice(0, options.batchSize).map((p) => p.id);
  // Round-robin over therapists, so consecutive bookings do not all land on one therapist's calendar.
  const byTherapist = new Map<string, string[]>();
  for (const p of eligible.slice(options.batchSize).filter((x) => x.preferences!.satisfiable)) {
    byTherapist.set(p.therapistIds[0]!, [...(byTherapist.get(p.therapistIds[0]!) ?? []), p.id]);
  }
  const pairPool: string[] = [];
  for (let round = 0; pairPool.length < [...byTherapist.values()].reduce((n, l) => n + l.length, 0); round++) {
    for (const list of byTherapist.values()) if (list[round]) pairPool.push(list[round]!);
  }
  return { patients, courses, appointments, unplaced, batchPool, pairPool };
}

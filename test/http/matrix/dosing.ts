/**
 * Access-matrix rows for the dosing session console and the live board (issue #5). Reaching the patient decides 404
 * (reading a session needs 'patient:read-clinical': prescribers and nurses every patient, therapists their care-team
 * patients; admins and patients, even on their own record, get 404); the step's own right decides 403 (only a
 * prescriber orders or overrides; a prescriber or nurse gives the dose, passes the checks, marks ready for discharge,
 * signs the discharge and aborts after the dose). The board is for clinical staff: admins and patients get 403, and a
 * user of another clinic (a prescriber) reads their own clinic's board.
 *
 * Each request targets a fresh dosing appointment of a fresh patient (on therapist@'s team, or therapist2@'s for "not
 * team"), inserted at its own time far in the future with a booked course of the demo sublingual protocol, a current
 * eligibility decision and weight, and brought through the API (as the nurse and the prescriber) to the state the step
 * needs, so the allowed roles get 2xx and a therapist's 403 comes from the step itself (some steps are refused by the
 * session's state machine, which looks at the state first). Callers refused before the session's state is read (admin,
 * patient, anonymous, the other clinic, a therapist off the care team, a role lacking the step's right) get a scheduled
 * appointment without the preparation, which keeps the rows fast: the patient column one of their own (for "not
 * team": another patient's). A
 * session that must be past the minimum monitoring time gets its dose given with the clock three hours back, the
 * clock then put back (staff sessions stay valid: they were last seen later).
 *
 * `GET /api/board/events` is a server-sent-events stream that never ends by itself: its rows ask inject for the
 * response as a stream (it resolves once the head is written) with an AbortSignal, and abort it afterwards, which
 * closes the connection as a browser leaving would.
 */
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { Temporal } from 'temporal-polyfill';
import { newId, toDate } from '../../../src/db/ids';
import { listRooms } from '../../../src/db/repos/clinics';
import { insertAppointments, insertCourse, listCourses, listLatestProtocols } from '../../../src/db/repos/scheduling';
import { dosingAlerts, eligibilityDecisions, patientWeights } from '../../../src/db/schema';
import type { Session } from '../../helpers/test-app';
import { row, type Case, type MatrixEnv, type Who } from './env';

const ZONE = 'America/Los_Angeles';

/** How far a session has come before the request: each stage includes the ones before it. */
const STAGES = ['scheduled', 'checked-in', 'checklist-complete', 'ordered', 'monitoring', 'alert-open', 'discharge-ready'] as const;
type Stage = (typeof STAGES)[number];
const reached = (stage: Stage, at: Stage) => STAGES.indexOf(stage) >= STAGES.indexOf(at);

interface Dose {
  appointmentId: string;
  courseId: string | null;
  /** The open alert of an "alert-open" session. */
  alertId?: string;
}

/** Statuses for a step every clinician of the care team may take (prescriber, nurse, therapist). */
const allClinicians = (ok: number, team: boolean) => `404 ${ok} ${ok} ${team ? ok : 404} 404 401 404`;
/** Statuses for a step only a prescriber and a nurse may take (the therapist reaches the patient: 403). */
const prescriberNurse = (ok: number, team: boolean) => `404 ${ok} ${ok} ${team ? 403 : 404} 404 401 404`;
/** Statuses for a step only a prescriber may take. */
const prescriberOnly = (ok: number, team: boolean) => `404 ${ok} 403 ${team ? 403 : 404} 404 401 404`;

export function dosingMatrix(env: MatrixEnv): Record<string, Case[]> {
  const t = () => env.t();
  const db = () => env.t().database.db;
  const clinicId = () => env.t().demoClinicId;
  const nurse = (): Session => env.session('nurse');
  const prescriber = (): Session => env.session('prescriber');
  const sessionUrl = (id: string, rest = '') => `/api/appointments/${id}/session${rest}`;

  let protocol: { id: string; version: number } | undefined;
  const sublingual = async () => {
    if (protocol) return protocol;
    const p = (await listLatestProtocols(db(), clinicId())).find((x) => x.name.startsWith('Sublingual'))!;
    return (protocol = { id: p.id, version: p.version });
  };
  let roomId: string | undefined;
  const dosingRoom = async () => (roomId ??= (await listRooms(db(), clinicId())).filter((r) => r.kind === 'dosing').at(-1)!.id);

  /** Each appointment at its own two hours, starting about 1,000 days ahead (clear of every other row's bookings). */
  let base: Temporal.Instant | undefined;
  let slot = 0;
  const nextSlot = () => {
    base ??= Temporal.Instant.fromEpochMilliseconds(Math.ceil(t().clock.now.epochMilliseconds / 3600_000) * 3600_000).add({ hours: 24 * 1000 });
    const start = base.add({ hours: 2 * slot++ });
    return { startsAt: toDate(start), endsAt: toDate(start.add({ minutes: 90 })) };
  };

  const call = async (session: Session, method: InjectOptions['method'], url: string, payload: unknown, status: number) => {
    const res = await t().call(session, { method, url, payload: payload as never });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    return res;
  };

  /** A fresh patient (team or not) with what the checklist reads from the record: a current eligibility decision and weight. */
  const readyPatient = async (team: boolean): Promise<string> => {
    const patientId = team ? await env.teamPatient('nurse') : await env.otherTeamPatient('nurse');
    const now = t().clock.now;
    await db().insert(eligibilityDecisions).values({
      clinicId: clinicId(), id: newId(), patientId, evaluatedOutcome: 'eligible', reasons: [], facts: {}, ruleSetVersion: 'matrix', decision: 'eligible',
      status: 'final', decidedBy: env.ids().prescriber, decidedAt: toDate(now.subtract({ hours: 48 })),
    });
    const measuredOn = now.toZonedDateTimeISO(ZONE).toPlainDate().subtract({ days: 2 }).toString();
    await db().insert(patientWeights).values({ clinicId: clinicId(), id: newId(), patientId, weightKg: '80.0', measuredOn, recordedBy: nurse().user.staffId!, recordedAt: toDate(now) });
    return patientId;
  };

  /** A booked course of the sublingual protocol, inserted directly (the planner is not what these rows test). */
  const course = async (patientId: string, team: boolean): Promise<string> => {
    const { id: protocolId, version } = await sublingual();
    const at = toDate(t().clock.now);
    const id = newId();
    await insertCourse(db(), {
      clinicId: clinicId(), id, patientId, protocolId, protocolVersion: version, route: 'sublingual', therapistId: team ? env.ids().therapist : env.ids().therapist2,
      status: 'booked', createdBy: nurse().user.staffId!, createdAt: at, updatedAt: at,
    });
    return id;
  };

  const dosingAppointment = async (patientId: string, courseId: string | null, team: boolean): Promise<string> => {
    const at = toDate(t().clock.now);
    const id = newId();
    await insertAppointments(db(), [{
      clinicId: clinicId(), id, courseId, patientId, kind: 'dosing', number: 1, ...nextSlot(), roomId: await dosingRoom(),
      therapistId: team ? env.ids().therapist : env.ids().therapist2, status: 'booked', createdAt: at, updatedAt: at,
    }]);
    return id;
  };

  /**
   * A dosing appointment for `who`'s request: when `prepare`, a fresh patient's brought to `stage` by the nurse and
   * prescriber; otherwise left scheduled (for the patient column one of their own, or, not team, another patient's).
   */
  const dose = async (who: Who, team: boolean, stage: Stage, prepare: boolean): Promise<Dose> => {
    if (!prepare || stage === 'scheduled') {
      const patientId = who === 'patient' ? (team ? env.ids().patient1 : env.ids().patient2) : team ? await env.teamPatient('nurse') : await env.otherTeamPatient('nurse');
      // Refused before the session's state is looked at: a scheduled appointment (and an alert id that names nothing).
      return { appointmentId: await dosingAppointment(patientId, null, team), courseId: null, alertId: newId() };
    }
    const patientId = await readyPatient(team);
    const courseId = await course(patientId, team);
    const id = await dosingAppointment(patientId, courseId, team);
    const done: Dose = { appointmentId: id, courseId };
    if (!reached(stage, 'checked-in')) return done;
    const real = t().clock.now;
    // A dose given three hours ago, so the minimum monitoring time (120 min) has passed by now: every step up to the
    // dose happens then (a step may not be dated before the one it follows).
    if (reached(stage, 'monitoring')) t().clock.now = real.subtract({ hours: 3 });
    try {
      await call(nurse(), 'POST', sessionUrl(id, '/check-in'), {}, 200);
      if (!reached(stage, 'checklist-complete')) return done;
      for (const [item, value] of [
        ['fasting', { confirmed: true }], ['rideHome', { name: 'Sam Rivera', phone: '+1 415 555 0100' }], ['noDrivingAcknowledged', { acknowledged: true }],
        ['intentionRecorded', { text: 'To stay curious.' }],
      ] as const) await call(nurse(), 'PUT', sessionUrl(id, `/checklist/${item}`), { value }, 200);
      await call(nurse(), 'POST', sessionUrl(id, '/vitals'), { systolic: 122, diastolic: 78, heartRate: 70, spo2: 98 }, 201);
      await call(nurse(), 'POST', `/api/courses/${courseId}/consents`, { documentVersion: 'KAP consent v3', signedAt: t().clock.now.toString() }, 201);
      if (!reached(stage, 'ordered')) return done;
      await call(nurse(), 'POST', sessionUrl(id, '/pass-checks'), {}, 200);
      await call(prescriber(), 'POST', sessionUrl(id, '/order'), { route: 'sublingual', product: 'Ketamine HCl troche 100 mg', doseMg: 100 }, 201);
      if (!reached(stage, 'monitoring')) return done;
      const lot = await call(nurse(), 'POST', '/api/ledger/lots', {
        product: 'Ketamine HCl', form: 'troche 100 mg', supplier: 'Matrix Pharma', lotNumber: `MX-D-${randomBytes(4).toString('hex')}`, expiresOn: '2099-12-31', quantityMg: 1000,
      }, 201);
      await call(nurse(), 'POST', sessionUrl(id, '/administrations'), { amountMg: 100, lotId: (lot.json() as { lot: { id: string } }).lot.id }, 201);
    } finally {
      t().clock.now = real;
    }
    // Now, three hours after the dose: the first reading after it starts monitoring.
    await call(nurse(), 'POST', sessionUrl(id, '/vitals'), { systolic: 124, diastolic: 80, heartRate: 72, spo2: 98 }, 201);
    if (reached(stage, 'alert-open') && !reached(stage, 'discharge-ready')) {
      const high = await call(nurse(), 'POST', sessionUrl(id, '/vitals'), { systolic: 166, diastolic: 88, heartRate: 74, spo2: 98 }, 201);
      expect(high.json()).toMatchObject({ alertsRaised: 1 });
      const [alert] = await db().select({ id: dosingAlerts.id }).from(dosingAlerts).where(and(eq(dosingAlerts.clinicId, clinicId()), eq(dosingAlerts.appointmentId, id)));
      done.alertId = alert!.id;
    }
    if (reached(stage, 'discharge-ready')) {
      for (const body of [
        { kind: 'sedation', level: 0 }, { kind: 'dissociation', level: 0 }, { kind: 'suicide-risk-check', text: 'Denies thoughts of self-harm' }, { kind: 'ride-present', text: 'Sam is here' },
      ]) await call(nurse(), 'POST', sessionUrl(id, '/observations'), body, 201);
    }
    return done;
  };

  /**
   * Whether `who`'s request needs the session prepared: when it is expected to succeed, or to be refused (403) by the
   * session's state machine, which looks at the state before the role (`roleCheckedByState`). Every other refusal
   * comes before the session's state is read (the patient check: 404; the step's right: 403).
   */
  const needsPreparation = (status: number, roleCheckedByState: boolean) => status < 300 || (status === 403 && roleCheckedByState);

  /** Two rows (team, not team) for a session step, on a session at `stage`. */
  const onSession = (
    method: InjectOptions['method'], path: string | ((d: Dose) => string), stage: Stage, statuses: (team: boolean) => string, payload?: (who: Who) => unknown,
    options: { name?: string; roleCheckedByState?: boolean } = {},
  ): Case[] =>
    [true, false].map((team) => {
      const expected = row(statuses(team));
      return {
        name: `${team ? 'team' : 'not team'}${options.name ? ` (${options.name})` : ''}`, expect: expected,
        request: async (who: Who) => {
          const d = await dose(who, team, stage, needsPreparation(expected[who], options.roleCheckedByState ?? false));
          return { method, url: sessionUrl(d.appointmentId, typeof path === 'function' ? path(d) : path), payload: (await payload?.(who)) as never };
        },
      };
    });

  /** One stock lot for the administrations rows (1,000 mg; they draw 100 mg at most four times). */
  let stockLot: string | undefined;
  const sharedLot = async () => {
    if (stockLot) return stockLot;
    const lot = await call(nurse(), 'POST', '/api/ledger/lots', {
      product: 'Ketamine HCl', form: 'troche 100 mg', supplier: 'Matrix Pharma', lotNumber: `MX-A-${randomBytes(4).toString('hex')}`, expiresOn: '2099-12-31', quantityMg: 1000,
    }, 201);
    return (stockLot = (lot.json() as { lot: { id: string } }).lot.id);
  };

  /** The course the consent is for: the patient column's own (not team: another patient's); a fresh one otherwise. */
  const consentCourse = async (who: Who, team: boolean): Promise<string> => {
    if (who === 'patient' && team) return (await listCourses(db(), clinicId(), env.ids().patient1))[0]!.id;
    const patientId = team ? await env.teamPatient('nurse') : await env.otherTeamPatient('nurse');
    return course(patientId, team);
  };
  const ownStaffId = (who: Who) => (who === 'admin' || who === 'prescriber' || who === 'nurse' || who === 'therapist' ? env.session(who).user.staffId! : env.ids().therapist);

  let stream: AbortController | undefined;

  return {
    'GET /api/appointments/:id/session': onSession('GET', '', 'checked-in', (team) => allClinicians(200, team)),
    'POST /api/appointments/:id/session/check-in': onSession('POST', '/check-in', 'scheduled', (team) => allClinicians(200, team), () => ({})),
    'PUT /api/appointments/:id/session/checklist/:itemId': onSession('PUT', '/checklist/fasting', 'checked-in', (team) => allClinicians(200, team), () => ({ value: { confirmed: true } })),
    'POST /api/appointments/:id/session/checklist/:itemId/override': onSession(
      'POST', '/checklist/vitalsWithinLimits/override', 'checked-in', (team) => prescriberOnly(200, team), () => ({ reason: 'Repeat reading at rest was within limits' }),
    ),
    // Passing the checks is a step of the state machine: it refuses a therapist only once the session is checked in.
    'POST /api/appointments/:id/session/pass-checks': onSession('POST', '/pass-checks', 'checklist-complete', (team) => prescriberNurse(200, team), () => ({}), { roleCheckedByState: true }),
    'POST /api/appointments/:id/session/order': onSession(
      'POST', '/order', 'checked-in', (team) => prescriberOnly(201, team), () => ({ route: 'sublingual', product: 'Ketamine HCl troche 100 mg', doseMg: 100 }),
    ),
    'POST /api/appointments/:id/session/administrations': onSession(
      'POST', '/administrations', 'ordered', (team) => prescriberNurse(201, team), async () => ({ amountMg: 100, lotId: await sharedLot() }),
    ),
    'POST /api/appointments/:id/session/vitals': onSession('POST', '/vitals', 'checked-in', (team) => allClinicians(201, team), () => ({ systolic: 124, diastolic: 80, heartRate: 72, spo2: 98 })),
    'POST /api/appointments/:id/session/observations': onSession('POST', '/observations', 'checked-in', (team) => allClinicians(201, team), () => ({ kind: 'note', text: 'Settled and chatting' })),
    'POST /api/appointments/:id/session/alerts/:alertId/acknowledge': onSession(
      'POST', (d) => `/alerts/${d.alertId}/acknowledge`, 'alert-open', (team) => allClinicians(200, team), () => ({ action: 'Rechecked in 5 minutes; patient calm' }),
    ),
    'POST /api/appointments/:id/session/presence': onSession('POST', '/presence', 'checked-in', (team) => allClinicians(201, team), (who) => ({ staffId: ownStaffId(who), action: 'enter' })),
    'PUT /api/appointments/:id/session/setting': onSession('PUT', '/setting', 'checked-in', (team) => allClinicians(200, team), () => ({ music: 'Ambient playlist', eyeMask: true, lighting: 'dim' })),
    'POST /api/appointments/:id/session/ready-for-discharge': onSession('POST', '/ready-for-discharge', 'discharge-ready', (team) => prescriberNurse(200, team), () => ({})),
    'POST /api/appointments/:id/session/discharge': onSession('POST', '/discharge', 'discharge-ready', (team) => prescriberNurse(200, team), () => ({})),
    'POST /api/appointments/:id/session/abort': [
      ...onSession('POST', '/abort', 'checked-in', (team) => allClinicians(200, team), () => ({ reason: 'Patient unwell today' }), { name: 'before the dose' }),
      // Once dosed, aborting is a clinical decision (a prescriber or nurse), refused by the state machine.
      ...onSession('POST', '/abort', 'monitoring', (team) => prescriberNurse(200, team), () => ({ reason: 'Patient asked to stop' }), { name: 'after the dose', roleCheckedByState: true }),
    ],
    'POST /api/courses/:id/consents': [true, false].map((team) => ({
      name: team ? 'team' : 'not team', expect: row(allClinicians(201, team)),
      request: async (who: Who) => ({
        method: 'POST', url: `/api/courses/${await consentCourse(who, team)}/consents`, payload: { documentVersion: 'KAP consent v3', signedAt: t().clock.now.toString() },
      }),
    })),
    'GET /api/board': [{ name: 'today', expect: row('403 200 200 200 403 401 200'), request: () => ({ method: 'GET', url: '/api/board' }) }],
    'GET /api/board/events': [
      {
        // The stream never ends by itself: inject resolves once the head is written (payloadAsStream), and the
        // request is aborted afterwards, which closes the connection (and the server drops the subscriber).
        name: 'stream, closed after the head', expect: row('403 200 200 200 403 401 200'),
        request: () => {
          stream = new AbortController();
          return { method: 'GET', url: '/api/board/events', headers: { accept: 'text/event-stream' }, payloadAsStream: true, signal: stream.signal };
        },
        after: async () => {
          stream?.abort();
          stream = undefined;
        },
      },
    ],
  };
}

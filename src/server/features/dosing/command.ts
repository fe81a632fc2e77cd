/**
 * One way to change a dosing session: authorize (outside the transaction: the care team and a denial's audit use
 * the database directly), then in one transaction lock the session row, reload its parts, let the core decide, save,
 * bump the version and audit; after the commit, tell the board. A refused step rolls everything back.
 */
import type { PatientAction } from '../../../core/authorization';
import type { SessionEvent, SessionState, StaffRef } from '../../../core/dosing';
import { applySessionEvent } from '../../../core/dosing';
import { fail, ok, type Result } from '../../../core/errors';
import type { Tx } from '../../../db/database';
import { newId } from '../../../db/ids';
import {
  appendIfUnchanged, ensureSession, findSession, insertEvent, loadBundle, touchSession, updateSession, type DosingSessionRow, type SessionAppend,
} from '../../../db/repos/dosing';
import { audit, auditEvent, type Ctx } from '../../context';
import { transact } from '../../transact';
import type { BoardFeed } from '../board/feed';
import { patientCan } from '../patients/access';
import { loadDosing, type Loaded } from './load';

const FORBIDDEN_MESSAGES: Partial<Record<PatientAction, string>> = {
  'patient:order-dose': 'Only a prescriber may order a dose or override a check.',
  'patient:administer-dose': 'Only a prescriber or nurse may give the dose or mark a patient ready for discharge.',
  'patient:discharge': 'Only a prescriber or nurse may sign a discharge.',
  'patient:run-dosing-session': 'Your role does not take part in dosing sessions.',
};

export interface CommandEnv {
  ctx: Ctx;
  feed: BoardFeed;
}

export interface Step {
  tx: Tx;
  l: Loaded;
  session: DosingSessionRow;
  now: number;
  me: StaffRef;
}

export interface Done<T> {
  value: T;
  /** What the audit event records (never free text that could hold clinical detail beyond what is needed). */
  detail?: Record<string, unknown>;
}

export async function runCommand<T>(
  env: CommandEnv,
  appointmentId: string,
  action: PatientAction,
  auditAction: string,
  work: (s: Step) => Promise<Result<Done<T>>>,
  /** Lean: the step reads only the session row and the protocol, not the session's history (the hot path: vitals). */
  options: { lean?: boolean } = {},
): Promise<Result<T>> {
  const { ctx } = env;
  const db = ctx.deps.database.db;
  // Reaching the patient at all decides 404; the step's own right decides 403 (a nurse may see the session but not order).
  // The session's rows are loaded once, under the lock below; the staff list only when the step needs it.
  const loaded = await loadDosing(ctx, db, appointmentId, 'patient:read-clinical', auditAction, { bundle: false, staff: !options.lean });
  if (!loaded.ok) return loaded;
  const allowed = await authorizeStep(ctx, loaded.value, appointmentId, action, auditAction);
  if (!allowed.ok) return allowed;
  const me = allowed.value;
  const l = loaded.value;
  const clinicId = ctx.actor.clinicId;
  const result = await transact(db, async (tx) => {
    const now = ctx.deps.clock().epochMilliseconds;
    // Lock the session row; the first step on a session creates it (the common case, a later step, is one statement).
    let session = await findSession(tx, clinicId, appointmentId, true);
    if (!session) {
      await ensureSession(tx, { clinicId, appointmentId, patientId: l.appointment.patientId, courseId: l.appointment.courseId, at: new Date(now) });
      session = await findSession(tx, clinicId, appointmentId, true);
    }
    const bundle = options.lean ? undefined : await loadBundle(tx, clinicId, appointmentId);
    const done = await work({ tx, l: { ...l, bundle }, session: session!, now, me });
    if (!done.ok) return done;
    await touchSession(tx, clinicId, appointmentId, new Date(now));
    await audit(ctx, { action: auditAction, resourceType: 'dosing-session', resourceId: appointmentId, patientId: l.appointment.patientId, detail: done.value.detail ?? null }, tx);
    return ok(done.value.value);
  });
  if (result.ok) env.feed.notify(clinicId);
  return result;
}

/** The step's own right: a non-staff caller gets 404 (as if there were no session), a staff role without it 403; both audited. */
async function authorizeStep(ctx: Ctx, l: Loaded, appointmentId: string, action: PatientAction, auditAction: string): Promise<Result<StaffRef>> {
  const denied = () => audit(ctx, { action: auditAction, resourceType: 'dosing-session', resourceId: appointmentId, patientId: l.appointment.patientId, outcome: 'denied' });
  if (ctx.actor.kind !== 'staff') {
    await denied();
    return fail('NOT_FOUND', 'No such dosing session.');
  }
  if (!patientCan(ctx, l.access, action)) {
    await denied();
    return fail('FORBIDDEN', FORBIDDEN_MESSAGES[action] ?? 'Your role may not take this step.');
  }
  return ok({ staffId: ctx.actor.staffId, role: ctx.actor.role });
}

export interface AppendPlan<T> extends Done<T> {
  rows: SessionAppend;
}

/**
 * The hot path of a step that only adds rows to a session (a vital-signs reading). It decides on the session as
 * loaded (one statement with the appointment and the care team) and writes the rows, the session's version bump and
 * the audit event in one statement that applies only while the version is still the one it decided on: optimistic
 * concurrency, no lock held across round trips, three round trips in all. When that cannot apply — no session row yet,
 * the step changes state (`plan` answers 'locked-path'), or someone changed the session in between — it answers
 * undefined and the caller takes runCommand's locked path, which decides again on what it reads under the lock.
 */
export async function tryAppendStep<T>(
  env: CommandEnv, appointmentId: string, action: PatientAction, auditAction: string,
  plan: (s: { l: Loaded; session: DosingSessionRow; now: number; me: StaffRef }) => Result<AppendPlan<T>> | 'locked-path',
): Promise<Result<T> | undefined> {
  const { ctx } = env;
  const db = ctx.deps.database.db;
  const loaded = await loadDosing(ctx, db, appointmentId, 'patient:read-clinical', auditAction, { bundle: false, staff: false });
  if (!loaded.ok) return loaded;
  const allowed = await authorizeStep(ctx, loaded.value, appointmentId, action, auditAction);
  if (!allowed.ok) return allowed;
  const l = loaded.value;
  if (!l.session) return undefined;
  const now = ctx.deps.clock().epochMilliseconds;
  const planned = plan({ l, session: l.session, now, me: allowed.value });
  if (planned === 'locked-path') return undefined;
  if (!planned.ok) return planned;
  const event = auditEvent(ctx, { action: auditAction, resourceType: 'dosing-session', resourceId: appointmentId, patientId: l.appointment.patientId, detail: planned.value.detail ?? null });
  const applied = await appendIfUnchanged(db, { clinicId: ctx.actor.clinicId, appointmentId, version: l.session.version, at: new Date(now) }, planned.value.rows, event);
  if (!applied) return undefined;
  env.feed.notify(ctx.actor.clinicId);
  return ok(planned.value.value);
}

export function stateOf(session: DosingSessionRow): SessionState {
  return { status: session.state, since: session.stateChangedAt.getTime(), dosedAt: session.dosedAt?.getTime() ?? null, abortReason: session.abortReason };
}

/** Applies a state-machine event through the core and saves the new state with its event row. */
export async function transition(s: Step, event: SessionEvent, extra: { detail?: Record<string, unknown> } = {}): Promise<Result<SessionState>> {
  const before = stateOf(s.session);
  const next = applySessionEvent(before, event);
  if (!next.ok) return next;
  const at = new Date(event.at);
  const patch = {
    state: next.value.status, stateChangedAt: at, updatedAt: new Date(s.now),
    ...(event.type === 'check-in' ? { checkedInAt: at } : {}),
    ...(event.type === 'dose' ? { dosedAt: at } : {}),
    ...(event.type === 'discharge' ? { dischargedAt: at } : {}),
    ...(event.type === 'abort' ? { abortReason: next.value.abortReason } : {}),
  };
  const saved = await updateSession(s.tx, s.session.clinicId, s.session.appointmentId, s.session.version, patch);
  if (!saved) return fail('CONFLICT', 'Someone else changed this session at the same moment: reload and try again.');
  await insertEvent(s.tx, {
    clinicId: s.session.clinicId, id: newId(), appointmentId: s.session.appointmentId, kind: event.type, fromState: before.status, toState: next.value.status,
    detail: extra.detail ?? null, by: event.by.staffId, at,
  });
  s.session = { ...s.session, ...patch, version: s.session.version + 1 };
  return next;
}

/** Records a non-transition act in the session's event log (the checklist, the order, the setting…). */
export async function logEvent(s: Step, kind: string, detail: Record<string, unknown> | null = null): Promise<void> {
  await insertEvent(s.tx, { clinicId: s.session.clinicId, id: newId(), appointmentId: s.session.appointmentId, kind, fromState: null, toState: null, detail, by: s.me.staffId, at: new Date(s.now) });
}

/** An instant given by the client (`takenAt`, `givenAt`): not in the future (a minute of clock skew allowed). */
export function clientInstant(value: string | undefined, now: number, path: string): Result<number> {
  if (value === undefined) return ok(now);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return fail('VALIDATION_FAILED', `${path} is not a date and time.`, { fields: [{ path, message: 'must be an ISO date-time' }] });
  if (at > now + 60_000) return fail('VALIDATION_FAILED', `${path} is in the future.`, { fields: [{ path, message: 'cannot be in the future' }] });
  if (at < now - 12 * 3600_000) return fail('VALIDATION_FAILED', `${path} is more than 12 hours ago: record it on the day.`, { fields: [{ path, message: 'too long ago' }] });
  return ok(at);
}

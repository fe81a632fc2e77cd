import { and, desc, eq } from 'drizzle-orm';
import { fail, ok, type Result } from '../../../core/errors';
import { checkPassword } from '../../../core/password-policy';
import { auditEvents, patients, staffMembers } from '../../../db/schema';
import { findClinic, findStaff } from '../../../db/repos/clinics';
import { findPatient } from '../../../db/repos/patients';
import { clearMustEnroll, deleteUserSessions } from '../../../db/repos/sessions';
import { aboutPatient } from '../../../db/repos/audit';
import { findUser, setPassword, setTotp } from '../../../db/repos/users';
import { toDate } from '../../../db/ids';
import { audit, type Ctx } from '../../context';
import { hashPassword, verifyPassword } from '../../passwords';
import type { SessionContext } from '../../plugins/request-context';
import { newTotpSecret, totpUri, verifyAndConsumeTotp } from '../../totp';

export async function describeMe(ctx: Ctx, session: SessionContext) {
  const { db } = ctx.deps.database;
  const { actor } = ctx;
  const [user, clinic] = await Promise.all([findUser(db, actor.clinicId, actor.userId), findClinic(db, actor.clinicId)]);
  let name = '';
  if (actor.kind === 'staff') {
    const staff = await findStaff(db, actor.clinicId, actor.staffId);
    name = staff ? `${staff.givenName} ${staff.familyName}` : '';
  } else {
    const patient = await findPatient(db, actor.clinicId, actor.patientId);
    name = patient ? `${patient.preferredName ?? patient.givenName} ${patient.familyName}` : '';
  }
  return {
    user: {
      id: actor.userId,
      role: actor.kind === 'staff' ? actor.role : ('patient' as const),
      clinicId: actor.clinicId,
      ...(actor.kind === 'patient' ? { patientId: actor.patientId } : { staffId: actor.staffId }),
    },
    csrfToken: session.csrfToken,
    mustEnrollTotp: session.mustEnrollTotp,
    name,
    email: user?.email ?? '',
    totpEnabled: user?.totpEnabled ?? false,
    clinic: {
      id: actor.clinicId,
      name: clinic?.name ?? '',
      timeZone: clinic?.timeZone ?? 'UTC',
      requireAdminTotp: clinic?.settings.requireAdminTotp ?? false,
    },
  };
}

/** A patient's view of the audit trail about them: who (name and role), when, what, and whether it was allowed. */
export async function readAccessLog(ctx: Ctx, limit: number) {
  const { actor } = ctx;
  if (actor.kind !== 'patient') return fail('NOT_FOUND', 'The access log is the patient’s own view; staff use the audit trail.');
  const { db } = ctx.deps.database;
  const rows = await db
    .select({
      at: auditEvents.occurredAt,
      actorType: auditEvents.actorType,
      actorRole: auditEvents.actorRole,
      action: auditEvents.action,
      outcome: auditEvents.outcome,
      staffGiven: staffMembers.givenName,
      staffFamily: staffMembers.familyName,
      patientGiven: patients.givenName,
      patientFamily: patients.familyName,
    })
    .from(auditEvents)
    .leftJoin(staffMembers, and(eq(auditEvents.actorType, 'staff'), eq(staffMembers.clinicId, auditEvents.clinicId), eq(staffMembers.id, auditEvents.actorId)))
    .leftJoin(patients, and(eq(auditEvents.actorType, 'patient'), eq(patients.clinicId, auditEvents.clinicId), eq(patients.id, auditEvents.actorId)))
    .where(and(eq(auditEvents.clinicId, actor.clinicId), aboutPatient(actor.patientId)))
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
  await audit(ctx, { action: 'access-log.read', resourceType: 'access-log', patientId: actor.patientId });
  return ok(
    rows.map((r) => ({
      at: r.at.toISOString(),
      who:
        r.actorType === 'staff'
          ? `${r.staffGiven ?? ''} ${r.staffFamily ?? ''}`.trim() || 'A staff member'
          : r.actorType === 'patient'
            ? 'You'
            : 'Tilth (system)',
      role: r.actorRole,
      action: r.action,
      outcome: r.outcome,
    })),
  );
}

export async function changePassword(ctx: Ctx, session: SessionContext, current: string, next: string): Promise<Result<null>> {
  const { db } = ctx.deps.database;
  const user = await findUser(db, ctx.actor.clinicId, ctx.actor.userId);
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, current))) {
    return fail('INVALID_CREDENTIALS', 'Your current password is not correct.', { fields: [{ path: 'currentPassword', message: 'not correct' }] });
  }
  const checked = checkPassword(next, ctx.deps.commonPasswords, user.email);
  if (!checked.ok) return fail('WEAK_PASSWORD', checked.error.message, { fields: [{ path: 'newPassword', message: checked.error.message }] });
  const passwordHash = await hashPassword(next);
  await db.transaction(async (tx) => {
    await setPassword(tx, user.clinicId, user.id, passwordHash, toDate(ctx.deps.clock()));
    await deleteUserSessions(tx, user.clinicId, user.id, session.tokenHash);
    await audit(ctx, { action: 'account.change-password', resourceType: 'user', resourceId: user.id, patientId: user.patientId }, tx);
  });
  return ok(null);
}

export async function startTotpSetup(ctx: Ctx): Promise<Result<{ secret: string; uri: string }>> {
  if (ctx.actor.kind !== 'staff') return fail('FORBIDDEN', 'A second factor is available for staff accounts.');
  const { db } = ctx.deps.database;
  const user = await findUser(db, ctx.actor.clinicId, ctx.actor.userId);
  if (!user) return fail('NOT_FOUND', 'No such account.');
  if (user.totpEnabled) return fail('CONFLICT', 'An authenticator app is already set up; turn it off first to replace it.');
  const secret = newTotpSecret();
  await setTotp(db, user.clinicId, user.id, secret, false);
  return ok({ secret, uri: totpUri(secret, user.email, 'Tilth') });
}

export async function enableTotp(ctx: Ctx, session: SessionContext, code: string): Promise<Result<null>> {
  if (ctx.actor.kind !== 'staff') return fail('FORBIDDEN', 'A second factor is available for staff accounts.');
  const { db } = ctx.deps.database;
  const user = await findUser(db, ctx.actor.clinicId, ctx.actor.userId);
  if (!user?.totpSecret || user.totpEnabled) return fail('CONFLICT', 'Start the set-up first (POST /api/me/totp).');
  if (!(await verifyAndConsumeTotp(db, user, code, ctx.deps.clock()))) {
    return fail('TOTP_INVALID', 'The code does not match; check the time on your phone and try the current code.', { fields: [{ path: 'code', message: 'not correct' }] });
  }
  await db.transaction(async (tx) => {
    await setTotp(tx, user.clinicId, user.id, user.totpSecret, true);
    await clearMustEnroll(tx, session.clinicId, session.tokenHash);
    await audit(ctx, { action: 'account.enable-totp', resourceType: 'user', resourceId: user.id }, tx);
  });
  return ok(null);
}

export async function disableTotp(ctx: Ctx, code: string): Promise<Result<null>> {
  const { db } = ctx.deps.database;
  const { actor } = ctx;
  if (actor.kind !== 'staff') return fail('FORBIDDEN', 'A second factor is available for staff accounts.');
  const [user, clinic] = await Promise.all([findUser(db, actor.clinicId, actor.userId), findClinic(db, actor.clinicId)]);
  if (!user?.totpEnabled || !user.totpSecret) return fail('CONFLICT', 'No authenticator app is set up.');
  if (actor.kind === 'staff' && actor.role === 'admin' && clinic?.settings.requireAdminTotp) {
    return fail('FORBIDDEN', 'Your clinic requires a second factor for administrators.');
  }
  if (!(await verifyAndConsumeTotp(db, user, code, ctx.deps.clock()))) {
    return fail('TOTP_INVALID', 'The code does not match.', { fields: [{ path: 'code', message: 'not correct' }] });
  }
  await db.transaction(async (tx) => {
    await setTotp(tx, user.clinicId, user.id, null, false);
    await audit(ctx, { action: 'account.disable-totp', resourceType: 'user', resourceId: user.id }, tx);
  });
  return ok(null);
}

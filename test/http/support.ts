/**
 * Shared helpers for the HTTP suite: a second clinic (for cross-clinic checks), fresh patients and accounts,
 * reading tokens out of the outbox, TOTP codes on the test clock, and small assertions on error bodies.
 */
import { randomBytes } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { generate } from 'otplib';
import { expect } from 'vitest';
import { unwrapOrThrow } from '../../src/core/result-helpers';
import type { StaffRole } from '../../src/core/authorization';
import { newId, toDate } from '../../src/db/ids';
import { insertPatient, replaceCareTeam } from '../../src/db/repos/patients';
import { findUserByEmail, insertUser, setPassword } from '../../src/db/repos/users';
import { auditEvents, outbox } from '../../src/db/schema';
import { DEMO_PASSWORD } from '../../src/server/demo/seed-demo';
import { createClinic } from '../../src/server/features/clinic/create-clinic';
import { createStaffMember } from '../../src/server/features/staff/use-cases';
import { hashPassword } from '../../src/server/passwords';
import type { Session, TestApp } from '../helpers/test-app';

export const DEMO = {
  admin: 'admin@demo.tilth.test',
  prescriber: 'prescriber@demo.tilth.test',
  nurse: 'nurse@demo.tilth.test',
  therapist: 'therapist@demo.tilth.test',
  therapist2: 'therapist2@demo.tilth.test',
  patient1: 'patient1@demo.tilth.test',
  patient2: 'patient2@demo.tilth.test',
} as const;

export const unique = (prefix = 'x'): string => `${prefix}-${randomBytes(4).toString('hex')}`;

export interface ErrorJson {
  error: { code: string; message: string; fields?: { path: string; message: string }[]; requestId?: string };
}

/** Asserts the status and the stable error code, and returns the error body. */
export function expectError(res: LightMyRequestResponse, status: number, code: string): ErrorJson['error'] {
  expect({ status: res.statusCode, body: res.body }).toMatchObject({ status });
  const body = res.json() as ErrorJson;
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.message.length).toBeGreaterThan(0);
  return body.error;
}

export const fieldPaths = (err: ErrorJson['error']): string[] => (err.fields ?? []).map((f) => f.path);

/** Epoch seconds of the test clock, for otplib. */
export const epochOf = (t: TestApp): number => Math.floor(t.clock.now.epochMilliseconds / 1000);
export const totpCode = (t: TestApp, secret: string): Promise<string> => generate({ secret, epoch: epochOf(t) });

/** Signs in with extra body fields (totp) or request options (remoteAddress, headers); returns the raw response. */
export function signInRaw(t: TestApp, body: Record<string, unknown>, options: Partial<InjectOptions> = {}): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'POST', url: '/api/session', payload: body, ...options } as InjectOptions);
}

/** A session from a successful sign-in response. */
export function sessionOf(res: LightMyRequestResponse): Session {
  expect(res.statusCode, res.body).toBe(200);
  const cookie = res.cookies.find((c) => c.name === 'tilth_session');
  const body = res.json() as { csrfToken: string; user: Session['user'] };
  return { cookie: `tilth_session=${cookie!.value}`, csrfToken: body.csrfToken, user: body.user };
}

/** The newest outbox message to `recipient`, and the token of the link in it. */
export async function latestLink(t: TestApp, recipient: string): Promise<{ token: string; subject: string; kind: string }> {
  const [row] = await t.database.db
    .select()
    .from(outbox)
    .where(eq(outbox.recipient, recipient.toLowerCase()))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(1);
  expect(row, `an outbox message to ${recipient}`).toBeDefined();
  const match = /token=([^\s]+)/.exec(row!.bodyText);
  expect(match, 'a link with a token in the message').not.toBeNull();
  return { token: match![1]!, subject: row!.subject, kind: row!.kind };
}

export async function auditRows(t: TestApp, where: { clinicId: string; requestId?: string; patientId?: string }) {
  const conditions = [eq(auditEvents.clinicId, where.clinicId)];
  if (where.requestId) conditions.push(eq(auditEvents.requestId, where.requestId));
  if (where.patientId) conditions.push(eq(auditEvents.patientId, where.patientId));
  return t.database.db.select().from(auditEvents).where(and(...conditions)).orderBy(auditEvents.seq);
}

let demoHash: Promise<string> | undefined;
const passwordHash = () => (demoHash ??= hashPassword(DEMO_PASSWORD));

/** A new staff account in `clinicId` that can sign in with the demo password. */
export async function addStaff(t: TestApp, clinicId: string, role: StaffRole, email = `${unique(role)}@test.tilth.test`) {
  const hash = await passwordHash();
  const created = await t.database.db.transaction(async (tx) => {
    const made = unwrapOrThrow(await createStaffMember(t.deps, tx, clinicId, { givenName: 'Extra', familyName: `${role} ${unique('s')}`, email, role }));
    await setPassword(tx, clinicId, made.userId, hash, toDate(t.clock.now));
    return made;
  });
  return { ...created, email };
}

/** A patient inserted directly (no audit), optionally with a portal account using the demo password. */
export async function addPatient(
  t: TestApp, clinicId: string, options: { therapistIds?: string[]; prescriberId?: string | null; account?: boolean } = {},
) {
  const at = toDate(t.clock.now);
  const id = newId();
  const email = `${unique('patient')}@example.org`;
  await insertPatient(t.database.db, {
    clinicId, id, givenName: 'Probe', familyName: unique('Patient'), dateOfBirth: '1990-01-01', sexAssignedAtBirth: 'female',
    email, status: 'referred', createdAt: at, updatedAt: at,
  });
  await replaceCareTeam(t.database.db, clinicId, id, [
    ...(options.therapistIds ?? []).map((staffId) => ({ staffId, role: 'therapist' as const })),
    ...(options.prescriberId ? [{ staffId: options.prescriberId, role: 'prescriber' as const }] : []),
  ], at);
  if (options.account) {
    await insertUser(t.database.db, { clinicId, id: newId(), email, kind: 'patient', patientId: id, passwordHash: await passwordHash(), createdAt: at });
  }
  return { id, email };
}

export interface OtherClinic {
  clinicId: string;
  admin: { staffId: string; email: string };
  prescriber: { staffId: string; email: string };
  patient: { id: string; email: string };
}

/** A second clinic with its own administrator, prescriber and a patient who can sign in. */
export async function createOtherClinic(t: TestApp): Promise<OtherClinic> {
  const slug = unique('other');
  const { clinicId } = unwrapOrThrow(
    await createClinic(t.deps, t.database.db, {
      name: 'Other Clinic', slug, timeZone: 'Europe/Berlin',
      address: { line1: '1 Elsewhere St', city: 'Berlin', region: 'BE', postalCode: '10115', country: 'DE' },
      phone: '+49 30 555 0100', email: `${slug}@other.tilth.test`,
    }),
  );
  const admin = await addStaff(t, clinicId, 'admin', `${slug}-admin@other.tilth.test`);
  const prescriber = await addStaff(t, clinicId, 'prescriber', `${slug}-prescriber@other.tilth.test`);
  const patient = await addPatient(t, clinicId, { prescriberId: prescriber.staffId, account: true });
  return { clinicId, admin, prescriber, patient };
}

export async function userIdOf(t: TestApp, email: string): Promise<string> {
  const user = await findUserByEmail(t.database.db, email);
  expect(user, `account ${email}`).toBeDefined();
  return user!.id;
}

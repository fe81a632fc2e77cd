/** Single-use set-password and reset-password links, delivered through the outbox in the caller's transaction. */
import { fail, ok, type Result } from '../core/errors';
import { checkPassword } from '../core/password-policy';
import type { Executor } from '../db/database';
import { toDate } from '../db/ids';
import { consumeAuthToken, findValidAuthToken, insertAuthToken } from '../db/repos/auth-tokens';
import { deleteUserSessions } from '../db/repos/sessions';
import { clearThrottleCounter } from '../db/repos/throttle';
import { findUser, setPassword } from '../db/repos/users';
import type { AppDeps } from './deps';
import { queueMessage } from './outbox/messages';
import { hashPassword, randomToken } from './passwords';
import { accountThrottleKey } from './features/session/sign-in';
import { hashToken } from './plugins/auth';

export type LinkPurpose = 'set-password' | 'reset-password';

/** Creates a token and queues the email; returns the link (the CLI prints it for a first administrator). */
export async function issuePasswordLink(
  deps: AppDeps, ex: Executor, user: { clinicId: string; id: string; email: string }, purpose: LinkPurpose, clinicName: string,
): Promise<string> {
  const now = deps.clock();
  const token = randomToken();
  const hours = purpose === 'set-password' ? deps.config.passwordTokenHours : 1;
  await insertAuthToken(ex, {
    clinicId: user.clinicId,
    tokenHash: hashToken(token),
    userId: user.id,
    purpose,
    expiresAt: toDate(now.add({ hours })),
    createdAt: toDate(now),
  });
  const link = `${deps.config.publicUrl}/set-password?token=${user.clinicId}.${token}`;
  const text =
    purpose === 'set-password'
      ? `Hello,\n\nAn account at ${clinicName} has been created for you on Tilth.\nChoose your password here (the link works once and expires in ${hours} hours):\n\n${link}\n`
      : `Hello,\n\nSomeone asked to reset the password of your Tilth account at ${clinicName}.\nIf it was you, choose a new password here (the link works once and expires in 1 hour):\n\n${link}\n\nIf it was not you, ignore this message; your password stays as it is.\n`;
  await queueMessage(
    ex,
    user.clinicId,
    { kind: purpose, to: user.email, subject: purpose === 'set-password' ? `Your ${clinicName} account on Tilth` : 'Reset your Tilth password', text },
    now,
  );
  return link;
}

/** Uses a link's token to set a password; every existing session of the account ends. */
export async function completePasswordLink(deps: AppDeps, tokenValue: string, password: string): Promise<Result<{ clinicId: string; userId: string }>> {
  const dot = tokenValue.indexOf('.');
  const clinicId = tokenValue.slice(0, dot);
  const tokenHash = hashToken(tokenValue.slice(dot + 1));
  const invalid = fail('TOKEN_INVALID', 'This link is not valid any more (used, expired or mistyped). Ask for a new one.', {
    fields: [{ path: 'token', message: 'invalid or expired' }],
  });
  if (dot < 0 || !/^[0-9a-f-]{36}$/.test(clinicId)) return invalid;
  const { db } = deps.database;
  // Check and hash the new password before spending the token (a weak choice must not burn the link), and outside
  // the transaction (hashing is slow; PGlite runs one transaction at a time).
  const pending = await findValidAuthToken(db, clinicId, tokenHash, toDate(deps.clock()));
  const user = pending && (await findUser(db, clinicId, pending.userId));
  if (!user) return invalid;
  const checked = checkPassword(password, deps.commonPasswords, user.email);
  if (!checked.ok) return checked;
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const now = toDate(deps.clock());
    if (!(await consumeAuthToken(tx, clinicId, tokenHash, now))) return invalid;
    await setPassword(tx, clinicId, user.id, passwordHash, now);
    await deleteUserSessions(tx, clinicId, user.id);
    // Whoever holds the link controls the mailbox: a sign-in lock on the account (perhaps someone else's guessing)
    // ends with the new password, as the lock message promises.
    await clearThrottleCounter(tx, accountThrottleKey(user.email));
    return ok({ clinicId, userId: user.id });
  });
}

/** Session lifetime rules: idle and absolute limits per kind of user, and when a session's "last seen" is refreshed. */
import { Temporal } from 'temporal-polyfill';

export interface SessionPolicy {
  staffIdleMinutes: number;
  staffAbsoluteHours: number;
  patientIdleMinutes: number;
  patientAbsoluteHours: number;
  /** Refresh last-seen at most this often, so a busy session does not write on every request. */
  touchIntervalSeconds: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = {
  staffIdleMinutes: 30,
  staffAbsoluteHours: 12,
  patientIdleMinutes: 60,
  patientAbsoluteHours: 24,
  touchIntervalSeconds: 60,
};

export interface SessionTimes {
  userKind: 'staff' | 'patient';
  createdAt: Temporal.Instant;
  lastSeenAt: Temporal.Instant;
}

export type SessionVerdict = { state: 'active'; touch: boolean } | { state: 'expired'; why: 'idle' | 'absolute' };

export function judgeSession(session: SessionTimes, now: Temporal.Instant, policy: SessionPolicy): SessionVerdict {
  const staff = session.userKind === 'staff';
  const idle = Temporal.Duration.from({ minutes: staff ? policy.staffIdleMinutes : policy.patientIdleMinutes });
  const absolute = Temporal.Duration.from({ hours: staff ? policy.staffAbsoluteHours : policy.patientAbsoluteHours });
  if (Temporal.Instant.compare(now, session.createdAt.add(absolute)) >= 0) return { state: 'expired', why: 'absolute' };
  if (Temporal.Instant.compare(now, session.lastSeenAt.add(idle)) >= 0) return { state: 'expired', why: 'idle' };
  const touch = now.since(session.lastSeenAt).total('seconds') >= policy.touchIntervalSeconds;
  return { state: 'active', touch };
}

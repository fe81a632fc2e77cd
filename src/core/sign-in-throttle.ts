/**
 * Sign-in throttling: after `maxFailures` failed attempts within `windowMinutes` for the same key (an account or an
 * IP address), further attempts are refused for `lockMinutes`. Counters live in the database; this decides.
 */
import { Temporal } from 'temporal-polyfill';

export interface ThrottlePolicy {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

export interface ThrottleCounter {
  failures: number;
  windowStartedAt: Temporal.Instant;
  lockedUntil: Temporal.Instant | null;
}

export function lockedFor(counter: ThrottleCounter | null, now: Temporal.Instant): number {
  if (!counter?.lockedUntil) return 0;
  const seconds = Math.ceil(counter.lockedUntil.since(now).total('seconds'));
  return seconds > 0 ? seconds : 0;
}

/** The counter after one more failure at `now`. */
export function recordFailure(counter: ThrottleCounter | null, now: Temporal.Instant, policy: ThrottlePolicy): ThrottleCounter {
  const windowOver = !counter || Temporal.Instant.compare(now, counter.windowStartedAt.add({ minutes: policy.windowMinutes })) >= 0;
  const lockServed = counter?.lockedUntil != null && Temporal.Instant.compare(now, counter.lockedUntil) >= 0;
  const fresh = !counter || windowOver || lockServed;
  const failures = fresh ? 1 : counter.failures + 1;
  const windowStartedAt = fresh ? now : counter.windowStartedAt;
  const lockedUntil = failures >= policy.maxFailures ? now.add({ minutes: policy.lockMinutes }) : null;
  return { failures, windowStartedAt, lockedUntil };
}

import type { Result } from './errors';

/** For composition code (seeding, CLI) where a failure is a programming or operator error: throw its message. */
export function unwrapOrThrow<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

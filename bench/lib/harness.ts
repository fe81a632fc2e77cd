/**
 * What every benchmark entry point shares: the repository root, the PostgreSQL admin URL (BENCH_DATABASE_URL) and
 * statements on it, console lines, and clean-up on Ctrl-C (each step that creates something pushes its undo; an
 * interruption runs them newest first and exits 130).
 */
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export { ADMIN_URL, adminQuery } from './admin-db';
export const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export const cleanups: (() => Promise<void>)[] = [];
let wasInterrupted = false;
/** Whether Ctrl-C (or SIGTERM) arrived: long phases check it and stop early. */
export const interrupted = (): boolean => wasInterrupted;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    wasInterrupted = true;
    log(`\n${signal}: cleaning up…`);
    void (async () => {
      for (const undo of [...cleanups].reverse()) await undo().catch(() => undefined);
      process.exit(130);
    })();
  });
}

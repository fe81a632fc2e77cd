import type { Temporal } from 'temporal-polyfill';
import type { Database } from '../db/database';
import type { Config } from './config';

/** Everything the HTTP app needs, passed in by the composition root (main.ts, tests, CLI). */
export interface AppDeps {
  database: Database;
  config: Config;
  clock: () => Temporal.Instant;
  commonPasswords: ReadonlySet<string>;
  /** Folder of the built web app; served when present. */
  webRoot?: string | undefined;
}

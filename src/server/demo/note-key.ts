/**
 * The demo (`npm start`) works with zero set-up, psychotherapy notes included: without PSYCHOTHERAPY_NOTE_KEYS it
 * makes a key once and keeps it in the data folder (readable by the owner only). That is for trying Tilth out: a
 * key next to the data it protects does not protect a stolen disk. Production (`npm run serve`) never does this;
 * there, without the variable, notes answer 503 with how to configure them.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config';

export function ensureDemoNoteKey(config: Config): { config: Config; created: boolean; path: string } {
  const path = join(config.dataDir, 'demo-psychotherapy-note-key');
  if (config.noteKeys.length > 0) return { config, created: false, path };
  let created = false;
  if (!existsSync(path)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600 });
    created = true;
  }
  const key = Buffer.from(readFileSync(path, 'utf8').trim(), 'base64');
  return { config: { ...config, noteKeys: [{ id: 'demo', key }] }, created, path };
}

/**
 * The server's composition root. `npm run serve` (production) never seeds; `npm start` passes --demo, which seeds the
 * demo clinic on first run and prints its sign-ins.
 */
import { fileURLToPath } from 'node:url';
import { Temporal } from 'temporal-polyfill';
import { DataDirLockedError } from '../db/data-dir-lock';
import { buildApp } from './app';
import { sealAuditTrail } from '../db/repos/audit-seal';
import { startJobs } from './jobs';
import { openConfiguredDatabase } from './bootstrap';
import { ConfigError, loadConfig, type Config } from './config';
import type { AppDeps } from './deps';
import { DEMO_PASSWORD, seedDemo } from './demo/seed-demo';
import { seedDosingToday } from './demo/seed-dosing-today';
import { seedDemoPsychotherapyNote } from './demo/seed-psychotherapy-note';
import { ensureDemoNoteKey } from './demo/note-key';
import { startDispatcher, transportFromConfig } from './outbox/dispatcher';
import { loadCommonPasswords } from './passwords';

const WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));

function fatal(message: string): never {
  process.stderr.write(`\n${message}\n\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const demo = process.argv.includes('--demo');
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) fatal(err.message);
    throw err;
  }
  let opened;
  try {
    opened = await openConfiguredDatabase(config, { migrate: true });
  } catch (err) {
    if (err instanceof DataDirLockedError) fatal(err.message);
    throw err;
  }
  if (demo && config.noteKeys.length === 0) {
    const demoKey = ensureDemoNoteKey(config);
    config = demoKey.config;
    process.stdout.write(`  Psychotherapy notes: demo key ${demoKey.created ? 'created' : 'read'} at ${demoKey.path} (set PSYCHOTHERAPY_NOTE_KEYS in production).\n`);
  }
  const clock = () => Temporal.Now.instant();
  const deps: AppDeps = { database: opened.database, config, clock, commonPasswords: loadCommonPasswords(), webRoot: WEB_ROOT };
  const app = await buildApp(deps, {
    logger: {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    },
  });

  if (demo) {
    const seeded = await seedDemo(opened.database, clock);
    // Whenever the demo starts, today's board has a session in monitoring and one later today.
    const today = await seedDosingToday(opened.database, clock());
    await seedDemoPsychotherapyNote(opened.database, config.noteKeys, clock());
    const lines = seeded.signIns.map((s) => `    ${s.email.padEnd(30)} ${s.role}`).join('\n');
    process.stdout.write(
      `\n  Demo clinic ${seeded.created ? 'created' : 'ready'}${today.created.length ? ` (today's board: ${today.created.join(' and ')} added)` : ''}. Sign in at ${config.publicUrl} with password "${DEMO_PASSWORD}":\n${lines}\n\n`,
    );
  }

  const transport = transportFromConfig(config, app.log);
  const dispatcher = startDispatcher({ database: opened.database, clock, transport, mailFrom: config.mailFrom, log: app.log }, config.outboxPollMs);
  const jobs = startJobs({ database: opened.database, config, clock, log: app.log });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await dispatcher.stop();
    await jobs.stop();
    // The last requests' audit events are sealed now rather than by whichever instance (or restart) runs next.
    await sealAuditTrail(opened.database).catch((err: unknown) => app.log.warn({ err }, 'sealing the audit trail at shutdown failed'));
    await opened.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  process.stdout.write(`  Tilth is listening on ${config.publicUrl} (${opened.database.kind}${config.databaseUrl ? '' : ` in ${config.dataDir}`})\n`);
}

main().catch((err) => {
  process.stderr.write(`Tilth failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});

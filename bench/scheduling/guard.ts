/**
 * Drops the benchmark's database even when the benchmark is killed. `tsx` (the npm script's runner) answers Ctrl-C by
 * relaying the signal to its child and, if the child has not acknowledged it within 30 ms — it cannot while a plan
 * keeps its event loop busy for longer — kills it with SIGKILL, so the process's own SIGINT handler may never run.
 * A small detached process (plain node, its own process group, so Ctrl-C does not reach it) watches the benchmark's
 * pid and, once it is gone, drops the database (DROP … IF EXISTS: a no-op after a normal run) and exits.
 */
import { spawn } from 'node:child_process';

const WATCHER = `
const pg = require('pg');
const [url, name, pid] = process.argv.slice(1);
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => {});
const alive = () => { try { process.kill(Number(pid), 0); return true; } catch { return false; } };
const timer = setInterval(async () => {
  if (alive()) return;
  clearInterval(timer);
  const client = new pg.Client({ connectionString: url });
  try { await client.connect(); await client.query('DROP DATABASE IF EXISTS ' + name + ' WITH (FORCE)'); } catch {}
  try { await client.end(); } catch {}
  process.exit(0);
}, 500);
`;

export function guardDatabase(adminUrl: string, dbName: string, cwd: string): void {
  if (!/^[a-z0-9_]+$/.test(dbName)) throw new Error(`unexpected database name ${dbName}`);
  const child = spawn(process.execPath, ['-e', WATCHER, adminUrl, dbName, String(process.pid)], { cwd, detached: true, stdio: 'ignore' });
  child.unref();
}

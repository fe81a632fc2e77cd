/**
 * `npm test`: prepares what this machine can (Debian's chromium when run as root, a local PostgreSQL if installed but
 * stopped), runs every Vitest project that can run, says loudly what it had to skip, and ends with "N passed, N failed".
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { connect } from 'node:net';

const skipped: string[] = [];
const say = (line: string) => process.stdout.write(`${line}\n`);
const loud = (line: string) => say(`\n!!! ${line}\n`);

function reachable(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'inherit' }).status === 0;

async function preparePostgres(): Promise<boolean> {
  const url = new URL(process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test');
  const host = url.hostname;
  const port = Number(url.port || 5432);
  if (await reachable(host, port)) return true;
  if (['127.0.0.1', 'localhost'].includes(host) && existsSync('/etc/postgresql')) {
    for (const version of readdirSync('/etc/postgresql')) {
      say(`Starting the local PostgreSQL ${version} cluster…`);
      run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
    }
    for (let i = 0; i < 20 && !(await reachable(host, port)); i++) await new Promise((r) => setTimeout(r, 250));
    if (await reachable(host, port)) return true;
  }
  skipped.push(`the PostgreSQL run of the integration suite: no server at ${host}:${port} (set TEST_DATABASE_URL or install PostgreSQL)`);
  return false;
}

function prepareChromium(): boolean {
  if (existsSync('/usr/bin/chromium')) return true;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    say('Installing Debian chromium for the end-to-end tests…');
    if (!run('apt-get', ['install', '-y', 'chromium'])) run('apt-get', ['update']) && run('apt-get', ['install', '-y', 'chromium']);
    if (existsSync('/usr/bin/chromium')) return true;
  }
  skipped.push('the end-to-end tests: /usr/bin/chromium is missing (run as root to install it, or `apt-get install chromium`)');
  return false;
}

async function main(): Promise<void> {
  const projects = ['unit', 'pglite'];
  if (await preparePostgres()) projects.push('postgres');
  if (prepareChromium()) {
    execFileSync('npx', ['tsx', 'scripts/ensure-web-build.ts'], { stdio: 'inherit' });
    projects.push('e2e');
  }
  for (const s of skipped) loud(`SKIPPED ${s}`);

  mkdirSync('.tmp', { recursive: true });
  const resultsFile = '.tmp/vitest-results.json';
  const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...process.argv.slice(2)];
  const status = spawnSync('npx', args, { stdio: 'inherit' }).status ?? 1;

  let passed = 0;
  let failed = 0;
  let pending = 0;
  if (existsSync(resultsFile)) {
    const results = JSON.parse(readFileSync(resultsFile, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests?: number };
    passed = results.numPassedTests;
    failed = results.numFailedTests;
    pending = results.numPendingTests + (results.numTodoTests ?? 0);
  } else {
    failed = 1;
  }
  say('');
  for (const s of skipped) say(`SKIPPED: ${s}`);
  if (pending) say(`${pending} tests skipped by their own conditions (see above)`);
  say(`Projects run: ${projects.join(', ')}`);
  say(`${passed} passed, ${failed} failed`);
  process.exit(status !== 0 || failed > 0 ? 1 : 0);
}

void main();

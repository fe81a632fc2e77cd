/** The real server (`src/server/main.ts --demo`) as a child process, on a free port, with its output kept for errors. */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sleep } from './stats';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  url: string;
  pid: number;
  /** The server's output since the last call (warnings and errors, at LOG_LEVEL=warn). */
  takeOutput(): string;
  stop(): Promise<void>;
}

export async function startServer(env: Record<string, string>, options: { cpuProfileDir?: string } = {}): Promise<RunningServer> {
  const port = await freePort();
  const nodeArgs = [
    ...(options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : []),
    // BENCH_TRACE_GC=FILE: the server's garbage collections, one line each, appended to FILE (to tell GC pauses from other stalls).
    ...(process.env.BENCH_TRACE_GC ? ['--trace-gc'] : []),
    '--import', 'tsx', 'src/server/main.ts', '--demo',
  ];
  const child: ChildProcess = spawn(process.execPath, nodeArgs, {
    cwd: REPO_ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '10000000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const gcLog = process.env.BENCH_TRACE_GC;
  const keep = (chunk: Buffer) => {
    if (gcLog) appendFileSync(gcLog, chunk);
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (done) throw new Error(`the server exited during start-up:\n${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not answer /api/health within 90 s:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  output = '';
  return {
    url,
    pid: child.pid!,
    takeOutput() {
      const text = output;
      output = '';
      return text;
    },
    async stop() {
      if (done) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

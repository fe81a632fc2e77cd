/**
 * Builds the web app (dist/web) with Vite's JS API, but only when it is missing or older than its sources:
 * any file under src/web, or vite.config.ts. `npm start` runs this before the server; the e2e setup calls
 * ensureWebBuild() too. Prints one line when it builds.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const OUTPUT = join(ROOT, 'dist/web/index.html');
const SOURCES = [join(ROOT, 'src/web'), join(ROOT, 'vite.config.ts'), join(ROOT, 'index.html')];

/** The newest modification time among the given files and folders (recursively); 0 if none exist. */
function newestMtime(paths: string[]): number {
  let newest = 0;
  const visit = (path: string) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  paths.forEach(visit);
  return newest;
}

export function webBuildIsStale(): boolean {
  if (!existsSync(OUTPUT)) return true;
  return newestMtime(SOURCES) > statSync(OUTPUT).mtimeMs;
}

/** Builds dist/web if it is stale; resolves to whether it built. */
export async function ensureWebBuild(options: { quiet?: boolean } = {}): Promise<boolean> {
  if (!webBuildIsStale()) return false;
  const started = Date.now();
  const { build } = await import('vite');
  // Always a production build, even when called from a test runner that has set NODE_ENV=test (Vite follows it).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error', mode: 'production' });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  if (!options.quiet) process.stdout.write(`Built the web app into dist/web in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`);
  return true;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureWebBuild().catch((err: unknown) => {
    process.stderr.write(`Building the web app failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}

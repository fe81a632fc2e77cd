/**
 * Takes docs/screenshot.png for the README: a therapist's overview of a patient, at 1280×800, from a fresh demo server.
 * Run with `npx tsx e2e/screenshot.ts`.
 */
import { fileURLToPath } from 'node:url';
import { ensureWebBuild } from '../scripts/ensure-web-build';
import { patientIdByName, signInAs } from './helpers/auth';
import { launchBrowser } from './helpers/browser';
import { startServer } from './helpers/server';

const OUTPUT = fileURLToPath(new URL('../docs/screenshot.png', import.meta.url));

await ensureWebBuild();
const server = await startServer();
const browser = await launchBrowser({ width: 1280, height: 800 });
try {
  const { context, page } = browser;
  await signInAs(context, page, server.baseUrl, 'therapist', '/patients');
  const id = await patientIdByName(context, server.baseUrl, 'Avery');
  await page.goto(`${server.baseUrl}/patients/${id}`);
  await page.getByRole('heading', { name: 'Status history' }).waitFor();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: OUTPUT });
  process.stdout.write(`Wrote ${OUTPUT}\n`);
} finally {
  await browser.close();
  await server.stop();
}

/**
 * The e2e project's global setup: make sure dist/web is built, check for Chromium, start the real server on a free
 * port with a fresh data folder, and hand its base URL to the tests (inject('baseUrl')). Teardown stops it.
 */
import type { TestProject } from 'vitest/node';
import { ensureWebBuild } from '../scripts/ensure-web-build';
import { assertChromium } from './helpers/browser';
import './helpers/provided';
import { startServer } from './helpers/server';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  assertChromium();
  await ensureWebBuild();
  const server = await startServer();
  project.provide('baseUrl', server.baseUrl);
  return () => server.stop();
}

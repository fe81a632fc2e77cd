/** One Chromium (Debian's /usr/bin/chromium) per test file, with a fresh profile, driven by playwright-core. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export function assertChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`The e2e tests need Debian's Chromium at ${CHROMIUM}; install it with "apt-get install -y chromium".`);
  }
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console messages of every page since the last clearConsole(). */
  console: ConsoleMessage[];
  clearConsole(): void;
  close(): Promise<void>;
}

/** `timezoneId` sets the device's zone (e.g. one far from the clinic's, to show times stay clinic-local). */
export async function launchBrowser(viewport = { width: 1280, height: 800 }, options: { timezoneId?: string } = {}): Promise<Browser> {
  assertChromium();
  const profile = mkdtempSync(join(tmpdir(), 'tilth-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    ...options,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context.setDefaultTimeout(10_000);
  const messages: ConsoleMessage[] = [];
  const watch = (page: Page) => page.on('console', (m) => messages.push(m));
  context.pages().forEach(watch);
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    console: messages,
    clearConsole: () => void messages.splice(0),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Console messages that report a Content-Security-Policy violation. */
export function cspViolations(messages: ConsoleMessage[]): string[] {
  return messages.map((m) => m.text()).filter((t) => /Content Security Policy|Content-Security-Policy|CSP/i.test(t));
}

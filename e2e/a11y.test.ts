/**
 * axe-core (WCAG 2.0/2.1 A and AA) on every page, signed in as the role that uses it, at desktop width and at
 * 375 px (phone), plus a few states: form errors, open dialogs, the open navigation drawer.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { patientIdByName, signInAs, type DemoUser } from './helpers/auth';
import { axeViolations } from './helpers/axe';
import { launchBrowser, type Browser } from './helpers/browser';
import './helpers/provided';

const baseUrl = inject('baseUrl');
let b: Browser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  b = await launchBrowser();
  await signInAs(b.context, b.page, baseUrl, 'nurse');
  ids.avery = await patientIdByName(b.context, baseUrl, 'Avery');
  ids.dan = await patientIdByName(b.context, baseUrl, 'Okoro');
});
afterAll(async () => {
  await b?.close();
});

/** [who, path, h1] — who null means signed out. */
const PAGES: [DemoUser | null, string, string][] = [
  [null, '/sign-in', 'Sign in to Tilth'],
  [null, '/forgot-password', 'Reset your password'],
  [null, '/set-password?token=x', 'Choose a password'],
  ['nurse', '/patients', 'Patients'],
  ['nurse', '/patients?q=nobody-here', 'Patients'],
  ['nurse', '/patients/new', 'Add patient'],
  ['nurse', '/patients/:avery', 'Avery Morgan'],
  ['prescriber', '/patients/:avery', 'Avery Morgan'],
  ['therapist', '/patients', 'Patients'],
  ['therapist', '/account', 'Account'],
  ['admin', '/patients/:avery', 'Avery Morgan'],
  ['admin', '/staff', 'Staff'],
  ['admin', '/rooms', 'Rooms'],
  ['admin', '/audit', 'Audit trail'],
  ['admin', '/outbox', 'Outbox'],
  ['admin', '/settings', 'Clinic settings'],
  ['admin', '/account', 'Account'],
  ['admin', '/account/two-factor', 'Set up two-step sign-in'],
  ['patient1', '/my-overview', 'Hello, Avery'],
  ['patient1', '/access-log', 'Who accessed my record'],
  ['patient1', '/account', 'Account'],
  ['patient1', '/patients/:dan', 'Patient not found'],
];

async function open(who: DemoUser | null, path: string, heading: string, current: { who: DemoUser | null | undefined }) {
  const url = path.replace(/:(\w+)/, (_, key: string) => ids[key]!);
  if (who !== current.who) {
    if (who) await signInAs(b.context, b.page, baseUrl, who);
    else await b.context.clearCookies();
    current.who = who;
  }
  await b.page.goto(`${baseUrl}${url}`);
  await b.page.getByRole('heading', { level: 1, name: heading }).waitFor();
  // Let lists and cards finish loading before checking.
  await b.page.waitForFunction(() => !document.querySelector('[role="status"] .mantine-Loader-root'));
}

for (const [label, width] of [['desktop', 1280], ['phone (375 px)', 375]] as const) {
  describe(`accessibility on ${label}`, () => {
    it('every page has no axe violations', async () => {
      await b.page.setViewportSize({ width, height: 800 });
      const current: { who: DemoUser | null | undefined } = { who: undefined };
      const problems: string[] = [];
      for (const [who, path, heading] of PAGES) {
        await open(who, path, heading, current);
        const violations = await axeViolations(b.page);
        if (violations.length) problems.push(`${who ?? 'signed out'} ${path}:\n${violations.join('\n')}`);
        expect(await b.page.title()).toMatch(/ · Tilth$/);
        expect(await b.page.locator('main').count()).toBe(1);
      }
      expect(problems).toEqual([]);
    }, 180_000); // 22 pages, each signed in as its role and checked in full: about a minute on a busy machine

    it('forms showing server errors, open dialogs and the navigation have no axe violations', async () => {
      await b.page.setViewportSize({ width, height: 800 });
      const { page } = b;
      const problems: string[] = [];
      const check = async (what: string) => {
        const violations = await axeViolations(page);
        if (violations.length) problems.push(`${what}:\n${violations.join('\n')}`);
      };
      await b.context.clearCookies();
      await page.goto(`${baseUrl}/sign-in`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
      await check('sign-in with an error');

      await signInAs(b.context, page, baseUrl, 'nurse', '/patients/new');
      await page.getByRole('button', { name: 'Add patient' }).click();
      await page.getByRole('alert').first().waitFor();
      await check('new patient with field errors');

      await signInAs(b.context, page, baseUrl, 'admin', `/patients/${ids.avery}`);
      await page.getByRole('button', { name: 'Edit personal details' }).click();
      await page.getByRole('dialog', { name: 'Edit personal details' }).waitFor();
      await check('edit details dialog');
      await page.keyboard.press('Escape');
      await page.goto(`${baseUrl}/staff`);
      await page.getByRole('button', { name: 'Add staff member' }).click();
      await page.getByRole('dialog', { name: 'Add a staff member' }).waitFor();
      await check('add staff dialog');
      await page.goto(`${baseUrl}/rooms`);
      await page.getByRole('button', { name: 'Add room' }).click();
      await page.getByRole('dialog', { name: 'Add a room' }).waitFor();
      await check('add room dialog');
      await page.keyboard.press('Escape');

      if (width < 768) {
        await page.getByRole('button', { name: 'Open navigation' }).click();
        await page.getByRole('button', { name: 'Close navigation' }).waitFor();
        await check('open navigation drawer');
        // Escape closes it and gives focus back to the button.
        await page.keyboard.press('Escape');
        await page.getByRole('button', { name: 'Open navigation' }).waitFor();
      }
      expect(problems).toEqual([]);
    });
  });
}

describe('keyboard', () => {
  it('a skip link leads past the navigation to the main content', async () => {
    await b.page.setViewportSize({ width: 1280, height: 800 });
    await signInAs(b.context, b.page, baseUrl, 'nurse', '/patients');
    await b.page.keyboard.press('Tab');
    expect(await b.page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await b.page.keyboard.press('Enter');
    expect(await b.page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    await b.page.keyboard.press('Tab');
    expect(await b.page.evaluate(() => document.activeElement?.textContent)).toBe('Add patient');
  });

  it('the closed phone navigation cannot be reached with Tab', async () => {
    await b.page.setViewportSize({ width: 375, height: 800 });
    await b.page.goto(`${baseUrl}/patients`);
    await b.page.getByRole('table', { name: 'Patients' }).waitFor();
    const reached: string[] = [];
    for (let i = 0; i < 6; i++) {
      await b.page.keyboard.press('Tab');
      reached.push(await b.page.evaluate(() => document.activeElement?.closest('nav')?.id ?? ''));
    }
    expect(reached).not.toContain('main-navigation');
  });
});

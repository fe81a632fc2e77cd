/**
 * axe-core (WCAG 2.0/2.1 A and AA) on every page of courses, calendars, working hours and protocols, at desktop
 * width and at 375 px, in the states that matter: a proposed plan, a plan that cannot be made (with its reason), a
 * booked course, a refused booking with its conflicts, the move, cancel and history dialogs, a move refused with the
 * exception form, the patient's calendar link; and no Content-Security-Policy violation on any of them.
 */
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, patientId } from './helpers/api';
import { signInAs, type DemoUser } from './helpers/auth';
import { axeViolations } from './helpers/axe';
import { cspViolations, launchBrowser, type Browser } from './helpers/browser';
import './helpers/provided';

const baseUrl = inject('baseUrl');
let b: Browser;
const ids: Record<string, string> = {};
let tz = 'America/Los_Angeles';
let averyDose = 0;

beforeAll(async () => {
  b = await launchBrowser();
  const nurse = await apiAs('nurse', baseUrl);
  tz = (await nurse.get<{ timeZone: string }>('/api/clinic')).timeZone;
  ids.avery = await patientId(nurse, 'Avery');
  ids.dan = await patientId(nurse, 'Okoro');
  ids.theo = await patientId(nurse, 'Lindqvist');
  ids.rosa = await patientId(nurse, 'Delgado');
  ids.sub = (await nurse.get<{ items: { id: string; name: string }[] }>('/api/protocols')).items.find((p) => p.name.startsWith('Sublingual'))!.id;
  const tomorrow = Temporal.Now.plainDateISO(tz).add({ days: 1 }).toString();
  // A proposed plan (Theo), and one that cannot be made: Rosa can only come on Sundays, when the clinic is closed.
  await nurse.post(`/api/patients/${ids.theo}/courses`, { protocolId: ids.sub, startDate: tomorrow });
  await nurse.put(`/api/patients/${ids.rosa}/scheduling-preferences`, { weekdays: [7] });
  await nurse.post(`/api/patients/${ids.rosa}/courses`, { protocolId: ids.sub, startDate: tomorrow });
  const avery = (await nurse.get<{ items: { appointments: { kind: string; number: number; status: string }[] }[] }>(`/api/patients/${ids.avery}/courses`)).items[0]!;
  averyDose = avery.appointments.find((a) => a.kind === 'dosing' && a.status === 'booked')!.number;
  await nurse.dispose();
});
afterAll(async () => {
  await b?.close();
});

/** [who, path, h1]; the patient's overview (with its course card) and the clinic settings (with opening hours) are in a11y.test.ts. */
const PAGES: [DemoUser, string, string][] = [
  ['nurse', '/patients/:avery/course', 'Avery Morgan'],
  ['nurse', '/patients/:theo/course', 'Theo Lindqvist'],
  ['nurse', '/patients/:rosa/course', 'Rosa Delgado'],
  ['nurse', '/patients/:dan/course', 'Daniel “Dan” Okoro'],
  ['nurse', '/calendar', 'Calendar'],
  ['nurse', '/calendar?view=day', 'Calendar'],
  ['nurse', '/calendar/today', 'Today by room'],
  ['admin', '/availability', 'Working hours'],
  ['admin', '/protocols', 'Protocols'],
  ['admin', '/protocols/:sub', 'Sublingual KAP, 6 sessions'],
  ['admin', '/protocols/new', 'New protocol'],
  ['patient1', '/my-appointments', 'My appointments'],
];

async function open(who: DemoUser, path: string, heading: string, current: { who?: DemoUser }) {
  const url = path.replace(/:(\w+)/, (_, key: string) => ids[key]!);
  if (who !== current.who) {
    await signInAs(b.context, b.page, baseUrl, who);
    current.who = who;
  }
  await b.page.goto(`${baseUrl}${url}`);
  await b.page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await b.page.waitForFunction(() => !document.querySelector('[role="status"] .mantine-Loader-root'));
}

for (const [label, width] of [['desktop', 1280], ['phone (375 px)', 375]] as const) {
  describe(`courses, calendars, working hours and protocols on ${label}`, () => {
    it('every page has no axe violations and no CSP violations', async () => {
      await b.page.setViewportSize({ width, height: 800 });
      b.clearConsole();
      const current: { who?: DemoUser } = {};
      const problems: string[] = [];
      for (const [who, path, heading] of PAGES) {
        await open(who, path, heading, current);
        if (path.endsWith('/course')) await b.page.getByRole('heading', { level: 2 }).first().waitFor();
        const violations = await axeViolations(b.page);
        if (violations.length) problems.push(`${who} ${path}:\n${violations.join('\n')}`);
        expect(await b.page.locator('main').count()).toBe(1);
      }
      expect(problems).toEqual([]);
      expect(cspViolations(b.console)).toEqual([]);
    });

    it('a refused booking, the move, cancel and history dialogs and the calendar link have no axe violations', async () => {
      await b.page.setViewportSize({ width, height: 800 });
      b.clearConsole();
      const { page } = b;
      const problems: string[] = [];
      const check = async (what: string, include?: string) => {
        const violations = await axeViolations(page, include);
        if (violations.length) problems.push(`${what}:\n${violations.join('\n')}`);
      };
      const sunday = (() => {
        const today = Temporal.Now.plainDateISO(tz);
        return today.add({ days: 7 + (7 - today.dayOfWeek) });
      })();

      // The plan with a time that breaks a rule: the refusal lists it, with the exception field.
      await signInAs(b.context, page, baseUrl, 'nurse', `/patients/${ids.theo}/course`);
      await page.getByRole('button', { name: 'Change the time of dose 1' }).click();
      const adjust = page.getByRole('dialog', { name: 'Change the time of dose 1' });
      await adjust.getByLabel('New date and time').fill(`${sunday}T10:00`);
      await check('adjust dialog', '[role="dialog"]');
      await adjust.getByRole('button', { name: 'Use this time' }).click();
      await page.getByRole('button', { name: /^Book all \d+ appointments$/ }).click();
      await page.getByRole('alert').filter({ hasText: 'Nothing was booked' }).getByRole('list', { name: 'Conflicting appointments' }).waitFor();
      await check('refused booking with conflicts', '[role="alert"]');

      // A booked course: moving (refused, then the exception form), cancelling, the history.
      await page.goto(`${baseUrl}/patients/${ids.avery}/course`);
      await page.getByRole('button', { name: `Move dose ${averyDose}` }).click();
      const move = page.getByRole('dialog', { name: `Move dose ${averyDose}` });
      await move.getByLabel('New date and time').fill(`${sunday}T10:00`);
      await move.getByRole('button', { name: 'Show what changes' }).click();
      await move.getByRole('alert').filter({ hasText: 'The clinic is closed at that time.' }).waitFor();
      await move.getByRole('button', { name: 'Book it as an exception…' }).click();
      await move.getByRole('textbox', { name: 'Reason for the exception' }).waitFor();
      await check('move refused, with the exception form', '[role="dialog"]');
      await page.keyboard.press('Escape');
      await move.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: `Cancel dose ${averyDose}` }).click();
      const cancel = page.getByRole('dialog', { name: `Cancel dose ${averyDose}` });
      await cancel.getByRole('radio', { name: 'Cancel it too' }).waitFor();
      await check('cancel dialog', '[role="dialog"]');
      await page.keyboard.press('Escape');
      await cancel.waitFor({ state: 'detached' });
      await page.getByRole('button', { name: `History of dose ${averyDose}` }).click();
      const history = page.getByRole('dialog', { name: `History of dose ${averyDose}` });
      await history.getByRole('list', { name: 'Changes, oldest first' }).waitFor();
      await check('history dialog', '[role="dialog"]');
      await page.keyboard.press('Escape');

      // The patient's calendar link, shown once.
      await signInAs(b.context, page, baseUrl, 'patient1', '/my-appointments');
      await page.getByRole('button', { name: /calendar link$/ }).first().click();
      await page.getByRole('textbox', { name: 'Calendar link' }).waitFor();
      await check('calendar link shown');
      expect(problems).toEqual([]);
      expect(cspViolations(b.console)).toEqual([]);
    });
  });
}

/**
 * axe-core (WCAG 2.0/2.1 A and AA) on every page of questionnaires, safety, outcomes, screening and their admin
 * settings, at desktop width and at 375 px, with a few states (the runner's steps, open dialogs, an import refused
 * with its problems); and no Content-Security-Policy violation on any of them.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, assignOnce, patientId } from './helpers/api';
import { signInAs, type DemoUser } from './helpers/auth';
import { axeViolations } from './helpers/axe';
import { cspViolations, launchBrowser, type Browser } from './helpers/browser';
import './helpers/provided';

const baseUrl = inject('baseUrl');
let b: Browser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  b = await launchBrowser();
  const nurse = await apiAs('nurse', baseUrl);
  ids.avery = await patientId(nurse, 'Avery');
  ids.marcus = await patientId(nurse, 'Bell');
  ids.gad = await assignOnce(nurse, ids.avery, 'gad-7');
  // Scores for the trajectory, one of them raising a safety alert (shown on the patient's pages and the queue).
  await nurse.post(`/api/patients/${ids.avery}/responses`, { instrument: 'phq-9', answers: [2, 2, 2, 1, 1, 1, 1, 1, 1] });
  await nurse.post(`/api/patients/${ids.avery}/doses`, { dosedAt: new Date().toISOString() });
  await nurse.post(`/api/patients/${ids.avery}/responses`, { instrument: 'phq-9', answers: [1, 1, 1, 0, 0, 0, 1, 0, 0] });
  await nurse.dispose();
});
afterAll(async () => {
  await b?.close();
});

/** [who, path, h1] (the overview and clinic settings, with their new cards, are in a11y.test.ts) */
const PAGES: [DemoUser, string, string][] = [
  ['patient1', '/my-questionnaires', 'My questionnaires'],
  ['patient1', '/my-questionnaires/:gad', 'Generalized Anxiety Disorder scale (GAD-7)'],
  ['nurse', '/patients/:avery/questionnaires', 'Avery Morgan'],
  ['nurse', '/patients/:avery/questionnaires/enter/phq-9', 'Avery Morgan'],
  ['nurse', '/patients/:avery/outcomes', 'Avery Morgan'],
  ['nurse', '/safety', 'Safety queue'],
  ['nurse', '/outcomes', 'Outcomes'],
  ['prescriber', '/patients/:marcus/screening', 'Marcus Bell'],
  ['prescriber', '/measurement-plan', 'Measurement plan'],
  ['prescriber', '/eligibility-rules', 'Eligibility rules'],
  ['admin', '/safety', 'Safety queue'],
  ['admin', '/instruments', 'Instruments'],
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
  describe(`questionnaires, safety, outcomes and screening on ${label}`, () => {
    it('every page has no axe violations and no CSP violations', async () => {
      await b.page.setViewportSize({ width, height: 800 });
      b.clearConsole();
      const current: { who?: DemoUser } = {};
      const problems: string[] = [];
      for (const [who, path, heading] of PAGES) {
        await open(who, path, heading, current);
        const violations = await axeViolations(b.page);
        if (violations.length) problems.push(`${who} ${path}:\n${violations.join('\n')}`);
        expect(await b.page.locator('main').count()).toBe(1);
      }
      expect(problems).toEqual([]);
      expect(cspViolations(b.console)).toEqual([]);
    });

    it('the runner’s steps, dialogs and an import with problems have no axe violations', async () => {
      await b.page.setViewportSize({ width, height: 800 });
      const { page } = b;
      const problems: string[] = [];
      const check = async (what: string) => {
        const violations = await axeViolations(page);
        if (violations.length) problems.push(`${what}:\n${violations.join('\n')}`);
      };
      await signInAs(b.context, page, baseUrl, 'patient1', `/my-questionnaires/${ids.gad}`);
      // The first visit shows the instructions; a later one resumes at a question.
      await page.getByRole('heading', { level: 2, name: /^(Before you start|Question \d of 7)$/ }).waitFor();
      const start = page.getByRole('button', { name: 'Start' });
      if (await start.isVisible()) await start.click();
      await page.getByRole('heading', { level: 2, name: /^Question \d of 7$/ }).waitFor();
      await check('a question of the runner');
      await page.getByRole('radio').first().check();
      await check('a question answered');

      await signInAs(b.context, page, baseUrl, 'nurse', '/safety');
      await page.getByRole('button', { name: /^Acknowledge the alert for/ }).first().click();
      const dialog = page.getByRole('dialog', { name: 'Acknowledge safety alert' });
      await dialog.getByRole('button', { name: 'Acknowledge alert' }).click();
      await dialog.getByText('Choose the action you took').waitFor();
      await check('acknowledge dialog with errors');
      await page.keyboard.press('Escape');

      await page.goto(`${baseUrl}/patients/${ids.avery}/questionnaires`);
      await page.getByRole('button', { name: /^Correct the PHQ-9/ }).first().click();
      await page.getByRole('dialog', { name: /^Correct PHQ-9/ }).getByRole('button', { name: 'Save correction' }).waitFor();
      await check('correction dialog');
      await page.keyboard.press('Escape');

      await signInAs(b.context, page, baseUrl, 'admin', '/instruments');
      await page.getByRole('textbox', { name: 'Definition (JSON)' }).fill('{"id": "Not An Id", "items": []}');
      await page.getByRole('button', { name: 'Import instrument' }).click();
      await page.getByRole('list', { name: 'Problems in the definition' }).waitFor();
      await check('instrument import with problems');
      expect(problems).toEqual([]);
    });
  });
}

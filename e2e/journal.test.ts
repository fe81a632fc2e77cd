/**
 * The journal, the action plan and the pre-integration view in the browser (issue #6 §4): Avery writes an entry with
 * a prompt and a mood, shares it; her therapist reads it on the integration session's page, with the dose it follows,
 * and reviews an action-plan item there; when Avery stops sharing, the entry is gone from the therapist's view. The
 * pages have no axe (WCAG A/AA) or CSP violations, at desktop width and at 375 px.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, patientId } from './helpers/api';
import { signInAs, type DemoUser } from './helpers/auth';
import { axeViolations } from './helpers/axe';
import { cspViolations, launchBrowser, type Browser } from './helpers/browser';
import './helpers/provided';

const baseUrl = inject('baseUrl');
let b: Browser;
let integrationId = '';
const WORDS = `The frozen lake again, and this time it held (${Date.now()}).`;
const COMMITMENT = 'Say one true sentence each evening.';

beforeAll(async () => {
  b = await launchBrowser();
  const therapist = await apiAs('therapist', baseUrl);
  const avery = await patientId(therapist, 'Avery');
  const courses = await therapist.get<{ items: { status: string; appointments: { id: string; kind: string; number: number; status: string }[] }[] }>(`/api/patients/${avery}/courses`);
  const course = courses.items.find((c) => c.status === 'booked')!;
  integrationId = course.appointments.find((a) => a.kind === 'integration' && a.number === 2)!.id;
  await therapist.dispose();
  const patient = await apiAs('patient1', baseUrl);
  await patient.post(`/api/patients/${avery}/action-plan`, { insight: 'I go quiet when I am hurt.', commitment: COMMITMENT, timeframe: 'Every evening', measure: 'A tick in my diary' });
  await patient.dispose();
});
afterAll(async () => {
  await b?.close();
});

const settle = () => b.page.waitForFunction(() => !document.querySelector('[role="status"] .mantine-Loader-root'));

describe('sharing a journal entry with the care team', () => {
  it('the patient writes privately and shares; the therapist reads it before integration and reviews the plan', async () => {
    const { page } = b;
    await signInAs(b.context, page, baseUrl, 'patient1', '/my-journal');
    await page.getByRole('heading', { level: 1, name: 'My journal' }).waitFor();
    await page.getByLabel('Start from a question').selectOption({ label: 'What surfaced?' });
    await page.getByRole('textbox', { name: 'What surfaced?' }).fill(WORDS);
    await page.getByRole('checkbox', { name: 'Note my mood' }).check();
    await page.getByRole('slider', { name: /^Mood/ }).press('ArrowRight');
    await expect.poll(() => page.getByText('Mood: 6 of 10 — In between').count()).toBe(1);
    await page.getByRole('button', { name: 'Save privately' }).click();
    const entry = page.getByRole('article').filter({ hasText: WORDS });
    await entry.getByText('Private', { exact: true }).waitFor();
    await entry.getByRole('switch', { name: 'Share with my care team' }).check({ force: true });
    await entry.getByText('Shared', { exact: true }).waitFor();
    await entry.getByText(/can read this entry/).waitFor();

    await signInAs(b.context, page, baseUrl, 'therapist', `/integration/${integrationId}`);
    await page.getByRole('heading', { level: 1, name: 'Integration 2: Avery Morgan' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'The dose it follows: dose 2' }).waitFor();
    await page.getByRole('region', { name: 'Shared journal entries' }).getByText(WORDS).waitFor();
    const item = page.getByRole('article').filter({ hasText: COMMITMENT });
    await item.getByLabel('Status after the review').selectOption('done');
    await item.getByLabel('Review note (optional)').fill('Five evenings of seven.');
    await item.getByRole('button', { name: 'Record the review' }).click();
    await page.getByRole('article').filter({ hasText: COMMITMENT }).getByText(/^Reviewed at this session/).waitFor();

    await signInAs(b.context, page, baseUrl, 'patient1', '/my-journal');
    const mine = page.getByRole('article').filter({ hasText: WORDS });
    await mine.getByRole('switch', { name: 'Share with my care team' }).uncheck({ force: true });
    await mine.getByText('Private', { exact: true }).waitFor();

    await signInAs(b.context, page, baseUrl, 'therapist', `/integration/${integrationId}`);
    await page.getByRole('heading', { level: 2, name: 'Shared journal entries' }).waitFor();
    await settle();
    expect(await page.getByText(WORDS).count()).toBe(0);
  });
});

const PAGES: [DemoUser, () => string, string][] = [
  ['patient1', () => '/my-journal', 'My journal'],
  ['patient1', () => '/my-action-plan', 'My action plan'],
  ['therapist', () => `/integration/${integrationId}`, 'Integration 2: Avery Morgan'],
  ['patient1', () => '/my-checkins', 'My check-ins'],
  ['therapist', () => '/follow-through', 'Integration follow-through'],
];

for (const [label, width] of [['desktop', 1280], ['phone (375 px)', 375]] as const) {
  describe(`journal, action plan, integration, check-in and follow-through pages on ${label}`, () => {
    it('have no axe violations and no CSP violations', async () => {
      await b.page.setViewportSize({ width, height: 800 });
      b.clearConsole();
      const problems: string[] = [];
      for (const [who, path, heading] of PAGES) {
        await signInAs(b.context, b.page, baseUrl, who, path());
        await b.page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await settle();
        const violations = await axeViolations(b.page);
        if (violations.length) problems.push(`${who} ${path()}:\n${violations.join('\n')}`);
      }
      expect(problems).toEqual([]);
      expect(cspViolations(b.console)).toEqual([]);
    });
  });
}

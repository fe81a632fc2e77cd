/**
 * Preparation in the browser (issue #6 §1, §3): the therapist opens a preparation session's guide from Avery's course,
 * writes her hopes and a safety plan, ticks a topic covered, and saves; Avery then sees "My safety plan" in the portal
 * with the person to call as a call link. The guide, the portal page and the admin's note-template and education
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
let avery = '';
let preparationId = '';
let heading = '';
const HELPS = `Slow breathing and the music off (${Date.now()}).`;

beforeAll(async () => {
  b = await launchBrowser();
  const therapist = await apiAs('therapist', baseUrl);
  avery = await patientId(therapist, 'Avery');
  const courses = await therapist.get<{ items: { status: string; appointments: { id: string; kind: string; number: number }[] }[] }>(`/api/patients/${avery}/courses`);
  const prep = courses.items.find((c) => c.status === 'booked')!.appointments.filter((a) => a.kind === 'preparation').at(-1)!;
  preparationId = prep.id;
  heading = `Preparation session ${prep.number}: Avery Morgan`;
  await therapist.dispose();
});
afterAll(async () => {
  await b?.close();
});

const settle = () => b.page.waitForFunction(() => !document.querySelector('[role="status"] .mantine-Loader-root'));

describe('the preparation guide', () => {
  it('is filled in by the therapist from the course page, and the patient sees the safety plan', async () => {
    const { page } = b;
    await signInAs(b.context, page, baseUrl, 'therapist', `/patients/${avery}/course`);
    await page.getByRole('link', { name: /^Preparation guide of/ }).last().click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.getByRole('textbox', { name: 'The patient’s hopes' }).fill('To sleep through the night again.');
    await page.getByRole('textbox', { name: 'What helps when it gets hard' }).fill(HELPS);
    await page.getByRole('textbox', { name: 'Person 1: name' }).fill('Sam Morgan');
    await page.getByRole('textbox', { name: 'Person 1: relationship' }).fill('partner');
    await page.getByRole('textbox', { name: 'Person 1: phone' }).fill('+1 510 555 0134');
    await page.getByRole('checkbox', { name: 'Monitoring' }).check();
    await page.getByText('Unsaved changes').waitFor();
    await page.getByRole('button', { name: 'Save the guide' }).click();
    await page.getByText(/^Saved · last changed by/).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'Emotional safety plan' }).getByText('Complete', { exact: true }).count()).toBe(1);

    await signInAs(b.context, page, baseUrl, 'patient1', '/preparing');
    await page.getByRole('heading', { level: 2, name: 'My safety plan' }).waitFor();
    await page.getByText(HELPS).waitFor();
    expect(await page.getByRole('link', { name: 'Call Sam Morgan at +1 510 555 0134' }).getAttribute('href')).toBe('tel:+15105550134');
    expect(await page.getByText('To sleep through the night again.').count()).toBe(0);
  });
});

// Paths and headings are read when the test runs (the appointment is found in beforeAll).
const PAGES: [DemoUser, () => string, () => string][] = [
  ['therapist', () => `/preparation/${preparationId}`, () => heading],
  ['patient1', () => '/preparing', () => 'Preparing for your sessions'],
  ['admin', () => '/note-templates', () => 'Note templates'],
  ['admin', () => '/education-modules', () => 'Education modules'],
];

for (const [label, width] of [['desktop', 1280], ['phone (375 px)', 375]] as const) {
  describe(`preparation and clinic content pages on ${label}`, () => {
    it('have no axe violations and no CSP violations', async () => {
      await b.page.setViewportSize({ width, height: 800 });
      b.clearConsole();
      const problems: string[] = [];
      for (const [who, path, title] of PAGES) {
        await signInAs(b.context, b.page, baseUrl, who, path());
        await b.page.getByRole('heading', { level: 1, name: title() }).waitFor();
        await settle();
        const violations = await axeViolations(b.page);
        if (violations.length) problems.push(`${who} ${path()}:\n${violations.join('\n')}`);
      }
      expect(problems).toEqual([]);
      expect(cspViolations(b.console)).toEqual([]);
    });
  });
}

/**
 * The course timeline in Chromium (issue #6 §5): a prescriber opens Avery's timeline from the record's sections, sees
 * the chart and the list grouped by dose, filters a kind away and regroups by week; Avery opens "My timeline" from
 * her navigation. Both pages pass axe (WCAG 2.0/2.1 A and AA) at desktop width and at 375 px, without CSP violations.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, patientId } from './helpers/api';
import { signInAs } from './helpers/auth';
import { axeViolations } from './helpers/axe';
import { cspViolations, launchBrowser, type Browser } from './helpers/browser';
import './helpers/provided';

const baseUrl = inject('baseUrl');
let b: Browser;
let avery = '';

beforeAll(async () => {
  b = await launchBrowser();
  const nurse = await apiAs('nurse', baseUrl);
  avery = await patientId(nurse, 'Avery');
  await nurse.dispose();
});
afterAll(async () => {
  await b?.close();
});

const settled = () => b.page.waitForFunction(() => !document.querySelector('[role="status"] .mantine-Loader-root'));

describe('the course timeline', () => {
  it('staff: reached from the record, a chart of scores with doses, a list filtered by kind and grouped by dose or week', async () => {
    const { page } = b;
    b.clearConsole();
    await signInAs(b.context, page, baseUrl, 'prescriber', `/patients/${avery}`);
    await page.getByRole('navigation', { name: 'Sections of the record' }).getByRole('link', { name: 'Timeline' }).click();
    await page.getByRole('heading', { level: 2, name: 'Scores and doses' }).waitFor();
    await settled();
    await expect(page.getByRole('img', { name: /^PHQ-9 scores out of 27: .*Doses: dose 1/ }).count()).resolves.toBe(1);
    await page.getByRole('heading', { level: 3, name: /^Dose 1 \(given\)/ }).waitFor();
    const status = page.getByText(/^\d+ of \d+ events shown\.$/);
    const [shown, total] = (await status.innerText()).match(/\d+/g)!.map(Number);
    expect(shown).toBe(total);
    await page.getByRole('checkbox', { name: /^Questionnaires \(\d+\)$/ }).uncheck();
    const [fewer] = (await status.innerText()).match(/\d+/g)!.map(Number);
    expect(fewer).toBeLessThan(shown!);
    await expect(page.getByRole('heading', { level: 3, name: /^Week of / }).count()).resolves.toBe(0);
    await page.getByText('Week', { exact: true }).click();
    await page.getByRole('heading', { level: 3, name: /^Week of / }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(cspViolations(b.console)).toEqual([]);
  });

  it('patient: "My timeline" in the navigation, in plain words', async () => {
    const { page } = b;
    await signInAs(b.context, page, baseUrl, 'patient1', '/my-overview');
    await page.getByRole('link', { name: 'My timeline' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'My timeline' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'My scores and doses' }).waitFor();
    await settled();
    await page.getByRole('heading', { level: 3, name: 'Mood (PHQ-9)' }).waitFor();
    await expect(page.getByText(/mg\/kg|mmHg|Themes/).count()).resolves.toBe(0);
  });

  for (const [label, width] of [['desktop', 1280], ['phone (375 px)', 375]] as const) {
    it(`has no axe violations on ${label}`, async () => {
      const { page } = b;
      await page.setViewportSize({ width, height: 800 });
      const problems: string[] = [];
      for (const [who, path, h2] of [['therapist', `/patients/${avery}/timeline`, 'Everything in order'], ['patient1', '/my-timeline', 'Everything in order']] as const) {
        await signInAs(b.context, page, baseUrl, who, path);
        await page.getByRole('heading', { level: 2, name: h2 }).waitFor();
        await settled();
        const violations = await axeViolations(page);
        if (violations.length) problems.push(`${who} ${path}:\n${violations.join('\n')}`);
      }
      expect(problems).toEqual([]);
    });
  }
});

/**
 * Measurement-based care in the browser: a half-finished questionnaire resumes after a reload; staff enter a
 * questionnaire on a patient's behalf and correct it; the trajectory chart and its table render for a patient with
 * scores (seeded through the API); screening, the live evaluation and an override waiting for a co-signature.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, assignOnce, patientId, type Api } from './helpers/api';
import { signInAs } from './helpers/auth';
import { cspViolations, launchBrowser, type Browser } from './helpers/browser';
import './helpers/provided';

const baseUrl = inject('baseUrl');
let b: Browser;
let nurse: Api;
const ids: Record<string, string> = {};

beforeAll(async () => {
  b = await launchBrowser();
  nurse = await apiAs('nurse', baseUrl);
  ids.dan = await patientId(nurse, 'Okoro');
  ids.maya = await patientId(nurse, 'Patel');
  ids.marcus = await patientId(nurse, 'Bell');
});
afterAll(async () => {
  await nurse?.dispose();
  await b?.close();
});

describe('a patient', () => {
  it('resumes a half-finished questionnaire after a reload at the first unanswered item', async () => {
    const { page } = b;
    await page.setViewportSize({ width: 375, height: 667 });
    const assignment = await assignOnce(nurse, ids.dan!, 'phq-9');
    await signInAs(b.context, page, baseUrl, 'patient2', `/my-questionnaires/${assignment}`);
    await page.getByRole('button', { name: 'Start' }).click();
    for (const answer of ['Not at all', 'Several days', 'Nearly every day']) {
      await page.getByRole('radio', { name: answer, exact: true }).check();
      await page.getByRole('button', { name: 'Next' }).click();
    }
    await page.getByRole('heading', { level: 2, name: 'Question 4 of 9' }).waitFor();
    // Each answer was saved as a draft: wait for the last save, then leave and come back.
    await expect
      .poll(async () => (await nurse.get<{ due: { id: string; draftAnswers: (number | null)[] | null }[] }>(`/api/patients/${ids.dan}/questionnaires`)).due.find((a) => a.id === assignment)?.draftAnswers?.slice(0, 3))
      .toEqual([0, 1, 3]);
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Question 4 of 9' }).waitFor();
    await page.getByText('Welcome back: your earlier answers were kept').waitFor();
    await page.getByRole('button', { name: 'Back' }).click();
    await page.getByRole('heading', { level: 2, name: 'Question 3 of 9' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Nearly every day' }).isChecked()).toBe(true);
    // The list shows it as started.
    await page.goto(`${baseUrl}/my-questionnaires`);
    await page.getByRole('link', { name: 'Continue: Patient Health Questionnaire (PHQ-9)' }).first().waitFor();
  });
});

describe('a nurse', () => {
  it('enters a GAD-7 on the patient’s behalf, recorded as entered by staff, then corrects it with a reason', async () => {
    const { page } = b;
    await page.setViewportSize({ width: 1280, height: 800 });
    const assignment = await assignOnce(nurse, ids.maya!, 'gad-7');
    await signInAs(b.context, page, baseUrl, 'nurse', `/patients/${ids.maya}`);
    await page.getByRole('navigation', { name: 'Sections of the record' }).getByRole('link', { name: 'Questionnaires' }).click();
    await page.getByRole('heading', { level: 2, name: 'Questionnaires' }).waitFor();
    await page.locator(`a[href="/patients/${ids.maya}/questionnaires/answer/${assignment}"]`).click();
    await page.getByText('You are entering the patient’s answers on their behalf').waitFor();
    await page.getByRole('button', { name: 'Start' }).click();
    for (let i = 1; i <= 7; i++) {
      await page.getByRole('heading', { level: 2, name: `Question ${i} of 7` }).waitFor();
      await page.getByRole('radio', { name: i <= 4 ? 'More than half the days' : 'Several days', exact: true }).check();
      await page.getByRole('button', { name: i < 7 ? 'Next' : 'Review answers' }).click();
    }
    await page.getByRole('button', { name: 'Save the response' }).click();
    await page.getByRole('heading', { name: 'Response saved' }).waitFor();
    await page.getByText('Score 11 · Moderate').waitFor();
    await page.getByText('Recorded as entered by staff on the patient’s behalf.').waitFor();

    await page.getByRole('link', { name: 'Back to the questionnaires' }).click();
    const table = page.getByRole('table', { name: 'Submitted responses, newest first' });
    const row = table.getByRole('row').filter({ hasText: 'GAD-7' }).first();
    await row.getByText('Staff, for the patient').waitFor();
    await row.getByRole('cell', { name: '11', exact: true }).waitFor();

    await row.getByRole('button', { name: /^Correct the GAD-7/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Correct GAD-7 (version 1)' });
    await dialog.getByRole('combobox', { name: /^1\. Feeling nervous/ }).selectOption({ label: 'Not at all (0)' });
    await dialog.getByRole('button', { name: 'Save correction' }).click();
    await dialog.getByText('say why the answers are corrected', { exact: true }).waitFor();
    await dialog.getByRole('textbox', { name: 'Reason for the correction' }).fill('The patient misread the first question on the phone call.');
    await dialog.getByRole('button', { name: 'Save correction' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Correction saved as version 2: score 9 (Mild).').waitFor();
    await table.getByText('Correction: The patient misread the first question on the phone call.').waitFor();
    await table.getByText('v1 · corrected since').waitFor();
  });

  it('sees the trajectory chart, its summary and the same data as a table', async () => {
    const { page } = b;
    // Seeded through the API: a baseline, a dose, then falling scores (response, then remission).
    const submit = (answers: number[]) => nurse.post(`/api/patients/${ids.maya}/responses`, { instrument: 'phq-9', answers });
    await submit([2, 2, 2, 2, 2, 2, 2, 2, 0]); // 16, moderately severe
    await nurse.post(`/api/patients/${ids.maya}/doses`, { dosedAt: new Date().toISOString() });
    await new Promise((r) => setTimeout(r, 20));
    await submit([1, 1, 1, 1, 1, 1, 1, 1, 0]); // 8: a 50 % drop
    await submit([1, 1, 1, 0, 0, 0, 0, 0, 0]); // 3: below 5
    await page.goto(`${baseUrl}/patients/${ids.maya}/outcomes`);
    await page.getByRole('heading', { level: 2, name: 'Patient Health Questionnaire (PHQ-9)' }).waitFor();

    const chart = page.getByRole('img', { name: /^Chart of PHQ-9 scores over time\./ });
    await chart.waitFor();
    const label = (await chart.getAttribute('aria-label')) ?? '';
    expect(label).toContain('Baseline 16 (Moderately severe)');
    expect(label).toContain('Latest 3 (Minimal)');
    expect(label).toContain('13 points lower than the baseline, at least the minimal clinically important difference of 5 points');
    expect(label).toMatch(/Response \(at least 50 % below baseline\) first reached on/);
    expect(label).toMatch(/Remission \(PHQ-9 below 5\) first reached on/);
    // Bands shaded, the dose and the baseline drawn, the scores plotted with markers.
    await chart.locator('.recharts-line-dots circle').nth(2).waitFor();
    expect(await chart.locator('.recharts-reference-area').count()).toBe(5);
    expect(await chart.getByText('Baseline 16').count()).toBe(1);
    expect(await chart.getByText(/^Dose \d+$/).count()).toBeGreaterThanOrEqual(1);
    expect(await chart.getByText('Response').count()).toBe(1);
    expect(await chart.getByText('Remission').count()).toBe(1);

    const table = page.getByRole('table', { name: 'PHQ-9 scores and doses over time (times in clinic time)' });
    const rows = table.getByRole('row');
    expect(await rows.count()).toBeGreaterThanOrEqual(5); // header, 3 scores, the dose
    await table.getByRole('row').filter({ hasText: 'Baseline' }).getByRole('cell', { name: '16', exact: true }).waitFor();
    await table.getByRole('row').filter({ hasText: 'Response' }).getByText('−8').waitFor();
    await table.getByRole('row').filter({ hasText: 'Remission' }).getByText('−13').waitFor();
    await table.getByRole('cell', { name: 'Dose 1' }).waitFor();
  });

  it('finds the patient on the clinic outcomes page with their latest scores', async () => {
    const { page } = b;
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Outcomes' }).click();
    await page.getByRole('heading', { level: 1, name: 'Outcomes' }).waitFor();
    const row = page.getByRole('table', { name: 'Active patients’ outcomes' }).getByRole('row').filter({ hasText: 'Maya Patel' });
    await row.getByText('(−13)').waitFor();
    await row.getByText('Remission').waitFor();
  });
});

describe('a prescriber', () => {
  it('records screening, sees every reason live, and an override of an exclusion waits for a co-signature', async () => {
    const { page } = b;
    b.clearConsole();
    await signInAs(b.context, page, baseUrl, 'prescriber', `/patients/${ids.marcus}/screening`);
    await page.getByRole('heading', { level: 2, name: 'Screening record' }).waitFor();
    await page.getByRole('checkbox', { name: 'Treatment-resistant depression' }).check();
    await page.getByRole('checkbox', { name: 'History of psychosis' }).check();
    await page.getByRole('textbox', { name: 'Systolic' }).fill('164');
    await page.getByRole('textbox', { name: 'Diastolic' }).fill('96');
    const reasons = page.getByRole('list', { name: 'Reasons' });
    await reasons.getByText('Blood pressure at or above 160/100 (clinic hold threshold)').waitFor();
    await reasons.getByText('History of psychosis').waitFor();
    await reasons.getByText('Clinic policy', { exact: true }).waitFor();
    await page.getByText('Evaluated live from the form (not saved yet)').waitFor();
    await page.getByText('The screening record has unsaved changes.').waitFor();
    await page.getByRole('button', { name: 'Save screening record' }).click();
    await page.getByText('Evaluated from the saved record').waitFor();

    await page.getByText('The rules say: Ineligible. Your decision:').waitFor();
    await page.getByRole('radio', { name: 'Eligible for a KAP course' }).check();
    await page.getByText('Deciding eligible needs your written reason and a second prescriber’s co-signature').waitFor();
    const record = page.getByRole('button', { name: 'Record decision for co-signature' });
    expect(await record.isDisabled()).toBe(true);
    await page.getByRole('textbox', { name: 'Reason' }).fill('Blood pressure was taken right after a stressful drive; home readings are 128/82.');
    await record.click();
    await page.getByText('Decision recorded: it takes effect when a second prescriber co-signs it.').waitFor();
    const history = page.getByRole('list', { name: 'Eligibility decisions, newest first' });
    await history.getByText('Waiting for co-signature').waitFor();

    // Pending co-signatures are visible from the patient list; the deciding prescriber may withdraw it.
    await page.goto(`${baseUrl}/patients`);
    await page.getByRole('heading', { level: 2, name: 'Waiting for a co-signature' }).waitFor();
    await page.locator(`a[href="/patients/${ids.marcus}/screening"]`).click();
    await page.getByRole('heading', { level: 2, name: 'Decisions' }).waitFor();
    await history.getByRole('button', { name: 'Withdraw' }).click();
    await page.getByText('The decision was withdrawn.').waitFor();
    await history.getByText('Withdrawn').waitFor();
    expect(cspViolations(b.console)).toEqual([]);
  });
});

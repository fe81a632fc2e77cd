/**
 * Issue #3's safety flow end to end: a patient completes a PHQ-9 on a phone-sized screen (375×667), one item per
 * screen with its progress, answers item 9 above zero and sees the crisis resources at once; then the therapist signs
 * in, sees the alert in the safety queue and acknowledges it with an action and a note.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, assignOnce, patientId, type Api } from './helpers/api';
import { signInWithForm } from './helpers/auth';
import { axeViolations } from './helpers/axe';
import { cspViolations, launchBrowser, type Browser } from './helpers/browser';
import './helpers/provided';

const baseUrl = inject('baseUrl');
let b: Browser;
let nurse: Api;
let avery: string;
let assignmentId: string;

beforeAll(async () => {
  b = await launchBrowser({ width: 375, height: 667 });
  nurse = await apiAs('nurse', baseUrl);
  avery = await patientId(nurse, 'Avery');
  assignmentId = await assignOnce(nurse, avery, 'phq-9');
});
afterAll(async () => {
  await nurse?.dispose();
  await b?.close();
});

const ANSWERS = ['Several days', 'More than half the days', 'Several days', 'Not at all', 'Several days', 'Not at all', 'Several days', 'Not at all', 'Several days'];

describe('a patient reports thoughts of self-harm on a phone', () => {
  it('answers the PHQ-9 one item per screen, with progress, and sees the crisis resources at once', async () => {
    const { page } = b;
    b.clearConsole();
    await signInWithForm(page, baseUrl, 'patient1');
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'My questionnaires' }).click();
    await page.getByRole('heading', { level: 1, name: 'My questionnaires' }).waitFor();
    await page.locator(`a[href="/my-questionnaires/${assignmentId}"]`).click();

    await page.getByRole('heading', { level: 2, name: 'Before you start' }).waitFor();
    await page.getByText('Over the last 2 weeks, how often have you been bothered by any of the following problems?').waitFor();
    await page.getByRole('button', { name: 'Start' }).click();

    for (const [i, answer] of ANSWERS.entries()) {
      const heading = page.getByRole('heading', { level: 2, name: `Question ${i + 1} of 9` });
      await heading.waitFor();
      // Focus moves to the question's heading; one question (one group of four answers) per screen.
      expect(await heading.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await page.locator('fieldset').count()).toBe(1);
      expect(await page.getByRole('radio').count()).toBe(4);
      expect(await page.locator('.mantine-Progress-section').isVisible()).toBe(true);
      // Next waits for an answer.
      expect(await page.getByRole('button', { name: 'Next' }).isDisabled()).toBe(true);
      await page.getByRole('radio', { name: answer, exact: true }).check();
      await page.getByRole('button', { name: 'Next' }).click();
    }
    // The difficulty question is optional and may be skipped.
    await page.getByRole('heading', { level: 2, name: 'Optional question 1 of 1' }).waitFor();
    await page.getByRole('button', { name: 'Skip this question' }).click();
    await page.getByRole('heading', { level: 2, name: 'Check your answers' }).waitFor();
    await page.getByText('Skipped (optional)').waitFor();
    await page.getByRole('button', { name: 'Send my answers' }).click();

    const crisis = page.getByRole('alert').filter({ hasText: 'call or text 988' });
    await crisis.waitFor();
    expect(await crisis.evaluate((el) => el === document.activeElement)).toBe(true);
    // Visible without scrolling, with 988 as text and as a call link.
    const box = await crisis.boundingBox();
    expect(box && box.y >= 0 && box.y < 667).toBe(true);
    expect(await crisis.getByRole('link', { name: '988', exact: true }).first().getAttribute('href')).toBe('tel:988');
    expect(await crisis.getByRole('link', { name: 'Call 988' }).getAttribute('href')).toBe('tel:988');
    await crisis.getByText('Your care team has been told about your answers').waitFor();
    await page.getByRole('heading', { name: 'Thank you: your answers were sent' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(cspViolations(b.console)).toEqual([]);
  });

  it('the questionnaire has left the due list', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Back to my questionnaires' }).click();
    await page.getByRole('heading', { level: 1, name: 'My questionnaires' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Completed' }).waitFor();
    expect(await page.locator(`a[href="/my-questionnaires/${assignmentId}"]`).count()).toBe(0);
  });
});

describe('the therapist', () => {
  it('sees the alert in the safety queue and acknowledges it with an action and a note', async () => {
    const { page } = b;
    await page.setViewportSize({ width: 1280, height: 800 });
    await signInWithForm(page, baseUrl, 'therapist');
    const nav = page.getByRole('navigation', { name: 'Main navigation' });
    await nav.getByRole('link', { name: /^Safety queue, \d+ open$/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Safety queue' }).waitFor();

    const open = page.getByRole('list', { name: 'Open alerts' }).getByRole('listitem').filter({ hasText: 'Avery Morgan' });
    await open.first().waitFor();
    const before = await open.count();
    await open.first().getByText('Suicidal ideation').waitFor();
    await open.first().getByText(/Open since .* P[SD]T/).waitFor();
    await open.first().getByRole('button', { name: 'Acknowledge the alert for Avery Morgan' }).click();

    const dialog = page.getByRole('dialog', { name: 'Acknowledge safety alert' });
    await dialog.getByRole('button', { name: 'Acknowledge alert' }).click();
    await dialog.getByText('Choose the action you took').waitFor();
    await dialog.getByText('Describe what was done').waitFor();
    const note = `Phoned Avery ${Date.now()}: safe tonight, safety plan reviewed, appointment tomorrow.`;
    await dialog.getByRole('combobox', { name: 'Action taken' }).selectOption('contacted-patient');
    await dialog.getByRole('textbox', { name: 'Note' }).fill(note);
    await dialog.getByRole('button', { name: 'Acknowledge alert' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.getByRole('status').filter({ hasText: 'The alert for Avery Morgan was acknowledged: Contacted the patient.' }).waitFor();
    await expect.poll(() => open.count()).toBe(before - 1);
    const history = page.getByRole('table', { name: 'Acknowledged alerts, newest first' });
    await history.getByText(note).waitFor();
    await history.getByRole('row').filter({ hasText: note }).getByText('by Jordan Lee').waitFor();
    expect(cspViolations(b.console)).toEqual([]);
  });
});

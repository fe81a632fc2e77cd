/** The patient list (search, filter, paging, empty state) and a nurse's work on a new patient. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signInAs } from './helpers/auth';
import { launchBrowser, type Browser } from './helpers/browser';
import './helpers/provided';

const baseUrl = inject('baseUrl');
let b: Browser;

beforeAll(async () => {
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
});

const rows = () => b.page.getByRole('table', { name: 'Patients' }).getByRole('row');
const search = () => b.page.getByRole('searchbox', { name: 'Search by name' });
const statusFilter = () => b.page.getByRole('combobox', { name: 'Status' });

describe('patient list', () => {
  it('searches by name, with the search kept in the address', async () => {
    await signInAs(b.context, b.page, baseUrl, 'nurse', '/patients');
    await expect.poll(() => rows().count()).toBe(15); // header + 14 demo patients
    await search().fill('okor');
    await b.page.waitForURL(/\?q=okor/);
    await expect.poll(() => rows().count()).toBe(2);
    await b.page.getByRole('link', { name: 'Daniel “Dan” Okoro' }).waitFor();
    await b.page.reload();
    await b.page.getByRole('link', { name: 'Daniel “Dan” Okoro' }).waitFor();
    expect(await search().inputValue()).toBe('okor');
  });

  it('filters by status and combines the filter with the search', async () => {
    await b.page.goto(`${baseUrl}/patients`);
    await statusFilter().selectOption('eligible');
    await b.page.waitForURL(/status=eligible/);
    await expect.poll(() => rows().count()).toBe(6); // 5 eligible demo patients
    await b.page.getByText('5 patients').waitFor();
    await search().fill('patel');
    await expect.poll(() => rows().count()).toBe(2);
    await b.page.getByRole('link', { name: 'Maya Patel' }).waitFor();
  });

  it('shows a clear empty state and clears the search and filter', async () => {
    await b.page.goto(`${baseUrl}/patients?q=nobody-by-this-name&status=withdrawn`);
    await b.page.getByText('No patients match').waitFor();
    await b.page.getByText('Nobody named “nobody-by-this-name” with status Withdrawn').waitFor();
    await b.page.getByRole('button', { name: 'Clear search and filter' }).click();
    await expect.poll(() => rows().count()).toBe(15);
    expect(await search().inputValue()).toBe('');
    expect(new URL(b.page.url()).search).toBe('');
  });

  it('pages through a long list', async () => {
    const csrf = await b.page.evaluate(async () => ((await (await fetch('/api/me')).json()) as { csrfToken: string }).csrfToken);
    for (let i = 1; i <= 22; i++) {
      const created = await b.context.request.post(`${baseUrl}/api/patients`, {
        headers: { 'x-csrf-token': csrf },
        data: { givenName: `Page${String(i).padStart(2, '0')}`, familyName: 'Pagetest', dateOfBirth: '1990-01-01', sexAssignedAtBirth: 'unknown' },
      });
      expect(created.status()).toBe(201);
    }
    await b.page.goto(`${baseUrl}/patients?q=pagetest`);
    await b.page.getByText('22 patients · showing 1–20').waitFor();
    await expect.poll(() => rows().count()).toBe(21);
    await b.page.getByRole('button', { name: 'Next page' }).click();
    await b.page.getByText('Page 2 of 2').waitFor();
    await expect.poll(() => rows().count()).toBe(3);
    expect(b.page.url()).toContain('page=2');
    expect(await b.page.getByRole('button', { name: 'Next page' }).isDisabled()).toBe(true);
    await b.page.getByRole('button', { name: 'Previous page' }).click();
    await b.page.getByText('Page 1 of 2').waitFor();
  });
});

describe('a nurse', () => {
  it('adds a patient, sees field errors from the server, then changes their status', async () => {
    const { page } = b;
    await signInAs(b.context, page, baseUrl, 'nurse', '/patients');
    await page.getByRole('link', { name: 'Add patient' }).click();
    await page.getByRole('heading', { level: 1, name: 'Add patient' }).waitFor();
    // Submitting empty: the server's field messages land on the inputs.
    await page.getByRole('button', { name: 'Add patient' }).click();
    await page.getByRole('alert').filter({ hasText: 'The patient was not added' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Given name' }).getAttribute('aria-invalid')).toBe('true');

    await page.getByRole('textbox', { name: 'Given name' }).fill('Iris');
    await page.getByRole('textbox', { name: 'Family name' }).fill('Nightingale');
    await page.getByLabel('Date of birth').fill('1984-02-29');
    await page.getByRole('combobox', { name: 'Sex assigned at birth' }).selectOption('female');
    await page.getByRole('textbox', { name: 'Pronouns' }).fill('she/her');
    await page.getByRole('textbox', { name: 'Email' }).fill('iris.nightingale@example.org');
    await page.getByRole('checkbox', { name: 'Jordan Lee' }).check();
    await page.getByRole('combobox', { name: 'Prescriber' }).selectOption({ label: 'Priya Shah' });
    await page.getByRole('textbox', { name: 'Weight (kg)' }).fill('61.5');
    await page.getByRole('button', { name: 'Add patient' }).click();

    await page.getByRole('heading', { level: 1, name: 'Iris Nightingale' }).waitFor();
    await page.getByText('Iris Nightingale was added as referred.').waitFor();
    await page.getByText('61.5 kg').waitFor();

    // Move on: referred → screening.
    await page.getByRole('combobox', { name: 'Move to' }).selectOption('screening');
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.getByText('Status changed to Screening.').waitFor();
    const options = await page.getByRole('combobox', { name: 'Move to' }).locator('option').allInnerTexts();
    // Eligible / ineligible come only from a prescriber's eligibility decision (the screening page), not a status move.
    expect(options).toEqual(['Choose the next status…', 'Withdrawn']);

    // Withdrawing needs a reason: the server says so on the field.
    await page.getByRole('combobox', { name: 'Move to' }).selectOption('withdrawn');
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.getByRole('alert').filter({ hasText: 'Withdrawing a patient needs a reason.' }).waitFor();
    await page.getByRole('textbox', { name: 'Reason' }).fill('Chose another clinic closer to home');
    await page.getByRole('button', { name: 'Change status' }).click();
    await page.getByText('Status changed to Withdrawn.').waitFor();
    await page.getByText('Reason: Chose another clinic closer to home').first().waitFor();
  });

  it('records a weight', async () => {
    const { page } = b;
    await page.getByRole('textbox', { name: 'Weight (kg)' }).fill('62');
    await page.getByRole('button', { name: 'Record weight' }).click();
    await page.getByText('Weight 62 kg recorded.').waitFor();
    await page.getByRole('table', { name: 'Recorded weights' }).getByText('62.0 kg').waitFor();
  });
});

describe('a prescriber', () => {
  it('changes the care team, edits personal details and invites the patient to the portal', async () => {
    const { page } = b;
    await signInAs(b.context, page, baseUrl, 'prescriber', '/patients?q=nightingale');
    await page.getByRole('link', { name: 'Iris Nightingale' }).click();
    await page.getByRole('heading', { level: 1, name: 'Iris Nightingale' }).waitFor();

    await page.getByRole('button', { name: 'Change care team' }).click();
    const team = page.getByRole('dialog', { name: 'Change care team' });
    await team.getByRole('checkbox', { name: 'Riley Chen' }).check();
    await team.getByRole('button', { name: 'Save care team' }).click();
    await team.waitFor({ state: 'detached' });
    await page.getByText('Riley Chen').first().waitFor();

    await page.getByRole('button', { name: 'Edit personal details' }).click();
    const details = page.getByRole('dialog', { name: 'Edit personal details' });
    await details.getByRole('textbox', { name: 'Phone', exact: true }).fill('not a phone');
    await details.getByRole('button', { name: 'Save details' }).click();
    await details.getByText('must be a phone number', { exact: true }).waitFor();
    await details.getByRole('textbox', { name: 'Phone', exact: true }).fill('+1 510 555 0123');
    await details.getByRole('button', { name: 'Save details' }).click();
    await details.waitFor({ state: 'detached' });
    await page.getByText('+1 510 555 0123').waitFor();

    await page.getByRole('button', { name: 'Invite to the portal' }).click();
    await page.getByText('An invitation with a set-password link was sent to iris.nightingale@example.org.').waitFor();
    await page.getByText('Has an account').waitFor();
  });
});

/**
 * The clinic's scheduling set-up in the browser: an administrator changes working hours and adds (then removes) time
 * off, adds a closed day with the opening hours and reminders, and creates a protocol and saves a new version of it.
 * Only the administrator's own hours and a new protocol are changed, so the demo's plans stay as they were.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, type Api } from './helpers/api';
import { signInAs } from './helpers/auth';
import { cspViolations, launchBrowser, type Browser } from './helpers/browser';
import './helpers/provided';

const baseUrl = inject('baseUrl');
let b: Browser;
let admin: Api;
let adminId = '';

beforeAll(async () => {
  b = await launchBrowser();
  admin = await apiAs('admin', baseUrl);
  adminId = (await admin.get<{ user: { staffId: string } }>('/api/me')).user.staffId;
  b.clearConsole();
});
afterAll(async () => {
  await admin?.dispose();
  await b?.close();
});

describe('an administrator', () => {
  it('changes working hours and adds and removes time off', async () => {
    const { page } = b;
    await signInAs(b.context, page, baseUrl, 'admin', '/availability');
    await page.getByRole('combobox', { name: 'Staff member' }).selectOption(adminId);
    const hours = page.getByRole('form', { name: /^Working hours of / });
    const saturday = hours.getByRole('group', { name: 'Saturday' });
    await saturday.getByText('Not working').waitFor();
    await saturday.getByRole('button', { name: 'Add hours on Saturday' }).click();
    await saturday.getByLabel('Until').fill('12:30');
    await hours.getByRole('button', { name: 'Save working hours' }).click();
    await hours.getByText('Working hours saved.').waitFor();
    const saved = await admin.get<{ weeklyHours: Record<string, [string, string][]> }>(`/api/staff/${adminId}/availability`);
    expect(saved.weeklyHours['6']).toEqual([['09:00', '12:30']]);

    const add = page.getByRole('form', { name: 'Add time off or extra hours' });
    await add.getByRole('textbox', { name: 'Note (optional)' }).fill('Conference');
    await add.getByRole('button', { name: 'Add time off' }).click();
    await page.getByRole('status').filter({ hasText: 'Time off added' }).waitFor();
    const list = page.getByRole('list', { name: 'Time off and extra hours' });
    await list.getByText('Conference').waitFor();
    await list.getByRole('button', { name: /^Remove time off from / }).click();
    await list.waitFor({ state: 'detached' });
    await page.getByText('None from today on.').waitFor();
  });

  it('adds a closed day and refuses reminder hours that are not numbers', async () => {
    const { page } = b;
    await page.goto(`${baseUrl}/settings`);
    const form = page.getByRole('form', { name: 'Opening hours and reminders' });
    await form.getByRole('group', { name: 'Sunday' }).getByText('Closed').waitFor();
    await form.getByLabel('Add a closed day').fill('2027-12-24');
    await form.getByRole('button', { name: 'Add day' }).click();
    await form.getByRole('list', { name: 'Closed days' }).getByText('Fri, Dec 24, 2027').waitFor();
    const reminders = form.getByRole('textbox', { name: 'Remind patients (hours before each appointment)' });
    await reminders.fill('a day before');
    await form.getByText('Whole numbers of hours, separated by commas').waitFor();
    expect(await form.getByRole('button', { name: 'Save opening hours and reminders' }).isDisabled()).toBe(true);
    await reminders.fill('48, 2');
    await form.getByRole('button', { name: 'Save opening hours and reminders' }).click();
    await form.getByText('Opening hours and reminders saved.').waitFor();
    const clinic = await admin.get<{ settings: { closedDates: string[]; reminderHoursBefore: number[] } }>('/api/clinic');
    expect(clinic.settings.closedDates).toContain('2027-12-24');
    expect(clinic.settings.reminderHoursBefore).toEqual([48, 2]);
    // Put the reminders back as they were.
    await reminders.fill('24, 2');
    await form.getByRole('button', { name: 'Remove Fri, Dec 24, 2027' }).click();
    await form.getByRole('button', { name: 'Save opening hours and reminders' }).click();
    await expect.poll(async () => (await admin.get<{ settings: { reminderHoursBefore: number[] } }>('/api/clinic')).settings.reminderHoursBefore).toEqual([24, 2]);
  });

  it('creates a protocol and saves a change as a new version, then retires it', async () => {
    const { page } = b;
    await page.goto(`${baseUrl}/protocols`);
    await page.getByRole('link', { name: 'New protocol' }).click();
    await page.getByRole('heading', { level: 1, name: 'New protocol' }).waitFor();
    const form = page.getByRole('form', { name: 'Protocol definition' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Intranasal KAP, 4 sessions');
    await form.getByRole('textbox', { name: 'Dosing sessions' }).fill('4');
    const routes = form.getByRole('group', { name: 'Routes allowed' });
    await routes.getByRole('checkbox', { name: 'Intranasal (spray)' }).check();
    await routes.getByRole('checkbox', { name: 'Sublingual (lozenge)' }).uncheck();
    await form.getByRole('button', { name: 'Create protocol' }).click();
    await page.getByRole('heading', { level: 1, name: 'Intranasal KAP, 4 sessions' }).waitFor();
    await page.getByText('Protocol created (version 1).').waitFor();

    await form.getByRole('textbox', { name: 'Integration until (hours after the dose)' }).fill('72');
    await form.getByRole('button', { name: 'Save as a new version' }).click();
    await page.getByText('Saved as version 2. Courses already started keep version 1.').waitFor();
    const versions = page.getByRole('list', { name: 'Versions, newest first' });
    await versions.getByText('Version 2', { exact: true }).waitFor();
    await versions.getByText('Version 1', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Retire this protocol' }).click();
    await page.getByText('Retired', { exact: true }).waitFor();
    await page.getByRole('link', { name: '← All protocols' }).click();
    const row = page.getByRole('table', { name: 'Protocols' }).getByRole('row').filter({ hasText: 'Intranasal KAP, 4 sessions' });
    await row.getByText('Version 2').waitFor();
    await row.getByText('Retired').waitFor();
    expect(cspViolations(b.console)).toEqual([]);
  });
});

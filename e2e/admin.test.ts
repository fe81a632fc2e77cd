/** An administrator's pages: rooms, staff and credentials, the audit trail, the outbox and clinic settings. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO, DEMO_PASSWORD, patientIdByName, signInAs } from './helpers/auth';
import { launchBrowser, type Browser } from './helpers/browser';
import { TotpCodes } from './helpers/totp';
import './helpers/provided';

const baseUrl = inject('baseUrl');
let b: Browser;

beforeAll(async () => {
  b = await launchBrowser();
  await signInAs(b.context, b.page, baseUrl, 'admin');
});
/** Set while the administrator has an authenticator; afterAll removes it if the test stopped half-way. */
let totp: TotpCodes | null = null;

afterAll(async () => {
  if (totp) await removeAdminSecondFactor(totp);
  await b?.close();
});

async function removeAdminSecondFactor(codes: TotpCodes): Promise<void> {
  const { context } = b;
  await context.clearCookies();
  const session = await context.request.post(`${baseUrl}/api/session`, {
    data: { email: DEMO.admin, password: DEMO_PASSWORD, totp: await codes.next() },
  });
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': csrfToken };
  await context.request.patch(`${baseUrl}/api/clinic`, { headers, data: { settings: { requireAdminTotp: false } } });
  await context.request.delete(`${baseUrl}/api/me/totp`, { headers, data: { code: await codes.next() } });
}

describe('an admin', () => {
  it('adds a room, then edits it', async () => {
    const { page } = b;
    await page.goto(`${baseUrl}/rooms`);
    await page.getByRole('button', { name: 'Add room' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a room' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Juniper Room');
    await dialog.getByRole('combobox', { name: 'Kind' }).selectOption('dosing');
    await dialog.getByRole('checkbox', { name: 'Recliner' }).check();
    await dialog.getByRole('checkbox', { name: 'Pulse oximeter' }).check();
    await dialog.getByRole('button', { name: 'Add room' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Juniper Room' });
    await row.waitFor();
    expect(await row.innerText()).toContain('Recliner, Pulse oximeter');

    // A duplicate name is refused with the server's message on the field.
    await page.getByRole('button', { name: 'Add room' }).click();
    await page.getByRole('dialog', { name: 'Add a room' }).getByRole('textbox', { name: 'Name' }).fill('Cedar Room');
    await page.getByRole('dialog', { name: 'Add a room' }).getByRole('button', { name: 'Add room' }).click();
    await page.getByRole('alert').filter({ hasText: 'A room with this name exists already.' }).waitFor();
    await page.getByRole('dialog', { name: 'Add a room' }).getByRole('button', { name: 'Cancel' }).click();

    await row.getByRole('button', { name: 'Edit Juniper Room' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Juniper Room' });
    await edit.getByRole('checkbox', { name: 'Oxygen' }).check();
    await edit.getByRole('button', { name: 'Save room' }).click();
    await expect.poll(() => row.innerText()).toContain('Recliner, Pulse oximeter, Oxygen');
  });

  it('views the audit trail filtered by patient, choosing the patient by name', async () => {
    const { page } = b;
    await page.goto(`${baseUrl}/audit`);
    await page.getByRole('table', { name: 'Audit events, newest first' }).waitFor();
    await page.getByRole('combobox', { name: 'Patient' }).fill('Whit');
    await page.getByRole('option', { name: 'Eleanor Whitfield' }).click();
    await page.waitForURL(/patientId=/);
    const patientCells = page.getByRole('table', { name: 'Audit events, newest first' }).locator('tbody tr td:nth-child(4)');
    // Single reads name her; list views she appeared in name her first ("Eleanor Whitfield and 3 more (list)").
    const names = async () => [...new Set((await patientCells.allInnerTexts()).map((t) => t.replace(/ (and \d+ more )?\(list\)$/, '')))];
    await expect.poll(names).toEqual(['Eleanor Whitfield']);
    // Times are in the clinic's zone, with its name.
    const when = await page.locator('tbody tr td').first().innerText();
    expect(when).toMatch(/\d{1,2}:\d{2} (AM|PM) P[SD]T$/);
  });

  it('opens a patient’s audit trail from their overview, filters by staff member and pages', async () => {
    const { page } = b;
    const id = await patientIdByName(b.context, baseUrl, 'Avery');
    // Make sure the trail has more than one page (50 events): every opened record is an audited read (a list view is
    // one event, whatever the number of patients in it).
    for (let i = 0; i < 52; i++) await b.context.request.get(`${baseUrl}/api/patients/${id}`);
    await page.goto(`${baseUrl}/patients/${id}`);
    await page.getByRole('link', { name: 'View audit trail' }).click();
    await page.waitForURL(new RegExp(`/audit\\?patientId=${id}`));
    await page.getByRole('table', { name: 'Audit events, newest first' }).getByText('Avery Morgan').first().waitFor();
    await page.getByRole('combobox', { name: 'Staff member' }).selectOption({ label: 'Morgan Reyes' });
    const who = page.locator('tbody tr td:nth-child(2)');
    await expect.poll(async () => [...new Set((await who.allInnerTexts()).map((t) => t.split('\n')[0]))]).toEqual(['Morgan Reyes']);
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL(`${baseUrl}/audit`);
    // More than one page of events by now: older events, then back to the newest.
    await page.getByRole('button', { name: 'Older events' }).click();
    await page.waitForURL(/before=\d+/);
    await page.getByRole('button', { name: 'Newest events' }).click();
    await page.waitForURL(`${baseUrl}/audit`);
  });

  it('adds a staff member and a credential; expired credentials are flagged', async () => {
    const { page } = b;
    await page.goto(`${baseUrl}/staff`);
    await page.getByRole('alert').filter({ hasText: 'Riley Chen has an expired credential' }).waitFor();
    await page.getByRole('button', { name: 'Add staff member' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a staff member' });
    await dialog.getByRole('textbox', { name: 'Given name' }).fill('Ada');
    await dialog.getByRole('textbox', { name: 'Family name' }).fill('Quinn');
    await dialog.getByRole('textbox', { name: 'Email' }).fill('ada.quinn@demo.tilth.test');
    await dialog.getByRole('combobox', { name: 'Role' }).selectOption('nurse');
    await dialog.getByRole('button', { name: 'Add and send invitation' }).click();
    await page.getByText('Ada Quinn was added; a set-password link was sent to ada.quinn@demo.tilth.test.').waitFor();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Ada Quinn' }) });
    await card.getByText('Invitation pending').waitFor();

    await card.getByRole('button', { name: 'Add credential for Ada Quinn' }).click();
    const cred = page.getByRole('dialog', { name: 'Add a credential for Ada Quinn' });
    await cred.getByRole('textbox', { name: 'Licence type' }).fill('RN');
    await cred.getByRole('textbox', { name: 'Licence number' }).fill('RN-2024-5511');
    await cred.getByRole('textbox', { name: 'Issuing state' }).fill('CA');
    await cred.getByLabel('Expires on').fill('2020-01-31');
    await cred.getByRole('button', { name: 'Add credential' }).click();
    await card.getByText('RN RN-2024-5511 (CA)').waitFor();
    await card.getByText('Expired', { exact: true }).waitFor();
    await page.getByRole('alert').filter({ hasText: 'Ada Quinn' }).waitFor();
  });

  it('sees the invitation in the outbox', async () => {
    const { page } = b;
    await page.goto(`${baseUrl}/outbox`);
    await page.getByText(/No failed messages|Failed/).first().waitFor();
    await page.getByRole('radiogroup', { name: 'Show messages' }).getByText('All', { exact: true }).click();
    await page.getByRole('table', { name: 'Messages' }).getByText('To ada.quinn@demo.tilth.test').waitFor();
  });

  it('requires two-step sign-in for administrators: sets up an authenticator, signs in with a code, turns it off', async () => {
    const { page } = b;
    await page.goto(`${baseUrl}/settings`);
    const toggle = page.getByRole('switch', { name: 'Require two-step sign-in for administrators' });
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click();
    // This administrator has no authenticator yet: the app takes them to set one up.
    await page.getByRole('heading', { level: 1, name: 'Set up two-step sign-in' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Required by your clinic' }).waitFor();
    await page.goto(`${baseUrl}/staff`);
    await page.waitForURL(`${baseUrl}/account/two-factor`);
    await page.getByRole('button', { name: 'Create my secret key' }).click();
    const secret = (await page.getByLabel('Secret key').innerText()).replace(/\s+/g, '');
    const codes = new TotpCodes(secret);
    totp = codes;
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByRole('textbox', { name: '6-digit code from the app' }).fill(await codes.next());
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Patients' }).waitFor();

    await page.goto(`${baseUrl}/settings`);
    await toggle.click();
    await page.getByText('Saved: two-step sign-in is optional for administrators.').waitFor();
    expect(await toggle.isChecked()).toBe(false);

    // Signing in now asks for a code.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in to Tilth' }).waitFor();
    await page.getByRole('textbox', { name: 'Email' }).fill(DEMO.admin);
    await page.getByRole('textbox', { name: 'Password', exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const codeBox = page.getByRole('textbox', { name: 'Authenticator code' });
    await codeBox.waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('totp');
    await codeBox.fill(await codes.next());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Patients' }).waitFor();

    // And off again (the other test files sign in as this administrator with a password only).
    await page.goto(`${baseUrl}/account`);
    await page.getByRole('textbox', { name: 'Current code from your app' }).fill(await codes.next());
    await page.getByRole('button', { name: 'Turn off' }).click();
    await page.getByText('Two-step sign-in is off.').waitFor();
    totp = null;
  });
});

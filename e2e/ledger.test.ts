/**
 * The controlled-substance ledger in the browser (issue #5 §4): a nurse receives a lot, records waste that the
 * prescriber witnesses with their own password (a wrong one is refused and nothing is recorded), counts a figure that
 * differs from the balance, and the administrator resolves the discrepancy with an adjustment. The page, its dialogs
 * and the report have no axe violations; the CSV export downloads.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO, DEMO_PASSWORD, signInAs } from './helpers/auth';
import { axeViolations } from './helpers/axe';
import { launchBrowser, type Browser } from './helpers/browser';
import './helpers/provided';

const baseUrl = inject('baseUrl');
let b: Browser;
const lotNumber = `E2E-${randomBytes(3).toString('hex').toUpperCase()}`;

beforeAll(async () => {
  b = await launchBrowser();
});
afterAll(async () => {
  await b?.close();
});

/** Waits until nothing on the page is loading any more. */
const settled = () => b.page.waitForFunction(() => !document.querySelector('[role="status"] .mantine-Loader-root'));

describe('the controlled-substance ledger', () => {
  it('a nurse receives a lot, records witnessed waste and a count that differs; the admin resolves the discrepancy', async () => {
    const { page } = b;
    await signInAs(b.context, page, baseUrl, 'nurse', '/patients');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Controlled substances' }).click();
    await page.getByRole('heading', { level: 1, name: 'Controlled substances' }).waitFor();
    // The demo clinic's two lots are there.
    const lots = page.getByRole('table', { name: 'Lots and balances' });
    await lots.getByText('KT-2411-0917').waitFor();
    await lots.getByText('KV-2410-1102').waitFor();

    await page.getByRole('button', { name: 'Receive stock' }).click();
    const receive = page.getByRole('dialog', { name: 'Receive stock' });
    await receive.getByRole('textbox', { name: 'Form and strength' }).fill('troche 100 mg');
    await receive.getByRole('textbox', { name: 'Supplier' }).fill('Cascade Compounding Pharmacy');
    await receive.getByRole('textbox', { name: 'Lot number' }).fill(lotNumber);
    await receive.getByLabel('Expires on').fill('2030-06-30');
    await receive.getByRole('textbox', { name: 'Quantity (mg)' }).fill('1000');
    await receive.getByRole('button', { name: 'Receive lot' }).click();
    await page.getByRole('status').filter({ hasText: `Lot ${lotNumber} received: 1,000 mg.` }).waitFor();
    const entries = page.getByRole('table', { name: `Entries of lot ${lotNumber}` });
    await entries.getByRole('cell', { name: 'Received' }).waitFor();

    // Waste: a wrong witness password is refused and nothing is recorded; the right one signs it.
    await page.getByRole('button', { name: 'Record waste' }).click();
    const wasteDialog = page.getByRole('dialog', { name: `Record waste from lot ${lotNumber}` });
    await wasteDialog.getByRole('textbox', { name: 'Quantity wasted (mg)' }).fill('25');
    await wasteDialog.getByRole('textbox', { name: 'Reason' }).fill('Drawn up, not given');
    await wasteDialog.getByRole('textbox', { name: 'Witness email' }).fill(DEMO.prescriber);
    await wasteDialog.getByLabel('Witness password').fill('not-the-password');
    await wasteDialog.getByRole('button', { name: 'Record waste' }).click();
    await wasteDialog.getByRole('alert').filter({ hasText: 'The witness’s email or password is not correct; nothing was recorded.' }).waitFor();
    expect(await wasteDialog.getByLabel('Witness password').inputValue()).toBe('');
    expect(await axeViolations(page, '[role="dialog"]')).toEqual([]);
    await wasteDialog.getByLabel('Witness password').fill(DEMO_PASSWORD);
    await wasteDialog.getByRole('button', { name: 'Record waste' }).click();
    await page.getByRole('status').filter({ hasText: 'Waste of 25 mg recorded, witnessed by Priya Shah; the lot now holds 975 mg.' }).waitFor();
    const wasteRow = entries.getByRole('row').filter({ hasText: 'Wasted' });
    expect(await wasteRow.innerText()).toMatch(/−25 mg\s+975 mg\s+Sam Okafor\s+Priya Shah\s+Drawn up, not given/);

    // A count that differs opens a discrepancy.
    await page.getByRole('button', { name: 'Count', exact: true }).click();
    const count = page.getByRole('dialog', { name: `Count lot ${lotNumber}` });
    await count.getByRole('textbox', { name: 'Counted (mg)' }).fill('970');
    await count.getByRole('button', { name: 'Record count' }).click();
    await page.getByRole('status').filter({ hasText: 'The count (970 mg) differs from the balance (975 mg) by −5 mg' }).waitFor();
    const open = page.getByRole('list', { name: 'Open discrepancies' });
    await open.getByText(`Lot ${lotNumber}: counted 970 mg, expected 975 mg (−5 mg)`).waitFor();
    // Nurses see the discrepancy but cannot resolve it.
    expect(await open.getByRole('button', { name: `Resolve the discrepancy on lot ${lotNumber}` }).count()).toBe(0);

    await signInAs(b.context, page, baseUrl, 'admin', '/ledger');
    const adminOpen = page.getByRole('list', { name: 'Open discrepancies' });
    await adminOpen.getByRole('button', { name: `Resolve the discrepancy on lot ${lotNumber}` }).click();
    const resolve = page.getByRole('dialog', { name: `Resolve the discrepancy on lot ${lotNumber}` });
    await resolve.getByRole('textbox', { name: 'Resolution' }).fill('Recount confirmed 970 mg; a troche fragment was found in the sharps bin.');
    expect(await resolve.getByRole('checkbox', { name: 'Record an adjustment of −5 mg so the ledger matches the count' }).isChecked()).toBe(true);
    await resolve.getByRole('button', { name: 'Resolve discrepancy' }).click();
    await page.getByRole('status').filter({ hasText: `Discrepancy resolved; an adjustment of −5 mg was recorded and lot ${lotNumber} now holds 970 mg.` }).waitFor();
    await page.getByRole('row').filter({ hasText: lotNumber }).getByText('970 mg').waitFor();
    expect(await page.getByRole('list', { name: 'Open discrepancies' }).getByText(lotNumber).count()).toBe(0);
  });

  it('shows the period report with a CSV download, and the page has no axe violations', async () => {
    const { page } = b;
    await signInAs(b.context, page, baseUrl, 'prescriber', '/ledger');
    await settled();
    await page.getByRole('button', { name: `Entries of lot ${lotNumber}` }).click();
    await page.getByRole('table', { name: `Entries of lot ${lotNumber}` }).getByRole('cell', { name: 'Adjustment' }).waitFor();
    const form = page.getByRole('form', { name: 'Period report' });
    await form.getByLabel('From').fill('2020-01-01');
    await form.getByRole('button', { name: 'Show report' }).click();
    const report = page.getByRole('table', { name: /^Ledger from / });
    const total = report.getByRole('row').filter({ hasText: 'All lots' });
    await total.waitFor();
    // From 2020 on, everything ever received opens at zero; the demo's 5,500 mg and this test's lot are in it.
    expect(await report.getByRole('row').filter({ hasText: lotNumber }).innerText()).toMatch(/0 mg\s+1,000 mg\s+0 mg\s+25 mg\s+−5 mg\s+970 mg\s+1 \/ 1/);

    const csv = page.getByRole('link', { name: 'Download CSV' });
    const href = await csv.getAttribute('href');
    expect(href).toMatch(/^\/api\/ledger\/report\?from=2020-01-01&to=\d{4}-\d{2}-\d{2}&format=csv$/);
    const download = await b.context.request.get(`${baseUrl}${href}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(download.headers()['content-disposition']).toMatch(/^attachment; filename="controlled-substance-ledger-2020-01-01-to-/);
    expect(await download.text()).toContain(`,${lotNumber},2030-06-30,0.00,1000.00,0.00,25.00,-5.00,970.00,`);

    await settled();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Adjust' }).click();
    await page.getByRole('dialog', { name: `Adjust lot ${lotNumber}` }).waitFor();
    expect(await axeViolations(page, '[role="dialog"]')).toEqual([]);
  });
});

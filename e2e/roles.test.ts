/** Each role signs in, sees its own navigation, and every page it offers opens with the right heading and title. */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { patientIdByName, signInAs, signInWithForm, type DemoUser } from './helpers/auth';
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

/** Per role: the navigation in its order, and the pages to visit as [link, h1]. */
const NAV: Record<string, { who: DemoUser; start: string; nav: string[]; pages: [string, string][] }> = {
  admin: {
    who: 'admin',
    start: 'Patients',
    nav: [
      'Patients', 'Safety queue', 'Integration follow-through', 'Calendar', 'Controlled substances', 'Staff', 'Working hours', 'Rooms', 'Protocols', 'Instruments', 'Measurement plan',
      'Eligibility rules', 'Note templates', 'Education modules', 'Audit trail', 'Outbox', 'Clinic settings', 'Account',
    ],
    pages: [
      ['Patients', 'Patients'], ['Safety queue', 'Safety queue'], ['Calendar', 'Calendar'], ['Staff', 'Staff'], ['Working hours', 'Working hours'],
      ['Rooms', 'Rooms'], ['Protocols', 'Protocols'], ['Instruments', 'Instruments'],
      ['Measurement plan', 'Measurement plan'], ['Eligibility rules', 'Eligibility rules'], ['Audit trail', 'Audit trail'], ['Outbox', 'Outbox'],
      ['Clinic settings', 'Clinic settings'], ['Controlled substances', 'Controlled substances'], ['Account', 'Account'],
      ['Integration follow-through', 'Integration follow-through'], ['Note templates', 'Note templates'], ['Education modules', 'Education modules'],
    ],
  },
  prescriber: {
    who: 'prescriber',
    start: 'Patients',
    nav: [
      'Patients', 'Safety queue', 'Integration follow-through', 'Calendar', 'Clinic board', 'Outcomes', 'Controlled substances', 'Measurement plan', 'Eligibility rules', 'Protocols',
      'Note templates', 'Education modules', 'Working hours', 'Account',
    ],
    pages: [
      ['Patients', 'Patients'], ['Safety queue', 'Safety queue'], ['Calendar', 'Calendar'], ['Clinic board', 'Clinic board'], ['Outcomes', 'Outcomes'], ['Measurement plan', 'Measurement plan'],
      ['Eligibility rules', 'Eligibility rules'], ['Protocols', 'Protocols'], ['Working hours', 'Working hours'], ['Controlled substances', 'Controlled substances'], ['Account', 'Account'],
      ['Integration follow-through', 'Integration follow-through'], ['Note templates', 'Note templates'], ['Education modules', 'Education modules'],
    ],
  },
  nurse: {
    who: 'nurse',
    start: 'Patients',
    nav: ['Patients', 'Safety queue', 'Integration follow-through', 'Calendar', 'Clinic board', 'Outcomes', 'Controlled substances', 'Working hours', 'Account'],
    pages: [['Patients', 'Patients'], ['Safety queue', 'Safety queue'], ['Integration follow-through', 'Integration follow-through'], ['Calendar', 'Calendar'], ['Clinic board', 'Clinic board'], ['Outcomes', 'Outcomes'], ['Controlled substances', 'Controlled substances'], ['Working hours', 'Working hours'], ['Account', 'Account']],
  },
  therapist: {
    who: 'therapist',
    start: 'Patients',
    nav: ['Patients', 'Safety queue', 'Integration follow-through', 'Calendar', 'Clinic board', 'Outcomes', 'Working hours', 'Account'],
    pages: [['Patients', 'Patients'], ['Safety queue', 'Safety queue'], ['Integration follow-through', 'Integration follow-through'], ['Calendar', 'Calendar'], ['Clinic board', 'Clinic board'], ['Outcomes', 'Outcomes'], ['Working hours', 'Working hours'], ['Account', 'Account']],
  },
  patient: {
    who: 'patient1',
    start: 'Hello, Avery',
    nav: [
      'My overview', 'My appointments', 'My questionnaires', 'Preparing for your sessions', 'My intentions', 'My check-ins', 'My journal', 'My action plan', 'My timeline',
      'Who accessed my record', 'Account',
    ],
    pages: [
      ['Who accessed my record', 'Who accessed my record'], ['My appointments', 'My appointments'], ['My questionnaires', 'My questionnaires'],
      ['My overview', 'Hello, Avery'], ['Account', 'Account'], ['Preparing for your sessions', 'Preparing for your sessions'], ['My intentions', 'My intentions'],
      ['My journal', 'My journal'], ['My action plan', 'My action plan'], ['My check-ins', 'My check-ins'], ['My timeline', 'My timeline'],
    ],
  },
};

/** The links' visible labels (without the count badge beside "Safety queue"). */
async function navLabels(): Promise<string[]> {
  const texts = await b.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link').allInnerTexts();
  return texts.map((t) => t.trim().replace(/\s+\d+$/, ''));
}

/** A navigation link by its label; "Safety queue" is named with its open count when there is one. */
const navLink = (label: string) =>
  b.page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: new RegExp(`^${label}(, \\d+ open)?$`) });

describe('each role', () => {
  for (const [role, spec] of Object.entries(NAV)) {
    it(`${role}: signs in and opens every page in the navigation`, async () => {
      const { page } = b;
      await signInWithForm(page, baseUrl, spec.who);
      await page.getByRole('heading', { level: 1, name: spec.start }).waitFor();
      expect(await navLabels()).toEqual(spec.nav);
      for (const [label, heading] of spec.pages) {
        await navLink(label).click();
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        expect(await page.title()).toMatch(/ · Tilth$/);
        expect(await page.getByRole('heading', { level: 1 }).count()).toBe(1);
      }
    });
  }

  it('admin pages are "not found" for other staff', async () => {
    await signInAs(b.context, b.page, baseUrl, 'nurse', '/staff');
    await b.page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  });

  it('a therapist sees only patients on their care team', async () => {
    await signInAs(b.context, b.page, baseUrl, 'therapist', '/patients');
    await b.page.getByRole('link', { name: 'Avery Morgan' }).waitFor();
    expect(await b.page.getByRole('link', { name: /Okoro/ }).count()).toBe(0);
  });

  it('an admin sees demographics but no clinical data or status changes', async () => {
    await signInAs(b.context, b.page, baseUrl, 'admin');
    const id = await patientIdByName(b.context, baseUrl, 'Avery');
    await b.page.goto(`${baseUrl}/patients/${id}`);
    await b.page.getByRole('heading', { level: 1, name: 'Avery Morgan' }).waitFor();
    await b.page.getByRole('heading', { name: 'Personal details' }).waitFor();
    expect(await b.page.getByRole('heading', { name: 'Weight' }).count()).toBe(0);
    expect(await b.page.getByRole('button', { name: 'Change status' }).count()).toBe(0);
    expect(await b.page.getByRole('button', { name: 'Change care team' }).count()).toBe(1);
  });
});

describe('a patient', () => {
  it('sees their own record at its staff address', async () => {
    await signInAs(b.context, b.page, baseUrl, 'patient2');
    await b.page.getByRole('heading', { level: 1, name: 'Hello, Dan' }).waitFor();
    await signInAs(b.context, b.page, baseUrl, 'patient1');
    const own = await patientIdByName(b.context, baseUrl, 'Avery');
    await b.page.goto(`${baseUrl}/patients/${own}`);
    await b.page.getByRole('heading', { level: 1, name: 'Hello, Avery' }).waitFor();
  });

  it('typing another patient’s address shows "not found"', async () => {
    await signInAs(b.context, b.page, baseUrl, 'nurse');
    const other = await patientIdByName(b.context, baseUrl, 'Okoro');
    await signInAs(b.context, b.page, baseUrl, 'patient1');
    await b.page.goto(`${baseUrl}/patients/${other}`);
    await b.page.getByRole('heading', { level: 1, name: 'Patient not found' }).waitFor();
    expect(await b.page.title()).toBe('Not found · Tilth');
    expect(await b.page.getByText('Daniel').count()).toBe(0);
  });

  it('sees in the access log who opened their record, and a refused attempt', async () => {
    await signInAs(b.context, b.page, baseUrl, 'nurse');
    const avery = await patientIdByName(b.context, baseUrl, 'Avery');
    await b.page.goto(`${baseUrl}/patients/${avery}`);
    await b.page.getByRole('heading', { level: 1, name: 'Avery Morgan' }).waitFor();
    // A therapist outside Avery's care team tries the address: "not found" for them, and a refusal in the log.
    await signInAs(b.context, b.page, baseUrl, 'therapist2', `/patients/${avery}`);
    await b.page.getByRole('heading', { level: 1, name: 'Patient not found' }).waitFor();
    await signInAs(b.context, b.page, baseUrl, 'patient1', '/access-log');
    const table = b.page.getByRole('table', { name: 'Access to your record, newest first' });
    await table.getByRole('row').filter({ hasText: 'Riley Chen' }).filter({ hasText: 'Refused' }).first().waitFor();
    await table.getByRole('row').filter({ hasText: 'Sam Okafor' }).filter({ hasText: 'Opened the record' }).first().waitFor();
    expect(await table.locator('tbody tr').first().innerText()).toMatch(/P[SD]T/);
  });

  it('an unknown address shows "not found"', async () => {
    await signInAs(b.context, b.page, baseUrl, 'patient1', '/no/such/page');
    await b.page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  });
});

/**
 * Treatment courses in the browser (issue #4 §6): a nurse plans a course for a patient, changes a time and sees the
 * conflict in plain words, books the whole course; moves a dose and confirms the dependent moves; cancels a dose with
 * a reason; the week calendar shows the appointments at their clinic-local times (the browser sits in Tokyo); the
 * patient sees their upcoming appointments and gets a calendar link.
 *
 * The patient is Jamal Harris (in maintenance: a booster course), so the demo's eligible patients stay eligible for
 * the list filters of patients.test.ts whatever order the files run in.
 */
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, patientId, type Api } from './helpers/api';
import { signInAs } from './helpers/auth';
import { cspViolations, launchBrowser, type Browser } from './helpers/browser';
import './helpers/provided';

const baseUrl = inject('baseUrl');
let b: Browser;
let nurse: Api;
let tz = 'America/Los_Angeles';
let jamal = '';

interface Appt {
  id: string;
  kind: string;
  number: number;
  start: string;
  end: string;
  status: string;
}
interface Course {
  id: string;
  status: string;
  appointments: Appt[];
}

const course = async (): Promise<Course> => (await nurse.get<{ items: Course[] }>(`/api/patients/${jamal}/courses`)).items[0]!;
const find = (c: Course, kind: string, number: number) => c.appointments.find((a) => a.kind === kind && a.number === number)!;
const local = (iso: string) => Temporal.Instant.from(iso).toZonedDateTimeISO(tz);
const time = (iso: string, zone = false) =>
  new Intl.DateTimeFormat('en-US', { timeZone: tz, hour: 'numeric', minute: '2-digit', ...(zone ? { timeZoneName: 'short' } : {}) }).format(new Date(iso));
const slot = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { timeZone: tz, weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(new Date(iso));

beforeAll(async () => {
  b = await launchBrowser({ width: 1280, height: 800 }, { timezoneId: 'Asia/Tokyo' });
  nurse = await apiAs('nurse', baseUrl);
  jamal = await patientId(nurse, 'Harris');
  tz = (await nurse.get<{ timeZone: string }>('/api/clinic')).timeZone;
});
afterAll(async () => {
  await nurse?.dispose();
  await b?.close();
});

describe('a nurse', () => {
  it('plans a course, sees a changed time refused with its rule, and books the whole course', async () => {
    const { page } = b;
    b.clearConsole();
    await signInAs(b.context, page, baseUrl, 'nurse', `/patients/${jamal}`);
    await page.getByRole('navigation', { name: 'Sections of the record' }).getByRole('link', { name: 'Course & appointments' }).click();
    const form = page.getByRole('form', { name: 'Start a course' });
    const sublingual = (await nurse.get<{ items: { id: string; name: string }[] }>('/api/protocols')).items.find((p) => p.name.startsWith('Sublingual'))!;
    await form.getByRole('combobox', { name: 'Protocol' }).selectOption(sublingual.id);
    await form.getByLabel('Earliest start (optional)').fill(Temporal.Now.plainDateISO(tz).add({ days: 1 }).toString());
    await form.getByRole('button', { name: 'Plan the course' }).click();

    // The proposal: on a calendar (week rows) and as a list, nothing booked yet.
    await page.getByRole('heading', { name: 'The plan on a calendar' }).waitFor();
    await page.getByText('This is a proposed plan: nothing is booked yet.').waitFor();
    const weeks = page.getByRole('list', { name: 'Proposed plan by week' });
    await weeks.getByText('Dose 1', { exact: true }).waitFor();
    const list = page.getByRole('table', { name: 'Proposed appointments' });
    expect(await list.getByRole('row').count()).toBe(15); // header + 2 preparation + 6 doses + 6 integrations
    const planned = await course();
    expect(planned.status).toBe('planned');
    const dose1 = find(planned, 'dosing', 1);
    await list.getByRole('row').filter({ hasText: 'Dose 1' }).getByText(slot(dose1.start)).waitFor();

    // Dose 1 moved to a Sunday (the demo clinic is closed): the booking is refused with the rule, nothing is booked.
    const start = local(dose1.start);
    const sunday = start.toPlainDate().add({ days: 7 - start.dayOfWeek });
    await page.getByRole('button', { name: 'Change the time of dose 1' }).click();
    const adjust = page.getByRole('dialog', { name: 'Change the time of dose 1' });
    await adjust.getByLabel('New date and time').fill(`${sunday}T10:00`);
    await adjust.getByRole('button', { name: 'Use this time' }).click();
    await list.getByRole('row').filter({ hasText: 'Dose 1' }).getByText('Time changed').waitFor();
    await page.getByRole('button', { name: 'Book all 14 appointments' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Nothing was booked' });
    await refusal.getByRole('list', { name: 'Conflicting appointments' }).getByText(/Dose 1 .*: The clinic is closed at that time\./).waitFor();
    await refusal.getByText('It can be booked as an exception with a written reason.').waitFor();
    expect((await course()).status).toBe('planned');

    // Back to the proposed time: booked, every appointment at once.
    await page.getByRole('button', { name: 'Change the time of dose 1' }).click();
    await adjust.getByRole('button', { name: 'Use the proposed time' }).click();
    await page.getByRole('button', { name: 'Book all 14 appointments' }).click();
    await page.getByText('The course is booked: 14 appointments.').waitFor();
    const booked = page.getByRole('table', { name: 'Course appointments' });
    expect(await booked.getByRole('row').filter({ hasText: 'Booked' }).count()).toBe(14);
    const after = await course();
    expect(after.status).toBe('booked');
    expect(after.appointments.every((a) => a.status === 'booked')).toBe(true);
    expect(cspViolations(b.console)).toEqual([]);
  });

  it('moves a dose and confirms the dependent moves it needs', async () => {
    const { page } = b;
    const before = await course();
    const dose6 = find(before, 'dosing', 6);
    // A later day whose move needs the integration moved too (found through the API's preview, which changes nothing).
    let target: { start: string; moves: { kind: string; number: number; to: { start: string } }[] } | null = null;
    for (let days = 1; days <= 6 && !target; days++) {
      const start = local(dose6.start).add({ days }).toInstant().toString();
      try {
        const preview = await nurse.patch<{ moves: { kind: string; number: number; to: { start: string } }[] }>(`/api/appointments/${dose6.id}`, { start });
        if (preview.moves.length >= 2) target = { start, moves: preview.moves };
      } catch {
        // That day does not work (a rule or the therapist's hours): try the next.
      }
    }
    expect(target, 'a later day for dose 6 that moves its integration too').not.toBeNull();
    const integration = target!.moves.find((m) => m.kind === 'integration' && m.number === 6)!;

    await page.getByRole('button', { name: 'Move dose 6' }).click();
    const dialog = page.getByRole('dialog', { name: 'Move dose 6' });
    await dialog.getByLabel('New date and time').fill(local(target!.start).toPlainDateTime().toString({ smallestUnit: 'minute' }));
    await dialog.getByRole('button', { name: 'Show what changes' }).click();
    const moves = dialog.getByRole('list', { name: 'Proposed moves' });
    await moves.getByText(`Dose 6 moves from ${slot(dose6.start)} to ${slot(target!.start)}`).waitFor();
    await moves.getByText(`Integration 6 moves from ${slot(find(before, 'integration', 6).start)} to ${slot(integration.to.start)}`).waitFor();
    // Nothing moved yet.
    expect(find(await course(), 'dosing', 6).start).toBe(dose6.start);
    await dialog.getByRole('button', { name: `Confirm ${target!.moves.length} moves` }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('status').filter({ hasText: `Dose 6 moved from ${slot(dose6.start)} to ${slot(target!.start)}` }).getByText(/integration 6 moved/).waitFor();
    const moved = await course();
    expect(Date.parse(find(moved, 'dosing', 6).start)).toBe(Date.parse(target!.start));
    expect(Date.parse(find(moved, 'integration', 6).start)).toBe(Date.parse(integration.to.start));
  });

  it('cancels a dose with a reason, keeping its integration, and sees it in the history', async () => {
    const { page } = b;
    await page.getByRole('button', { name: 'Cancel dose 5' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel dose 5' });
    await dialog.getByRole('button', { name: 'Cancel dose 5' }).click();
    await dialog.getByText('Choose a reason', { exact: true }).waitFor();
    await dialog.getByRole('combobox', { name: 'Reason' }).selectOption('clinical-hold');
    await dialog.getByRole('textbox', { name: 'Note (optional)' }).fill('Blood pressure high at the check-in call');
    await dialog.getByRole('radio', { name: /^Keep it booked/ }).check();
    await dialog.getByRole('button', { name: 'Cancel dose 5' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Dose 5 was cancelled (clinical hold). Integration 5 stays booked.').waitFor();
    const row = page.getByRole('table', { name: 'Course appointments' }).getByRole('row').filter({ hasText: 'Dose 5' });
    await row.getByText('Cancelled', { exact: true }).waitFor();
    await row.getByText('Cancelled: Clinical hold: Blood pressure high at the check-in call').waitFor();
    const c = await course();
    expect(find(c, 'dosing', 5).status).toBe('cancelled');
    expect(find(c, 'integration', 5).status).toBe('booked');

    await page.getByRole('button', { name: 'History of dose 5' }).click();
    const history = page.getByRole('dialog', { name: 'History of dose 5' });
    await history.getByText('Cancelled', { exact: true }).waitFor();
    await history.getByText('Why: Clinical hold: Blood pressure high at the check-in call').waitFor();
    await history.getByText(/by Sam Okafor/).first().waitFor();
    await page.keyboard.press('Escape');
    await history.waitFor({ state: 'detached' });
  });

  it('sees the appointments in the week calendar at their clinic-local times', async () => {
    const { page } = b;
    const c = await course();
    const dose6 = find(c, 'dosing', 6);
    const date = local(dose6.start).toPlainDate();
    await page.goto(`${baseUrl}/calendar?date=${date.subtract({ days: 7 })}`);
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
    await page.getByRole('button', { name: 'Next week' }).click();
    const monday = date.subtract({ days: date.dayOfWeek - 1 });
    const weekLabel = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }).format(new Date(`${monday}T12:00:00Z`));
    await page.getByRole('heading', { level: 2, name: `Week from ${weekLabel} · Whole clinic` }).waitFor();
    const dayName = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' }).format(new Date(`${date}T12:00:00Z`));
    const day = page.getByRole('list', { name: new RegExp(`^${dayName}: \\d+ appointments?$`) });
    const chip = day.getByRole('listitem').filter({ hasText: 'Jamal Harris' }).filter({ hasText: 'Dose 6' });
    // "10:00 AM–12:30 PM PST" in the clinic's zone, though the browser is in Tokyo.
    await chip.getByText(`${time(dose6.start)}–${time(dose6.end, true)}`).waitFor();
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('Asia/Tokyo');

    // Filtered to the therapist: still there; the day view of that date lists it too.
    const riley = (await nurse.get<{ items: { id: string; name: string }[] }>('/api/staff')).items.find((s) => s.name === 'Riley Chen')!;
    await page.getByRole('combobox', { name: 'Show' }).selectOption(`staff:${riley.id}`);
    await page.getByRole('heading', { level: 2, name: `Week from ${weekLabel} · Riley Chen` }).waitFor();
    await chip.waitFor();
    await page.getByRole('radio', { name: 'Day' }).dispatchEvent('click');
    await page.getByRole('heading', { level: 2, name: new RegExp(`^${dayName}, \\d{4} · Riley Chen$`) }).waitFor();
    await chip.getByText(`${time(dose6.start)}–${time(dose6.end, true)}`).waitFor();
  });
});

describe('the patient', () => {
  it('sees their upcoming appointments in clinic time and gets a calendar link', async () => {
    const { page } = b;
    b.clearConsole();
    const patient = await apiAs('patient1', baseUrl);
    const mine = await patient.get<{ items: { kind: string; number: number; start: string; end: string; status: string }[] }>('/api/me/appointments');
    await patient.dispose();
    const next = mine.items.find((a) => a.status === 'booked')!;
    await signInAs(b.context, page, baseUrl, 'patient1', '/my-overview');
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'My appointments' }).click();
    await page.getByRole('heading', { level: 1, name: 'My appointments' }).waitFor();
    const list = page.getByRole('list', { name: 'Upcoming appointments by day' });
    const title = next.kind === 'dosing' ? `Dosing session ${next.number}` : `${next.kind[0]!.toUpperCase()}${next.kind.slice(1)} ${next.number}`;
    const first = list.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: title }) }).first();
    await first.getByText(`${time(next.start)} – ${time(next.end, true)}`).waitFor();
    if (next.kind === 'dosing') await first.getByText('Arrange for someone to take you home: no driving until the next day.').waitFor();

    // Another test may have made her a link already: then the button offers a new one.
    await page.getByRole('button', { name: /^Get (my|a new) calendar link$/ }).click();
    const link = page.getByRole('textbox', { name: 'Calendar link' });
    await link.waitFor();
    const url = await link.inputValue();
    expect(url).toMatch(/\/api\/calendar-feeds\/[^/]+$/);
    await page.getByRole('button', { name: 'Copy link' }).waitFor();
    const feed = await b.context.request.get(url.replace(/^https?:\/\/[^/]+/, baseUrl));
    expect(feed.status()).toBe(200);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
    expect(cspViolations(b.console)).toEqual([]);
  });
});

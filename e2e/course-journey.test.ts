/**
 * Issue #6 end to end, in Chromium, on the demo's mid-course patient Avery: she reads a preparation module and sets
 * her intention for her next dose; her therapist sees it on that dose's session console; she writes a journal entry
 * and shares it, and her therapist reads it before integration; the therapist writes the progress note of her next
 * integration session, signs it and adds an addendum, and writes a psychotherapy note that nobody else can see (the
 * prescriber's page has no such section, and every other account gets 404 from the API); the staff timeline shows
 * the intention, the shared entry and the signed note's themes in the order they happened.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, patientId, type Api } from './helpers/api';
import { signInAs, type DemoUser } from './helpers/auth';
import { launchBrowser, type Browser } from './helpers/browser';
import './helpers/provided';

const baseUrl = inject('baseUrl');
const run = Date.now().toString(36);
const INTENTION = `To stay with what is tender, and not hurry past it (${run}).`;
const ENTRY = `Walking this morning I noticed the heaviness had a shape, and I could put it down (${run}).`;
const THEMES = `Putting the heaviness down; tenderness without hurry (${run}).`;
const ADDENDUM = `Addendum: she phoned the next day, sleeping well (${run}).`;
const PRIVATE = `My own process: I felt the pull to fix it for her (${run}).`;

let b: Browser;
let avery = '';
const course = { dose2: '', integration2: '', dose3: '', integration3: '' };

interface CourseJson { status: string; appointments: { id: string; kind: string; number: number; status: string }[] }

beforeAll(async () => {
  b = await launchBrowser();
  const therapist = await apiAs('therapist', baseUrl);
  avery = await patientId(therapist, 'Avery');
  const booked = (await therapist.get<{ items: CourseJson[] }>(`/api/patients/${avery}/courses`)).items.find((c) => c.status === 'booked')!;
  const find = (kind: string, n: number) => booked.appointments.find((a) => a.kind === kind && a.number === n)!.id;
  Object.assign(course, { dose2: find('dosing', 2), integration2: find('integration', 2), dose3: find('dosing', 3), integration3: find('integration', 3) });
  await therapist.dispose();
});
afterAll(async () => {
  await b?.close();
});

const settled = () => b.page.waitForFunction(() => !document.querySelector('[role="status"] .mantine-Loader-root'));

/** Where `first`'s text comes before `second`'s in the page. */
const before = (first: string, second: string) =>
  b.page.evaluate(([x, y]) => {
    const find = (t: string) => [...document.querySelectorAll('li, article')].reverse().find((n) => n.textContent?.includes(t));
    const [a, c] = [find(x!), find(y!)];
    if (!a || !c) return `missing: ${!a ? x : y}`;
    return Boolean(a.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING);
  }, [first, second]);

describe('a course from preparation to the timeline', () => {
  it('the patient reads a module and sets her intention; the therapist sees it on the session console', async () => {
    const { page } = b;
    await signInAs(b.context, page, baseUrl, 'patient1', '/preparing');
    await page.getByRole('heading', { level: 1, name: 'Preparing for your sessions' }).waitFor();
    await settled();
    // Open the first module still unread (another test may have read some) and mark it read.
    const unread = page.getByRole('button').filter({ hasText: 'Not read yet' }).first();
    const title = (await unread.innerText()).replace('Not read yet', '').trim();
    await unread.click();
    await page.getByRole('button', { name: `Mark “${title}” as read` }).click();
    await page.getByRole('button').filter({ hasText: title }).getByText('Read', { exact: true }).waitFor();

    await signInAs(b.context, page, baseUrl, 'patient1', '/my-intentions');
    const dose3 = page.getByRole('region', { name: /^Dose 3,/ });
    await dose3.getByLabel('My intention for this session').fill(INTENTION);
    await dose3.getByRole('button', { name: /Save (my|the revised) intention/ }).click();
    // Saved: the API has it as the latest intention for dose 3, and the button waits for a change again.
    const patient = await apiAs('patient1', baseUrl);
    await expect.poll(async () => (await patient.get<{ doses: { appointmentId: string; intention: { text: string } | null }[] }>('/api/me/intentions')).doses
      .find((d) => d.appointmentId === course.dose3)?.intention?.text).toBe(INTENTION);
    await patient.dispose();
    await expect.poll(() => dose3.getByRole('button', { name: 'Save the revised intention' }).isDisabled()).toBe(true);

    await signInAs(b.context, page, baseUrl, 'therapist', `/sessions/${course.dose3}`);
    await page.getByText(`“${INTENTION}”`).first().waitFor();
  });

  it('the patient shares a journal entry; the therapist reads it in the pre-integration view', async () => {
    const { page } = b;
    await signInAs(b.context, page, baseUrl, 'patient1', '/my-journal');
    await page.getByLabel('Start from a question').selectOption({ label: 'What did you notice in your body?' });
    await page.getByRole('textbox', { name: 'What did you notice in your body?' }).fill(ENTRY);
    await page.getByRole('button', { name: 'Save privately' }).click();
    const entry = page.getByRole('article').filter({ hasText: ENTRY });
    await entry.getByText('Private', { exact: true }).waitFor();
    await entry.getByRole('switch', { name: 'Share with my care team' }).check({ force: true });
    await entry.getByText('Shared', { exact: true }).waitFor();

    await signInAs(b.context, page, baseUrl, 'therapist', `/integration/${course.integration2}`);
    await page.getByRole('region', { name: 'Shared journal entries' }).getByText(ENTRY).waitFor();
  });

  it('the therapist signs the integration progress note, adds an addendum, and keeps a psychotherapy note only they can read', async () => {
    const { page } = b;
    await signInAs(b.context, page, baseUrl, 'therapist', `/integration/${course.integration3}`);
    await page.getByRole('heading', { level: 1, name: /^Integration 3: Avery Morgan/ }).waitFor();
    await settled();
    await page.getByRole('textbox', { name: 'Themes', exact: true }).fill(THEMES);
    await page.getByRole('textbox', { name: 'Plan', exact: true }).fill('Keep the morning walks; bring the journal.');
    await page.getByRole('textbox', { name: 'Risk assessment', exact: true }).fill('No safety concerns.');
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    await page.getByText(/^Signed /).first().waitFor();
    await page.getByRole('textbox', { name: 'Add an addendum' }).fill(ADDENDUM);
    await page.getByRole('button', { name: 'Sign and add addendum' }).click();
    await page.getByText(ADDENDUM).waitFor();

    await page.getByRole('button', { name: 'Open psychotherapy note' }).click();
    await page.getByRole('textbox', { name: 'Psychotherapy note' }).fill(PRIVATE);
    await page.getByRole('button', { name: 'Save psychotherapy note' }).click();
    await page.getByRole('status').filter({ hasText: 'Psychotherapy note saved.' }).waitFor();
    // Read back after a reload: the author sees their note.
    await page.reload();
    await page.getByRole('button', { name: 'Open psychotherapy note' }).click();
    expect(await page.getByRole('textbox', { name: 'Psychotherapy note' }).inputValue()).toBe(PRIVATE);

    // The prescriber sees the signed note and its addendum, but no psychotherapy-note section and not its text.
    await signInAs(b.context, page, baseUrl, 'prescriber', `/integration/${course.integration3}`);
    await page.getByText(ADDENDUM).waitFor();
    await settled();
    expect(await page.getByRole('heading', { name: 'Your psychotherapy note' }).count()).toBe(0);
    expect(await page.getByText(PRIVATE).count()).toBe(0);

    const url = `/api/appointments/${course.integration3}/psychotherapy-note`;
    const author = await apiAs('therapist', baseUrl);
    expect(await author.get<{ text: string }>(url)).toMatchObject({ text: PRIVATE });
    await author.dispose();
    for (const who of ['therapist2', 'prescriber', 'nurse', 'admin', 'patient1'] as DemoUser[]) {
      const other: Api = await apiAs(who, baseUrl);
      await expect(other.get(url), who).rejects.toThrow(/→ 404/);
      await other.dispose();
    }
  });

  it('the staff timeline shows the intention, the shared entry and the signed themes, in order', async () => {
    const { page } = b;
    await signInAs(b.context, page, baseUrl, 'therapist', `/patients/${avery}/timeline`);
    await page.getByText(INTENTION).first().waitFor();
    await page.getByText(ENTRY).first().waitFor();
    await page.getByText(THEMES).first().waitFor();
    expect(await page.getByText(PRIVATE).count()).toBe(0);
    expect(await before(INTENTION, ENTRY)).toBe(true);
    expect(await before(ENTRY, THEMES)).toBe(true);
  });
});

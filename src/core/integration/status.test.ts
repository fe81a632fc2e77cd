import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { courseIntegration, doseOutcome, integrationStatus, integrationsForDose, STATUS_URGENCY, type DoseFacts, type IntegrationFacts } from './status';

const LA = 'America/Los_Angeles';
const at = (local: string) => Temporal.PlainDateTime.from(local).toZonedDateTime(LA).toInstant();
const WINDOW = { min: 24, max: 48 };

const dose = (number: number, local: string, extra: Partial<DoseFacts> = {}): DoseFacts => ({
  id: `d${number}`, number, start: at(local), end: at(local).add({ minutes: 150 }), status: 'completed', session: null, ...extra,
});
const integration = (number: number, local: string, status: IntegrationFacts['status'] = 'booked', id = `i${number}`): IntegrationFacts => ({
  id, number, start: at(local), end: at(local).add({ minutes: 60 }), status,
});
const statusAt = (d: DoseFacts, list: IntegrationFacts[], nowLocal: string, doses: DoseFacts[] = [d]) => integrationStatus(d, doses, list, WINDOW, at(nowLocal));

describe('which doses need an integration', () => {
  it('leaves out cancelled, no-show and aborted-before-dose doses, and tells given from pending', () => {
    expect(doseOutcome(dose(1, '2026-04-06T10:00', { status: 'cancelled' }))).toBe('not-given');
    expect(doseOutcome(dose(1, '2026-04-06T10:00', { status: 'no-show' }))).toBe('not-given');
    expect(doseOutcome(dose(1, '2026-04-06T10:00', { status: 'booked', session: { state: 'aborted', dosedAt: null, dischargedAt: null } }))).toBe('not-given');
    expect(doseOutcome(dose(1, '2026-04-06T10:00', { status: 'booked', session: { state: 'aborted', dosedAt: at('2026-04-06T10:20'), dischargedAt: null } }))).toBe('given');
    expect(doseOutcome(dose(1, '2026-04-06T10:00', { status: 'booked', session: { state: 'monitoring', dosedAt: at('2026-04-06T10:20'), dischargedAt: null } }))).toBe('given');
    expect(doseOutcome(dose(1, '2026-04-06T10:00', { status: 'completed' }))).toBe('given');
    expect(doseOutcome(dose(1, '2026-04-06T10:00', { status: 'booked' }))).toBe('pending');
    expect(statusAt(dose(1, '2026-04-06T10:00', { status: 'cancelled' }), [], '2026-04-10T10:00')).toBeNull();
  });
});

describe('the status of a dose’s integration', () => {
  const d1 = dose(1, '2026-04-06T10:00'); // Monday; window Tuesday 10:00 – Wednesday 10:00

  it('is not due while the dose is not given, still naming the booked session', () => {
    const s = statusAt(dose(1, '2026-04-06T10:00', { status: 'booked' }), [integration(1, '2026-04-07T14:00')], '2026-04-01T09:00')!;
    expect(s.status).toBe('not-due');
    expect(s.given).toBe(false);
    expect(s.integration).toMatchObject({ id: 'i1', inWindow: true });
  });

  it('is not booked, then overdue once the window ends with nothing booked', () => {
    expect(statusAt(d1, [], '2026-04-06T15:00')!.status).toBe('not-booked');
    expect(statusAt(d1, [], '2026-04-08T10:00')!.status).toBe('not-booked');
    expect(statusAt(d1, [], '2026-04-08T10:01')!.status).toBe('overdue');
  });

  it('is booked inside the window (both ends included), outside it otherwise', () => {
    expect(statusAt(d1, [integration(1, '2026-04-07T10:00')], '2026-04-06T15:00')!.status).toBe('booked');
    expect(statusAt(d1, [integration(1, '2026-04-08T10:00')], '2026-04-06T15:00')!.status).toBe('booked');
    const early = statusAt(d1, [integration(1, '2026-04-07T09:00')], '2026-04-06T15:00')!;
    expect(early.status).toBe('booked-outside-window');
    expect(early.integration).toMatchObject({ id: 'i1', inWindow: false });
    expect(statusAt(d1, [integration(1, '2026-04-08T11:00')], '2026-04-06T15:00')!.status).toBe('booked-outside-window');
  });

  it('prefers a session inside the window when several are booked', () => {
    const s = statusAt(d1, [integration(1, '2026-04-06T17:00', 'booked', 'early'), integration(1, '2026-04-07T11:00', 'booked', 'good')], '2026-04-06T15:00')!;
    expect(s.status).toBe('booked');
    expect(s.integration?.id).toBe('good');
  });

  it('is held once the integration is completed, wherever it fell, and overdue if the window passed without it', () => {
    expect(statusAt(d1, [integration(1, '2026-04-07T11:00', 'completed')], '2026-04-20T09:00')!.status).toBe('held');
    expect(statusAt(d1, [integration(1, '2026-04-09T11:00', 'completed')], '2026-04-20T09:00')!.status).toBe('held');
    // Booked inside the window but never recorded as held: overdue once the window is over.
    expect(statusAt(d1, [integration(1, '2026-04-07T11:00')], '2026-04-08T12:00')!.status).toBe('overdue');
    // Booked after the window: overdue once the window is over, still naming the late session.
    const late = statusAt(d1, [integration(1, '2026-04-09T11:00')], '2026-04-08T12:00')!;
    expect(late.status).toBe('overdue');
    expect(late.integration).toMatchObject({ id: 'i1', inWindow: false });
  });

  it('ignores cancelled integrations and counts a no-show as neither booked nor held', () => {
    expect(statusAt(d1, [integration(1, '2026-04-07T11:00', 'cancelled')], '2026-04-06T15:00')!.status).toBe('not-booked');
    expect(statusAt(d1, [integration(1, '2026-04-07T11:00', 'no-show')], '2026-04-07T13:00')!.status).toBe('not-booked');
    expect(statusAt(d1, [integration(1, '2026-04-07T11:00', 'no-show')], '2026-04-08T13:00')!.status).toBe('overdue');
  });

  it('counts the window from the appointment’s start, as the planner does, and reports when the dose was given', () => {
    // Given 20 minutes late: the session booked at the window's first minute (24 h after the start) stays inside.
    const late = dose(1, '2026-04-06T10:00', { status: 'booked', session: { state: 'discharged', dosedAt: at('2026-04-06T10:20'), dischargedAt: at('2026-04-06T12:50') } });
    const s = statusAt(late, [integration(1, '2026-04-07T10:00')], '2026-04-06T15:00')!;
    expect(s.windowStart.equals(at('2026-04-07T10:00'))).toBe(true);
    expect(s.givenAt.equals(at('2026-04-06T10:20'))).toBe(true);
    expect(s.status).toBe('booked');
  });
});

describe('across the daylight-saving change in America/Los_Angeles (8 March 2026)', () => {
  // Friday 6 March 10:00 PST (18:00Z); with a 24–72 h window it ends 72 elapsed hours later: Monday 9 March 11:00 PDT,
  // not at 10:00 (the same wall-clock time three days on, which is only 71 hours).
  const d = dose(1, '2026-03-06T10:00');
  const wide = { min: 24, max: 72 };

  it('ends the window after the elapsed hours', () => {
    const s = integrationStatus(d, [d], [integration(1, '2026-03-09T10:30')], wide, at('2026-03-07T09:00'))!;
    expect(s.windowEnd.toString()).toBe('2026-03-09T18:00:00Z');
    expect(s.windowEnd.toZonedDateTimeISO(LA).toPlainTime().toString()).toBe('11:00:00');
    expect(s.status).toBe('booked');
  });

  it('is not overdue at 10:45 PDT on Monday, overdue at 11:05', () => {
    expect(integrationStatus(d, [d], [], wide, at('2026-03-09T10:45'))!.status).toBe('not-booked');
    expect(integrationStatus(d, [d], [], wide, at('2026-03-09T11:05'))!.status).toBe('overdue');
  });

  it('the default 24–48 h window after a Saturday dose ends at 11:00 PDT on Monday', () => {
    const sat = dose(1, '2026-03-07T10:00');
    const s = integrationStatus(sat, [sat], [integration(1, '2026-03-09T10:45')], WINDOW, at('2026-03-08T09:00'))!;
    expect(s.windowEnd.toZonedDateTimeISO(LA).toString()).toBe('2026-03-09T11:00:00-07:00[America/Los_Angeles]');
    expect(s.status).toBe('booked');
  });
});

describe('matching integrations to doses', () => {
  it('takes the dose’s number, or a session between the dose and the next one', () => {
    const d1 = dose(1, '2026-04-06T10:00');
    const d2 = dose(2, '2026-04-13T10:00', { status: 'booked' });
    const extra = integration(7, '2026-04-07T15:00', 'booked', 'extra');
    const two = integration(2, '2026-04-14T10:00');
    expect(integrationsForDose(d1, [d1, d2], [extra, two]).map((i) => i.id)).toEqual(['extra']);
    expect(integrationsForDose(d2, [d1, d2], [extra, two]).map((i) => i.id)).toEqual(['i2']);
  });

  it('lists a course’s doses in order, most urgent first by STATUS_URGENCY', () => {
    const d1 = dose(1, '2026-04-06T10:00');
    const d2 = dose(2, '2026-04-09T10:00');
    const d3 = dose(3, '2026-04-13T10:00', { status: 'booked' });
    const d0 = dose(4, '2026-04-20T10:00', { status: 'cancelled' });
    const list = courseIntegration([d3, d0, d2, d1], [integration(1, '2026-04-07T11:00', 'completed')], WINDOW, at('2026-04-12T09:00'));
    expect(list.map((x) => [x.doseNumber, x.status])).toEqual([[1, 'held'], [2, 'overdue'], [3, 'not-due']]);
    expect([...list].sort((a, b) => STATUS_URGENCY[a.status] - STATUS_URGENCY[b.status]).map((x) => x.status)).toEqual(['overdue', 'not-due', 'held']);
  });
});

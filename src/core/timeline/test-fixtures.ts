/** Rows for the timeline's unit tests: one course, two doses, a preparation and an integration session. */
import { OUTCOME_RULES } from '../measurement/outcomes';
import type { TimelineInput } from './build';
import type { InstrumentInfo } from './events';

/** "2026-03-09T17:00" (UTC) → a full ISO instant as the loader gives it. */
export const at = (s: string): string => new Date(`${s}:00.000Z`).toISOString();

export const PHQ9: InstrumentInfo = {
  id: 'phq-9', title: 'Patient Health Questionnaire-9', shortTitle: 'PHQ-9', maxTotal: 27, rules: OUTCOME_RULES['phq-9']!,
  bands: [
    { band: 'minimal', label: 'Minimal', min: 0, max: 4 }, { band: 'mild', label: 'Mild', min: 5, max: 9 }, { band: 'moderate', label: 'Moderate', min: 10, max: 14 },
    { band: 'moderately-severe', label: 'Moderately severe', min: 15, max: 19 }, { band: 'severe', label: 'Severe', min: 20, max: 27 },
  ],
};

export function courseInput(overrides: Partial<TimelineInput> = {}): TimelineInput {
  return {
    audience: 'staff',
    range: { from: at('2026-03-01T12:00'), to: null },
    appointments: [
      { id: 'prep1', kind: 'preparation', number: 1, start: at('2026-03-02T17:00'), end: at('2026-03-02T18:00'), status: 'completed' },
      { id: 'dose1', kind: 'dosing', number: 1, start: at('2026-03-09T17:00'), end: at('2026-03-09T19:00'), status: 'completed' },
      { id: 'int1', kind: 'integration', number: 1, start: at('2026-03-10T17:00'), end: at('2026-03-10T18:00'), status: 'completed' },
      { id: 'dose2', kind: 'dosing', number: 2, start: at('2026-03-16T17:00'), end: at('2026-03-16T19:00'), status: 'booked' },
      { id: 'gone', kind: 'integration', number: 2, start: at('2026-03-12T17:00'), end: at('2026-03-12T18:00'), status: 'cancelled' },
    ],
    sessions: [{ appointmentId: 'dose1', state: 'discharged', dosedAt: at('2026-03-09T17:20'), dischargedAt: at('2026-03-09T19:10'), abortReason: null }],
    orders: [
      { id: 'o-old', appointmentId: 'dose1', route: 'sublingual', product: 'Troche 100 mg', doseMg: 150, weightKg: 80, mgPerKg: 1.875, infusionMinutes: null, overridden: false, orderedAt: at('2026-03-09T17:05') },
      { id: 'o1', appointmentId: 'dose1', route: 'sublingual', product: 'Troche 100 mg', doseMg: 200, weightKg: 80, mgPerKg: 2.5, infusionMinutes: null, overridden: false, orderedAt: at('2026-03-09T17:10') },
    ],
    administrations: [
      { appointmentId: 'dose1', orderId: 'o1', amountMg: 100, givenAt: at('2026-03-09T17:20') },
      { appointmentId: 'dose1', orderId: 'o1', amountMg: 50, givenAt: at('2026-03-09T17:40') },
    ],
    vitals: [
      { appointmentId: 'dose1', takenAt: at('2026-03-09T17:12'), systolic: 128, diastolic: 82, heartRate: 70, spo2: 99 },
      { appointmentId: 'dose1', takenAt: at('2026-03-09T17:35'), systolic: 172, diastolic: 94, heartRate: 88, spo2: 96 },
      { appointmentId: 'dose1', takenAt: at('2026-03-09T18:05'), systolic: 150, diastolic: 99, heartRate: 92, spo2: 97 },
    ],
    alerts: [
      { id: 'al1', appointmentId: 'dose1', level: 'warn', vital: 'systolic', message: 'Systolic 172 mmHg', raisedAt: at('2026-03-09T17:35'), acknowledgedAt: at('2026-03-09T17:37'), action: 'Rechecked' },
      { id: 'al2', appointmentId: 'dose1', level: 'act', vital: 'diastolic', message: 'Diastolic 99 mmHg', raisedAt: at('2026-03-09T18:05'), acknowledgedAt: null, action: null },
    ],
    observations: [
      { id: 'ob1', appointmentId: 'dose1', kind: 'sedation', level: 2, eventType: null, severity: null, actionTaken: null, text: null, observedAt: at('2026-03-09T17:50') },
      { id: 'ob2', appointmentId: 'dose1', kind: 'dissociation', level: 3, eventType: null, severity: null, actionTaken: null, text: null, observedAt: at('2026-03-09T17:50') },
      { id: 'ob3', appointmentId: 'dose1', kind: 'adverse-event', level: null, eventType: 'nausea-vomiting', severity: 'mild', actionTaken: 'Ginger tea', text: null, observedAt: at('2026-03-09T18:00') },
      { id: 'ob4', appointmentId: 'dose1', kind: 'ride-present', level: null, eventType: null, severity: null, actionTaken: null, text: 'Sam is here', observedAt: at('2026-03-09T19:00') },
    ],
    intentions: [
      { id: 'i1', appointmentId: 'dose1', text: 'First wording', writtenByKind: 'patient', createdAt: at('2026-03-05T09:00') },
      { id: 'i2', appointmentId: 'dose1', text: 'To meet my grief with kindness', writtenByKind: 'patient', createdAt: at('2026-03-06T09:00') },
    ],
    responses: [
      { id: 'r0', instrumentId: 'phq-9', total: 22, severity: 'severe', flagged: false, doseEventId: null, offsetHours: null, submittedAt: at('2026-01-20T10:00') },
      { id: 'r1', instrumentId: 'phq-9', total: 18, severity: 'moderately-severe', flagged: true, doseEventId: null, offsetHours: null, submittedAt: at('2026-02-20T10:00') },
      { id: 'r2', instrumentId: 'phq-9', total: 9, severity: 'mild', flagged: false, doseEventId: 'dose1', offsetHours: 24, submittedAt: at('2026-03-10T16:00') },
      { id: 'r3', instrumentId: 'phq-9', total: 4, severity: 'minimal', flagged: false, doseEventId: 'dose1', offsetHours: 168, submittedAt: at('2026-03-15T16:00') },
    ],
    instruments: new Map([['phq-9', PHQ9]]),
    notes: [
      { appointmentId: 'int1', status: 'signed', themes: 'Grief; the frozen lake', signedAt: at('2026-03-10T19:00') },
      { appointmentId: 'int1', status: 'draft', themes: 'DRAFT THEMES', signedAt: null },
      { appointmentId: 'prep1', status: 'signed', themes: 'Not an integration', signedAt: at('2026-03-02T19:00') },
    ],
    journal: [
      { id: 'j-shared', appointmentId: 'dose1', prompt: 'what-surfaced', text: 'Shared words', mood: 6, sharedAt: at('2026-03-11T08:00'), createdAt: at('2026-03-11T07:00') },
      { id: 'j-private', appointmentId: null, prompt: null, text: 'Private words', mood: null, sharedAt: null, createdAt: at('2026-03-12T07:00') },
    ],
    actionPlan: [
      {
        id: 'ap1', itemId: 'item1', appointmentId: 'int1', change: 'created', status: 'active', byKind: 'staff', at: at('2026-03-10T17:45'), note: 'Agreed together',
        snapshot: { insight: 'I hold my breath', commitment: 'Walk each morning', timeframe: 'Two weeks', measure: 'Days walked' },
      },
    ],
    checkins: [{ id: 'c1', appointmentId: 'dose1', mood: 7, sleep: 'well', difficult: null, safety: 'no', createdAt: at('2026-03-10T08:00') }],
    ...overrides,
  };
}

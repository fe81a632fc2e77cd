/**
 * The demo's mid-course patient (issue #6 demo data): Avery Morgan (patient1@) had her two preparation sessions and
 * two doses, each followed by its integration session, and her next dose is booked. This writes what those sessions
 * left behind, as the app would have: the course consent, each dosing session from check-in to discharge (order,
 * administration drawn from the troche lot in the ledger, vitals at the checkpoints with the blood-pressure peak
 * around 40 minutes and one acknowledged warning, observations), her intentions, and signed progress notes for every
 * session. Runs inside the demo's seeding transaction (once per database).
 */
import { Temporal } from 'temporal-polyfill';
import { ROUTE_SNOMED } from '../../core/dosing';
import type { Executor } from '../../db/database';
import { newId, toDate } from '../../db/ids';
import {
  insertAlerts, insertChecklistEntry, insertConsent, insertEvent, insertObservation, insertOrder, insertPresence, insertVitals,
} from '../../db/repos/dosing';
import { listLots, recordAdministrationEntry } from '../../db/repos/ledger';
import type { AppointmentRow } from '../../db/repos/scheduling';
import { doseAdministrations, dosingSessions, progressNotes } from '../../db/schema';
import { insertIntention } from '../features/intentions/store';

export interface HistoryStaff {
  nurse: string;
  prescriber: string;
  therapist: string;
}

/** What Avery brought and what the sessions held: the words a clinic would have on record. */
const DOSES = [
  {
    mg: 150, weightKg: 64.5, peak: [146, 92] as const, intention: 'To meet the heaviness with curiosity instead of fighting it.',
    dissociation: 3,
    dosingNote: {
      experience: 'Onset at about 10 minutes. Described floating above a grey lake; long quiet stretches; tearful at 35 minutes, then calm.',
      emotionsSurfaced: 'Grief about her father, then relief.',
      therapistObservations: 'Settled with breath and music; hand support declined as agreed. Oriented and steady at the end.',
      plan: 'Integration in two days: the lake image, the grief.',
      riskAssessment: 'No suicidal ideation at discharge; partner at home tonight.',
    },
    integrationNote: {
      themes: 'Grief for her father; the heaviness as something she carries rather than something she is.',
      insights: 'The heaviness has edges: she could see around it for the first time in years.',
      intentionsRevisited: 'Curiosity held for most of the session; she wants to keep it for the weekday mornings.',
      plan: 'Ten minutes outside each morning before email; write one line about the day each evening.',
      riskAssessment: 'Mood lighter since the dose (PHQ-9 down 6); no safety concerns.',
    },
  },
  {
    mg: 200, weightKg: 64.5, peak: [138, 86] as const, intention: 'To listen to the part of me that is tired, and ask what it needs.',
    dissociation: 4,
    dosingNote: {
      experience: 'Stronger and more visual than the first dose; a long hallway of doors; laughed twice; quiet afterwards.',
      emotionsSurfaced: 'Tenderness toward her younger self; brief fear at onset that passed with breath.',
      therapistObservations: 'Mild nausea at 50 minutes, settled without medication. Reflective and warm at the end.',
      plan: 'Integration: the tired part and what it asked for.',
      riskAssessment: 'Safe at discharge; partner drove her home.',
    },
    integrationNote: {
      themes: 'Rest as permission, not failure; the tired part asking to be looked after.',
      insights: 'She has been treating tiredness as a verdict. It reads more like a request.',
      intentionsRevisited: 'She asked, and the answer was rest and company. She wants to keep asking.',
      plan: 'Keep the morning walk; one evening a week with a friend; bring the journal to the next session.',
      riskAssessment: 'Sleeping better; no safety concerns; continue the course as planned.',
    },
  },
] as const;

const PREP_NOTES = [
  {
    hopesAndFears: 'Hopes to feel something other than flat; afraid of losing control and of what might come up about her father.',
    intentions: 'To be curious about the heaviness.',
    emotionalSafetyPlan: 'Breath counting; the word "pause" means music off and a check-in; her partner Sam is home afterwards.',
    whatToExpect: 'Onset, the eye mask and music, the therapist present throughout, blood-pressure checks, no driving until tomorrow.',
    consentWalkthrough: 'Consent gone through together; questions about nausea and about the bladder answered.',
    plan: 'Second preparation session: practise the breath and write the first intention.',
    riskAssessment: 'Passive thoughts of death last year, none now; supportive partner; no substance use.',
  },
  {
    hopesAndFears: 'Less afraid since last week; hopes the first dose will feel gentle.',
    intentions: 'To meet the heaviness with curiosity instead of fighting it.',
    emotionalSafetyPlan: 'As agreed; she added her sister Jo as a second person to call.',
    whatToExpect: 'Walked through the room and the monitoring again; the ride home with Sam is arranged.',
    consentWalkthrough: 'Signed the course consent.',
    plan: 'First dose next week.',
    riskAssessment: 'No concerns.',
  },
] as const;

const minutes = (at: Temporal.Instant, m: number) => toDate(at.add({ minutes: m }));

export async function seedCourseHistory(tx: Executor, clinicId: string, patientId: string, courseId: string, course: AppointmentRow[], staff: HistoryStaff): Promise<void> {
  const held = (kind: string) => course.filter((a) => a.kind === kind && a.status === 'completed').sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const preps = held('preparation');
  const doses = held('dosing');
  const integrations = held('integration');
  const start = (a: AppointmentRow) => Temporal.Instant.fromEpochMilliseconds(a.startsAt.getTime());

  const consentAt = preps.at(-1) ?? doses[0];
  if (consentAt) {
    await insertConsent(tx, { clinicId, id: newId(), patientId, courseId, documentVersion: 'KAP informed consent v3', signedAt: minutes(start(consentAt), 45), recordedBy: staff.therapist, createdAt: minutes(start(consentAt), 45) });
  }
  for (const [i, prep] of preps.entries()) await signedNote(tx, clinicId, patientId, prep, 'preparation', PREP_NOTES[i] ?? PREP_NOTES[1], staff.therapist);
  for (const [i, dose] of doses.entries()) {
    const d = DOSES[i] ?? DOSES[1];
    await heldDose(tx, clinicId, patientId, courseId, dose, d, staff);
    await signedNote(tx, clinicId, patientId, dose, 'dosing', d.dosingNote, staff.therapist);
    const integration = integrations.find((x) => x.number === dose.number);
    if (integration) await signedNote(tx, clinicId, patientId, integration, 'integration', d.integrationNote, staff.therapist);
  }
  // The next dose: she has already written her intention for it in the portal.
  const next = course.filter((a) => a.kind === 'dosing' && a.status === 'booked').sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())[0];
  const lastIntegration = integrations.at(-1);
  if (next && lastIntegration) {
    await insertIntention(tx, {
      clinicId, id: newId(), patientId, appointmentId: next.id, text: 'To let rest be allowed, and notice what comes when I stop pushing.',
      writtenByKind: 'patient', writtenBy: patientId, createdAt: minutes(start(lastIntegration), 24 * 60),
    });
  }
}

async function signedNote(tx: Executor, clinicId: string, patientId: string, a: AppointmentRow, kind: 'preparation' | 'dosing' | 'integration', structured: Record<string, string>, author: string) {
  const end = Temporal.Instant.fromEpochMilliseconds(a.endsAt.getTime());
  await tx.insert(progressNotes).values({
    clinicId, id: newId(), appointmentId: a.id, patientId, authorId: author, kind, status: 'signed', structured: { ...structured }, text: '',
    createdAt: minutes(end, 5), updatedAt: minutes(end, 40), signedAt: minutes(end, 40), signedBy: author,
  });
}

/** One held dose, check-in to discharge, as the console records it. */
async function heldDose(tx: Executor, clinicId: string, patientId: string, courseId: string, a: AppointmentRow, d: (typeof DOSES)[number], who: HistoryStaff) {
  const appointmentId = a.id;
  const t0 = Temporal.Instant.fromEpochMilliseconds(a.startsAt.getTime());
  const dosedAt = t0.add({ minutes: 20 });
  const at = (m: number) => minutes(dosedAt, m);
  await tx.insert(dosingSessions).values({
    clinicId, appointmentId, patientId, courseId, state: 'discharged', stateChangedAt: at(125), checkedInAt: minutes(t0, 0), dosedAt: at(0), dischargedAt: at(125),
    setting: { music: 'East Forest — "Music for Ketamine Journeys" playlist', eyeMask: true, lighting: 'dim' }, version: 12, createdAt: minutes(t0, 0), updatedAt: at(125),
  });
  await insertIntention(tx, { clinicId, id: newId(), patientId, appointmentId, text: d.intention, writtenByKind: 'patient', writtenBy: patientId, createdAt: minutes(t0, -3 * 24 * 60) });
  const event = (kind: string, from: string | null, to: string | null, m: number, by = who.nurse) => insertEvent(tx, { clinicId, id: newId(), appointmentId, kind, fromState: from, toState: to, detail: null, by, at: at(m) });
  await event('check-in', 'scheduled', 'checked-in', -20);
  for (const [itemId, value] of [
    ['fasting', { confirmed: true }], ['rideHome', { name: 'Sam Morgan', phone: '+1 510 555 0118' }], ['noDrivingAcknowledged', { acknowledged: true }],
    ['intentionRecorded', { text: d.intention }], ['adverseEventsReviewed', { reviewed: true }],
  ] as const) {
    await insertChecklistEntry(tx, { clinicId, id: newId(), appointmentId, itemId, kind: 'record', value, reason: null, by: who.nurse, at: at(-18) });
  }
  for (const staffId of [who.therapist, who.nurse]) {
    await insertPresence(tx, { clinicId, id: newId(), appointmentId, staffId, action: 'enter', handoverTo: null, at: at(-20), recordedBy: who.nurse });
  }
  const vitals = async (m: number, systolic: number, diastolic: number, heartRate: number, spo2: number) => {
    const id = newId();
    await insertVitals(tx, { clinicId, id, appointmentId, patientId, takenAt: at(m), systolic, diastolic, heartRate, spo2, respiratoryRate: 14, recordedBy: who.nurse, recordedAt: at(m) });
    return id;
  };
  await vitals(-15, 122, 78, 72, 98);
  await event('pass-checks', 'checked-in', 'checks-passed', -10);
  const orderId = newId();
  const mgPerKg = (d.mg / d.weightKg).toFixed(2);
  await insertOrder(tx, {
    clinicId, id: orderId, appointmentId, route: 'sublingual', routeCode: ROUTE_SNOMED.sublingual.code, product: 'Ketamine HCl troche 100 mg', doseMg: String(d.mg), weightKg: String(d.weightKg), mgPerKg,
    infusionMinutes: null, limitProblem: null, overrideReason: null, orderedBy: who.prescriber, orderedAt: at(-8),
  });
  const lot = (await listLots(tx, clinicId)).find((l) => /troche/.test(l.form) && Number(l.balanceMg) >= d.mg);
  if (lot) {
    const administrationId = newId();
    await tx.insert(doseAdministrations).values({ clinicId, id: administrationId, appointmentId, orderId, amountMg: String(d.mg), lotId: lot.id, givenBy: who.nurse, givenAt: at(0) });
    const drawn = await recordAdministrationEntry(tx, { clinicId, lotId: lot.id, administrationId, quantityMg: d.mg, by: who.nurse, at: at(0) });
    if (!drawn.ok) throw new Error(`demo: the dose could not be drawn from lot ${lot.lotNumber}: ${drawn.error.message}`);
  }
  await event('dose', 'checks-passed', 'dosed', 0);
  await vitals(15, 134, 84, 80, 97);
  await event('start-monitoring', 'dosed', 'monitoring', 15);
  await vitals(30, 140, 88, 82, 97);
  const peakId = await vitals(40, d.peak[0], d.peak[1], 84, 97);
  if (d.peak[0] >= 140 || d.peak[1] >= 90) {
    await insertAlerts(tx, [{
      clinicId, id: newId(), appointmentId, readingId: peakId, level: 'warn', vital: d.peak[0] >= 140 ? 'systolic' : 'diastolic',
      message: `Blood pressure ${d.peak[0]}/${d.peak[1]} mmHg is at or above the warning level (140/90).`, raisedAt: at(40),
      acknowledgedAt: at(42), acknowledgedBy: who.nurse, action: 'Rechecked in 10 minutes; patient calm; prescriber informed.',
    }]);
  }
  await insertObservation(tx, { clinicId, id: newId(), appointmentId, kind: 'dissociation', level: d.dissociation, eventType: null, severity: null, actionTaken: null, text: null, observedAt: at(20), by: who.therapist, recordedAt: at(20) });
  if (d.mg === 200) {
    await insertObservation(tx, { clinicId, id: newId(), appointmentId, kind: 'adverse-event', level: null, eventType: 'nausea-vomiting', severity: 'mild', actionTaken: 'Sips of water; settled without medication.', text: null, observedAt: at(50), by: who.nurse, recordedAt: at(50) });
  }
  await vitals(60, 132, 82, 78, 98);
  await vitals(90, 126, 80, 74, 98);
  await insertObservation(tx, { clinicId, id: newId(), appointmentId, kind: 'dissociation', level: 0, eventType: null, severity: null, actionTaken: null, text: null, observedAt: at(110), by: who.therapist, recordedAt: at(110) });
  await insertObservation(tx, { clinicId, id: newId(), appointmentId, kind: 'sedation', level: 0, eventType: null, severity: null, actionTaken: null, text: null, observedAt: at(110), by: who.nurse, recordedAt: at(110) });
  await insertObservation(tx, { clinicId, id: newId(), appointmentId, kind: 'suicide-risk-check', level: null, eventType: null, severity: null, actionTaken: null, text: 'No thoughts of self-harm; looking forward to integration.', observedAt: at(112), by: who.therapist, recordedAt: at(112) });
  await insertObservation(tx, { clinicId, id: newId(), appointmentId, kind: 'ride-present', level: null, eventType: null, severity: null, actionTaken: null, text: 'Sam Morgan', observedAt: at(118), by: who.nurse, recordedAt: at(118) });
  await vitals(120, 124, 78, 72, 98);
  await event('ready-for-discharge', 'monitoring', 'ready-for-discharge', 121);
  await event('discharge', 'ready-for-discharge', 'discharged', 125, who.prescriber);
}

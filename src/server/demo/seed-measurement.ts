/**
 * The demo clinic's screening and measurement history, so every view has something true to show: screening records
 * and eligibility decisions, intake questionnaires, doses with questionnaires anchored to them, improving (and not
 * improving) trajectories, questionnaires due in the portal and one open safety alert.
 */
import { sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { DEFAULT_ELIGIBILITY_RULE_SET } from '../../core/eligibility/default-rule-set';
import { evaluateEligibility, ScreeningFacts } from '../../core/eligibility/rules';
import type { Condition, Indication } from '../../core/eligibility/vocabulary';
import type { InstrumentDefinition } from '../../core/instruments/definition';
import { SHIPPED_INSTRUMENTS } from '../../core/instruments/library';
import { scoreResponse } from '../../core/instruments/score';
import type { PatientStatus } from '../../core/patient-status';
import type { Executor } from '../../db/database';
import { newId, toDate } from '../../db/ids';
import { insertDose, insertResponse, insertSchedule } from '../../db/repos/questionnaires';
import { insertSafetyAlerts } from '../../db/repos/safety';
import { eligibilityDecisions, screeningRecords } from '../../db/schema';
import { materialize } from '../features/questionnaires/schedules';

export interface DemoMeasurementPatient {
  id: string;
  key: string;
  sex: 'female' | 'male' | 'intersex';
  path: PatientStatus[];
  /** When each step of the path happened. */
  stepAt: Temporal.Instant[];
}

const def = (id: string): InstrumentDefinition => SHIPPED_INSTRUMENTS.find((d) => d.id === id)!;

/** Answers in item order summing to `total`, filling items from the first; PHQ-9 item 9 is set only on request. */
function answersFor(d: InstrumentDefinition, total: number, item9 = 0): number[] {
  const scored = d.items.filter((i) => i.required);
  const max = (i: (typeof scored)[number]) => Math.max(...d.answerSets[i.answerSet]!.map((o) => o.value));
  let left = total - item9;
  return scored.map((item, index) => {
    if (d.id === 'phq-9' && index === 8) return item9;
    const v = Math.min(max(item), Math.max(0, left));
    left -= v;
    return v;
  });
}

interface Plan {
  indications: Indication[];
  conditions: Condition[];
  bp: [number, number];
  phq9: number[];
  gad7: number[];
  pcl5?: number[];
  /** Dose times, in days before now (fractions allowed). */
  doses?: number[];
}

/** Per demo patient: screening facts and the PHQ-9 / GAD-7 (PCL-5) totals at intake, before and after each dose. */
const PLANS: Record<string, Plan> = {
  avery: { indications: ['treatment-resistant-depression'], conditions: [], bp: [122, 78], phq9: [18, 17, 11, 10, 7], gad7: [13, 13, 9, 8], doses: [8.5, 1.5] },
  daniel: { indications: ['major-depressive-disorder', 'anxiety-disorder'], conditions: [], bp: [128, 84], phq9: [16], gad7: [15] },
  maya: { indications: ['ptsd'], conditions: [], bp: [116, 74], phq9: [14], gad7: [12], pcl5: [48] },
  theo: { indications: ['treatment-resistant-depression'], conditions: ['uncontrolled-hypertension'], bp: [138, 88], phq9: [20], gad7: [10] },
  rosa: { indications: ['existential-distress'], conditions: [], bp: [124, 80], phq9: [13], gad7: [11] },
  kai: { indications: ['anxiety-disorder'], conditions: [], bp: [112, 70], phq9: [9], gad7: [16] },
  marcus: { indications: ['treatment-resistant-depression'], conditions: ['substance-use-disorder-history'], bp: [134, 86], phq9: [19], gad7: [12] },
  sofia: { indications: ['major-depressive-disorder'], conditions: ['intracerebral-hemorrhage-history'], bp: [120, 76], phq9: [17], gad7: [9] },
  jamal: { indications: ['ptsd', 'treatment-resistant-depression'], conditions: [], bp: [130, 82], phq9: [22, 21, 15, 14, 11, 12, 9, 9, 7, 8, 6], gad7: [16, 15, 11, 10, 8, 8, 7], pcl5: [56, 41, 30], doses: [62, 55, 48, 41, 34] },
  hannah: { indications: ['treatment-resistant-depression'], conditions: [], bp: [118, 76], phq9: [16, 16, 10, 9, 6, 6, 4, 4, 3], gad7: [12, 11, 8, 7, 5, 5, 4], doses: [45, 38, 31, 24] },
  omar: { indications: ['chronic-stress-burnout'], conditions: [], bp: [126, 80], phq9: [19, 18, 15, 15, 13, 12, 11, 11, 9], gad7: [14, 14, 12, 11, 10, 10, 9], doses: [80, 73, 66, 59] },
  victor: { indications: ['major-depressive-disorder'], conditions: [], bp: [132, 84], phq9: [21, 20, 16, 16, 14], gad7: [15, 15, 12, 12, 11], doses: [11, 4] },
  lena: { indications: ['anxiety-disorder'], conditions: [], bp: [118, 72], phq9: [12], gad7: [14] },
  eleanor: { indications: [], conditions: [], bp: [0, 0], phq9: [], gad7: [] },
};

/** Days before now of a demo patient's doses (the timeline of their statuses follows from them). */
export const demoDoseDays = (key: string): number[] => PLANS[key]?.doses ?? [];

export async function seedMeasurement(
  tx: Executor, clinicId: string, patients: DemoMeasurementPatient[], staff: { prescriber: string; nurse: string }, now: Temporal.Instant, timeZone: string,
  /** Booked dosing sessions of patients with a real course: their doses (the dose events take the appointments' ids). */
  courseDoses: ReadonlyMap<string, { id: string; at: Temporal.Instant }[]> = new Map(),
): Promise<void> {
  for (const p of patients) {
    const plan = PLANS[p.key];
    if (!plan || !p.path.includes('screening')) continue;
    const screeningAt = p.stepAt[p.path.indexOf('screening')]!;
    const sex = p.sex === 'intersex' ? null : p.sex;

    const respond = async (instrument: string, total: number, at: Temporal.Instant, anchor: { doseId: string; offsetHours: number } | null = null, item9 = 0) => {
      const d = def(instrument);
      const answers = answersFor(d, total, item9);
      const score = scoreResponse(d, answers, { sex: sex ?? 'female' });
      if (!score.ok) throw new Error(`demo ${instrument} ${total}: ${score.error.message}`);
      const s = score.value;
      const id = newId();
      await insertResponse(tx, {
        clinicId, id, patientId: p.id, instrumentId: d.id, instrumentVersion: s.instrumentVersion, ruleVersion: s.ruleVersion, answers, sex,
        total: s.total, severity: s.severity ?? null, positive: s.positive ?? null, subscales: s.subscales ?? null, criteria: s.criteria ?? null, flags: s.flags,
        assignmentId: null, doseEventId: anchor?.doseId ?? null, offsetHours: anchor?.offsetHours ?? null, submittedAt: toDate(at),
        enteredByKind: 'patient', enteredBy: p.id, version: 1, supersedesId: null, correctionReason: null,
      });
      return { id, flags: s.flags };
    };

    // Screening: the record, and intake questionnaires a day after screening began.
    const intakeAt = screeningAt.add({ hours: 26 });
    await tx.insert(screeningRecords).values({
      clinicId, patientId: p.id, indications: plan.indications, conditions: plan.conditions,
      medicalHistory: 'No cardiovascular or cerebrovascular history reported unless listed.', psychiatricHistory: 'Two or more adequate antidepressant trials.',
      medications: 'Sertraline 100 mg daily', bpSystolic: plan.bp[0] || null, bpDiastolic: plan.bp[1] || null, bpMeasuredAt: plan.bp[0] ? toDate(intakeAt) : null,
      updatedAt: toDate(intakeAt), updatedBy: staff.nurse,
    });
    if (plan.phq9[0] !== undefined) await respond('phq-9', plan.phq9[0], intakeAt);
    if (plan.gad7[0] !== undefined) await respond('gad-7', plan.gad7[0], intakeAt.add({ minutes: 6 }));
    if (plan.pcl5?.[0] !== undefined) await respond('pcl-5', plan.pcl5[0], intakeAt.add({ minutes: 12 }));

    // The eligibility decision that moved the patient on.
    const decided = p.path.find((s) => s === 'eligible' || s === 'ineligible');
    if (decided) {
      const facts = ScreeningFacts.parse({ indications: plan.indications, conditions: plan.conditions, bloodPressure: { systolic: plan.bp[0], diastolic: plan.bp[1] } });
      const evaluation = evaluateEligibility(facts, DEFAULT_ELIGIBILITY_RULE_SET);
      await tx.insert(eligibilityDecisions).values({
        clinicId, id: newId(), patientId: p.id, evaluatedOutcome: evaluation.outcome, reasons: evaluation.reasons, facts,
        ruleSetVersion: evaluation.ruleSetVersion, decision: decided, status: 'final',
        overrideReason: evaluation.outcome === 'needs-review' && decided === 'eligible' ? 'Reviewed with the patient and their physician: acceptable.' : null,
        decidedBy: staff.prescriber, decidedAt: toDate(p.stepAt[p.path.indexOf(decided)]!),
      });
    }

    // Doses, with PHQ-9 and GAD-7 before each and 24 h and 7 days after (as the default measurement plan gives them).
    const doses = courseDoses.get(p.key) ?? (plan.doses ?? []).map((days) => ({ id: newId(), at: now.subtract({ hours: Math.round(days * 24) }) }));
    const lastHeld = doses.filter((d) => Temporal.Instant.compare(d.at, now) < 0).length - 1;
    const phq = plan.phq9.slice(1);
    const gad = plan.gad7.slice(1);
    for (const [i, dose] of doses.entries()) {
      const held = Temporal.Instant.compare(dose.at, now) < 0;
      await insertDose(tx, { clinicId, id: dose.id, patientId: p.id, dosedAt: toDate(dose.at), recordedBy: staff.nurse, note: held ? null : 'booked dosing session', createdAt: toDate(held ? dose.at : now) });
      for (const [k, offset] of [0, 24, 168].entries()) {
        const due = dose.at.add({ hours: offset });
        const submitted = offset === 0 ? due.subtract({ minutes: 50 }) : due.add({ minutes: 70 });
        if (Temporal.Instant.compare(submitted, now) >= 0) continue;
        const step = i * 2 + k;
        // After the latest dose, the GAD-7 "24 h after" is left for the portal: it is due now.
        if (phq[step] !== undefined) await respond('phq-9', phq[step], submitted, { doseId: dose.id, offsetHours: offset });
        if (gad[step] !== undefined && !(p.key === 'avery' && i === lastHeld && offset === 24)) {
          await respond('gad-7', gad[step], submitted.add({ minutes: 5 }), { doseId: dose.id, offsetHours: offset });
        }
      }
    }
    if (plan.pcl5 && doses.length) {
      for (const [j, total] of plan.pcl5.slice(1).entries()) await respond('pcl-5', total, doses[0]!.at.add({ hours: 24 * 28 * (j + 1) }));
    }

    // Standing orders for patients in a course: questionnaires around each dose; the pending ones appear in the portal.
    if (p.path.at(-1) === 'in-course') {
      const courseStart = p.stepAt[p.path.indexOf('in-course')]!;
      for (const instrumentId of ['phq-9', 'gad-7']) {
        const schedule = {
          clinicId, id: newId(), patientId: p.id, instrumentId, kind: 'dose-anchored' as const, offsetsHours: [0, 24, 168], everyDays: null,
          startsAt: toDate(courseStart), endsAt: null, active: true, createdBy: staff.nurse, createdAt: toDate(courseStart),
        };
        await insertSchedule(tx, schedule);
        await materialize(tx, schedule, doses.map((d) => ({ clinicId, id: d.id, patientId: p.id, dosedAt: toDate(d.at), recordedBy: null, note: null, createdAt: toDate(d.at) })), now.add({ hours: 24 * 30 }), timeZone, now);
      }
      await completeSeededAssignments(tx, clinicId, p.id, now);
    }

    // One open safety alert: Victor answered PHQ-9 item 9 with "several days" an hour ago.
    if (p.key === 'victor') {
      const flagged = await respond('phq-9', 14, now.subtract({ hours: 1 }), null, 1);
      await insertSafetyAlerts(tx, flagged.flags.map((f) => ({
        clinicId, id: newId(), patientId: p.id, responseId: flagged.id, flag: f.id, message: f.message, status: 'open' as const, createdAt: toDate(now.subtract({ hours: 1 })),
      })));
    }
  }
}

/** Marks the seeded dose-anchored assignments done where a response was seeded for that dose and offset. */
async function completeSeededAssignments(tx: Executor, clinicId: string, patientId: string, now: Temporal.Instant): Promise<void> {
  await tx.execute(sql`
    UPDATE questionnaire_assignments a SET status = 'completed', response_id = r.id
      FROM questionnaire_responses r
     WHERE a.clinic_id = ${clinicId}::uuid AND a.patient_id = ${patientId}::uuid AND a.status = 'pending'
       AND r.clinic_id = a.clinic_id AND r.patient_id = a.patient_id AND r.instrument_id = a.instrument_id
       AND r.dose_event_id = a.dose_event_id AND r.offset_hours = a.offset_hours`);
  // Anything due more than a week ago and never answered is not shown as due in a demo.
  await tx.execute(sql`
    UPDATE questionnaire_assignments SET status = 'cancelled'
     WHERE clinic_id = ${clinicId}::uuid AND patient_id = ${patientId}::uuid AND status = 'pending' AND due_at < ${new Date(now.epochMilliseconds - 7 * 864e5).toISOString()}::timestamptz`);
}

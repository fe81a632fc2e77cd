/**
 * The rule for each pre-dose checklist item, on plain facts. Each returns pass, fail or missing with a message saying
 * what would make it pass. The convention: "missing" = nothing usable is recorded (absent, or too old: record it
 * again); "fail" = what is recorded does not allow the dose.
 */
import { DAY_MS, HOUR_MS, MINUTE_MS, minutesSince, minutesUntil, plural } from './common';
import type { DosingContext } from './dosing-protocol';
import type { Kilograms } from './units';
import { classifyVitals, missingVitals, VITAL_LABELS, type VitalsReading } from './vitals';
import type { VitalKey } from './dosing-protocol';

/** What the record holds for the checks (the overrides are added in checklist.ts). */
export interface RuleFacts {
  /** The latest eligibility decision, and whether a contraindication was recorded after it. */
  eligibility: { decision: 'eligible' | 'ineligible'; decidedAt: number; contraindicationSince: boolean } | null;
  /** The consent signed for this course. */
  consent: { documentVersion: string; signedAt: number } | null;
  /** When given, the signed consent must be this version. */
  currentConsentVersion?: string | null;
  predoseVitals: { reading: VitalsReading; at: number } | null;
  weight: { kg: Kilograms; at: number } | null;
  /** Times of the last food and liquid, or a simple confirmation that the protocol's fasting was kept. */
  fasting: { kind: 'times'; lastFoodAt: number; lastLiquidAt: number } | { kind: 'confirmed' } | null;
  ride: { name: string; phone: string } | null;
  noDrivingAcknowledged: boolean;
  /** For this session; `not-applicable` when a clinician recorded that no test is needed. */
  pregnancyTest: 'negative' | 'positive' | 'not-applicable' | null;
  intention: string | null;
  adverseEventsReview: 'reviewed' | 'not-reviewed' | 'no-previous-session';
  educationRead: boolean;
}

export interface RuleOutcome {
  status: 'pass' | 'fail' | 'missing';
  message: string;
  /** Reported, never blocking (pre-dose vitals at a warning level). */
  warnings?: string[];
  /** When the item will pass by itself if nothing changes (fasting). */
  passesAt?: number;
}

/** "1 h 20 min", "40 min": plain English, no locale (the core's messages are English). */
export function formatMinutes(total: number): string {
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

const pass = (message: string, warnings?: string[]): RuleOutcome => (warnings?.length ? { status: 'pass', message, warnings } : { status: 'pass', message });
const missing = (message: string): RuleOutcome => ({ status: 'missing', message });
const failed = (message: string, passesAt?: number): RuleOutcome => (passesAt === undefined ? { status: 'fail', message } : { status: 'fail', message, passesAt });
const future = (what: string) => failed(`The ${what} is dated after now: check the recorded time.`);

export function eligibilityRule(p: DosingContext, f: RuleFacts, now: number): RuleOutcome {
  const e = f.eligibility;
  if (!e) return missing('No eligibility decision is recorded: a prescriber must decide eligibility before the first dose.');
  if (e.decidedAt > now) return future('eligibility decision');
  if (e.decision !== 'eligible') return failed('The latest eligibility decision is "ineligible": no dose unless a prescriber re-decides eligibility.');
  if (e.contraindicationSince) return failed('A contraindication was recorded after the eligibility decision: a prescriber must review it and decide eligibility again.');
  const maxDays = p.dosing.eligibilityMaxAgeDays;
  if (now - e.decidedAt > maxDays * DAY_MS) {
    return missing(`The eligibility decision is ${Math.floor((now - e.decidedAt) / DAY_MS)} days old; the protocol accepts ${maxDays} days: a prescriber must re-assess eligibility.`);
  }
  return pass('Eligibility decision is current.');
}

export function consentRule(_p: DosingContext, f: RuleFacts, now: number): RuleOutcome {
  if (!f.consent) return missing('No signed consent for this course: the patient must sign the consent form.');
  if (f.consent.signedAt > now) return future('consent signature');
  const current = f.currentConsentVersion;
  if (current && f.consent.documentVersion !== current) {
    return failed(`The patient signed consent version ${f.consent.documentVersion}; the current version is ${current}: the patient must sign version ${current}.`);
  }
  return pass(`Consent version ${f.consent.documentVersion} is signed.`);
}

/** Blood pressure, heart rate and SpO2 are needed before the dose (BP before dosing, pulse oximetry each session, §2.3). */
export const PREDOSE_REQUIRED_VITALS: readonly VitalKey[] = ['systolic', 'diastolic', 'heartRate', 'spo2'];

export function vitalsRule(p: DosingContext, f: RuleFacts, now: number): RuleOutcome {
  const v = f.predoseVitals;
  if (!v) return missing('No pre-dose vital signs: record blood pressure, heart rate and SpO2.');
  if (v.at > now) return future('pre-dose reading');
  const limits = p.dosing.predoseVitals;
  if (now - v.at > limits.maxAgeMinutes * MINUTE_MS) {
    return missing(`The pre-dose vital signs are ${minutesSince(v.at, now)} minutes old; the protocol accepts ${limits.maxAgeMinutes}: take a new reading.`);
  }
  const absent = missingVitals(v.reading, PREDOSE_REQUIRED_VITALS);
  if (absent.length > 0) return missing(`Record ${absent.map((k) => VITAL_LABELS[k].label).join(', ')} before the dose.`);
  const c = classifyVitals(limits, v.reading, { warn: 'warning', act: 'hold' });
  const holds = c.findings.filter((x) => x.level === 'act').map((x) => x.message);
  const warns = c.findings.filter((x) => x.level === 'warn').map((x) => x.message);
  if (holds.length > 0) return failed(`Hold the dose: ${holds.join(' ')} Re-measure after rest, or a prescriber may override with a reason.`);
  if (warns.length > 0) return pass('Pre-dose vital signs allow the dose, with warnings: weigh the risk of a blood-pressure rise against the benefit.', warns);
  return pass('Pre-dose vital signs are within limits.');
}

export function weightRule(p: DosingContext, f: RuleFacts, now: number): RuleOutcome {
  if (!f.weight) return missing('No body weight recorded: weigh the patient (needed for mg/kg dosing).');
  if (f.weight.at > now) return future('weight');
  const maxDays = p.dosing.weightMaxAgeDays;
  if (now - f.weight.at > maxDays * DAY_MS) {
    return missing(`The last weight is ${Math.floor((now - f.weight.at) / DAY_MS)} days old; the protocol accepts ${maxDays} days: weigh the patient.`);
  }
  return pass(`Weight ${f.weight.kg} kg is current.`);
}

export function fastingRule(p: DosingContext, f: RuleFacts, now: number): RuleOutcome {
  const fast = f.fasting;
  if (!fast) return missing('Fasting is not recorded: ask when the patient last ate and drank.');
  if (fast.kind === 'confirmed') return pass('Fasting confirmed as the protocol asks.');
  if (fast.lastFoodAt > now || fast.lastLiquidAt > now) return future('last food or drink time');
  const foodFrom = fast.lastFoodAt + p.fasting.foodHours * HOUR_MS;
  const liquidFrom = fast.lastLiquidAt + p.fasting.liquidsMinutes * MINUTE_MS;
  const problems: string[] = [];
  if (now < foodFrom) problems.push(`last food ${formatMinutes(minutesSince(fast.lastFoodAt, now))} ago (the protocol asks for ${formatMinutes(Math.round(p.fasting.foodHours * 60))})`);
  if (now < liquidFrom) problems.push(`last drink ${formatMinutes(minutesSince(fast.lastLiquidAt, now))} ago (the protocol asks for ${formatMinutes(p.fasting.liquidsMinutes)})`);
  if (problems.length === 0) return pass('Fasting times are met.');
  const from = Math.max(foodFrom, liquidFrom);
  return failed(`Fasting not yet met: ${problems.join('; ')}. It will be met in ${plural(minutesUntil(now, from), 'minute')}.`, from);
}

export function rideRule(_p: DosingContext, f: RuleFacts): RuleOutcome {
  if (!f.ride || !f.ride.name.trim() || !f.ride.phone.trim()) return missing('Record who takes the patient home (name and phone): the patient must leave with a responsible adult.');
  return pass(`Ride home: ${f.ride.name.trim()}.`);
}

export function noDrivingRule(_p: DosingContext, f: RuleFacts): RuleOutcome {
  if (!f.noDrivingAcknowledged) return missing('The patient must acknowledge: no driving or machinery until the next day after a restful sleep.');
  return pass('No-driving acknowledged.');
}

export function pregnancyRule(_p: DosingContext, f: RuleFacts): RuleOutcome {
  if (f.pregnancyTest === null) return missing('Record the pregnancy test result (or that no test is needed).');
  if (f.pregnancyTest === 'positive') return failed('The pregnancy test is positive: no dose unless a prescriber overrides with a reason.');
  return pass(f.pregnancyTest === 'negative' ? 'Pregnancy test negative.' : 'No pregnancy test needed (recorded).');
}

export function intentionRule(_p: DosingContext, f: RuleFacts): RuleOutcome {
  if (!f.intention?.trim()) return missing('Record the patient’s intention for this session.');
  return pass('Intention recorded.');
}

export function adverseEventsRule(_p: DosingContext, f: RuleFacts): RuleOutcome {
  if (f.adverseEventsReview === 'not-reviewed') return missing('Review the adverse events of the last dosing session and mark them reviewed.');
  return pass(f.adverseEventsReview === 'reviewed' ? 'Last session’s adverse events reviewed.' : 'No previous dosing session.');
}

export function educationRule(_p: DosingContext, f: RuleFacts): RuleOutcome {
  if (!f.educationRead) return missing('The patient has not read the assigned education modules.');
  return pass('Education modules read.');
}

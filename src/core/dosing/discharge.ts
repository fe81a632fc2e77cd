/**
 * Whether a dosed patient may leave (clinical-facts.md §2.6 and §2.3): the minimum monitoring time has passed; recent
 * vitals are within the discharge limits or back near the pre-dose baseline; sedation and dissociation are resolved on
 * the clinic's scales; a suicide-risk check was done after the dose; the escort is present; a prescriber or nurse signs.
 * Every unmet condition is returned (not just the first), each saying what would meet it.
 */
import { isoTime, MEDICAL_ROLES, MINUTE_MS, minutesSince, minutesUntil, plural, roleList, type StaffRef, type TimeFormatter } from './common';
import { minMonitoringMinutes, type DosingContext, type ObservationScale, type VitalKey } from './dosing-protocol';
import { classifyVitals, missingVitals, VITAL_LABELS, type VitalFinding, type VitalsReading } from './vitals';

export interface DischargeFacts {
  dosedAt: number;
  /** The latest vital signs. */
  vitals: { reading: VitalsReading; at: number } | null;
  /** The pre-dose reading, for "back near baseline". */
  baseline: VitalsReading | null;
  sedation: { level: number; at: number } | null;
  dissociation: { level: number; at: number } | null;
  /** When the suicide-risk check was done (it counts only after the dose). */
  suicideRiskCheck: { at: number } | null;
  ridePresent: boolean;
  /** Who would sign the discharge. */
  signer: StaffRef | null;
}

export type DischargeConditionId = 'minimum-monitoring' | 'vitals' | 'sedation' | 'dissociation' | 'suicide-risk-check' | 'ride' | 'signer';

export interface DischargeCondition {
  id: DischargeConditionId;
  met: boolean;
  message: string;
  warnings: string[];
}

export interface DischargeEvaluation {
  canDischarge: boolean;
  conditions: DischargeCondition[];
  unmet: DischargeCondition[];
  /** The end of the minimum monitoring time, and the whole minutes until then (0 once reached). */
  possibleFrom: number;
  minutesRemaining: number;
}

const DISCHARGE_REQUIRED_VITALS: readonly VitalKey[] = ['systolic', 'diastolic', 'heartRate', 'spo2'];

const met = (id: DischargeConditionId, message: string, warnings: string[] = []): DischargeCondition => ({ id, met: true, message, warnings });
const unmet = (id: DischargeConditionId, message: string): DischargeCondition => ({ id, met: false, message, warnings: [] });

function monitoringCondition(p: DosingContext, f: DischargeFacts, now: number, format: TimeFormatter): DischargeCondition {
  const min = minMonitoringMinutes(p);
  const from = f.dosedAt + min * MINUTE_MS;
  if (now >= from) return met('minimum-monitoring', `The minimum monitoring time of ${min} minutes has passed.`);
  return unmet('minimum-monitoring', `Discharge is possible from ${format(from)}, in ${plural(minutesUntil(now, from), 'minute')} (at least ${min} minutes of monitoring after the dose).`);
}

/** A high BP finding accepted because the value is back within the tolerance of the pre-dose baseline. */
function nearBaseline(p: DosingContext, f: DischargeFacts, x: VitalFinding): boolean {
  const tolerance = p.dosing.discharge.baselineToleranceMmHg;
  if (tolerance === null || x.side !== 'high' || (x.vital !== 'systolic' && x.vital !== 'diastolic')) return false;
  const base = f.baseline?.[x.vital];
  return base !== undefined && x.value <= base + tolerance;
}

function vitalsCondition(p: DosingContext, f: DischargeFacts, now: number): DischargeCondition {
  const d = p.dosing.discharge;
  const v = f.vitals;
  if (!v || v.at < f.dosedAt) return unmet('vitals', 'Record vital signs after the dose, before discharge.');
  if (v.at > now) return unmet('vitals', 'The latest vital signs are dated after now: check the recorded time.');
  if (now - v.at > d.observationMaxAgeMinutes * MINUTE_MS) {
    return unmet('vitals', `The latest vital signs are ${minutesSince(v.at, now)} minutes old; discharge needs a reading from the last ${d.observationMaxAgeMinutes} minutes.`);
  }
  const absent = missingVitals(v.reading, DISCHARGE_REQUIRED_VITALS);
  if (absent.length > 0) return unmet('vitals', `Record ${absent.map((k) => VITAL_LABELS[k].label).join(', ')} before discharge.`);
  const c = classifyVitals(d.vitals, v.reading, { warn: 'warning', act: 'discharge' });
  const acts = c.findings.filter((x) => x.level === 'act');
  const accepted = acts.filter((x) => nearBaseline(p, f, x));
  const blocking = acts.filter((x) => !accepted.includes(x));
  const warnings = [
    ...c.findings.filter((x) => x.level === 'warn').map((x) => x.message),
    ...accepted.map((x) => `${x.message} Accepted: within ${d.baselineToleranceMmHg} mmHg of the pre-dose value (${f.baseline?.[x.vital]} mmHg).`),
  ];
  if (blocking.length > 0) return unmet('vitals', `Not yet: ${blocking.map((x) => x.message).join(' ')} Re-measure later.`);
  return met('vitals', 'Vital signs allow discharge.', warnings);
}

function scaleCondition(id: 'sedation' | 'dissociation', scale: ObservationScale, obs: { level: number; at: number } | null, p: DosingContext, f: DischargeFacts, now: number): DischargeCondition {
  const name = id === 'sedation' ? 'Sedation' : 'Dissociation';
  const maxAge = p.dosing.discharge.observationMaxAgeMinutes;
  const resolved = scale.resolvedAtOrBelow;
  const target = `level ${resolved} or below (${scale.levels[resolved]})`;
  if (!obs || obs.at < f.dosedAt) return unmet(id, `Rate ${name.toLowerCase()} after the dose: discharge needs ${target}.`);
  if (obs.at > now) return unmet(id, `The ${name.toLowerCase()} rating is dated after now: check the recorded time.`);
  if (now - obs.at > maxAge * MINUTE_MS) return unmet(id, `The ${name.toLowerCase()} rating is ${minutesSince(obs.at, now)} minutes old; rate it again (within ${maxAge} minutes of discharge).`);
  if (!Number.isInteger(obs.level) || obs.level < 0 || obs.level >= scale.levels.length) {
    return unmet(id, `${name} level ${obs.level} is not on the clinic's scale (0–${scale.levels.length - 1}): rate it again.`);
  }
  if (obs.level > resolved) return unmet(id, `${name} is at level ${obs.level} (${scale.levels[obs.level]}); discharge needs ${target}.`);
  return met(id, `${name} resolved (${scale.levels[obs.level]}).`);
}

function suicideRiskCondition(p: DosingContext, f: DischargeFacts): DischargeCondition {
  if (!p.dosing.discharge.suicideRiskCheck) return met('suicide-risk-check', 'Not required by this protocol.');
  if (!f.suicideRiskCheck || f.suicideRiskCheck.at < f.dosedAt) return unmet('suicide-risk-check', 'Do and record a suicide-risk check after the dose, before discharge.');
  return met('suicide-risk-check', 'Suicide-risk check done after the dose.');
}

function rideCondition(p: DosingContext, f: DischargeFacts): DischargeCondition {
  if (!p.dosing.discharge.ridePresent) return met('ride', 'Not required by this protocol.');
  if (!f.ridePresent) return unmet('ride', 'The person taking the patient home must be present: the patient may not leave alone or drive.');
  return met('ride', 'The escort is present.');
}

function signerCondition(f: DischargeFacts): DischargeCondition {
  if (!f.signer) return unmet('signer', `A ${roleList(MEDICAL_ROLES)} must sign the discharge.`);
  if (!MEDICAL_ROLES.includes(f.signer.role)) return unmet('signer', `Discharge is signed by a ${roleList(MEDICAL_ROLES)}, not a ${f.signer.role}.`);
  return met('signer', `Signed by the ${f.signer.role}.`);
}

/**
 * Evaluates every discharge condition at `now`. `formatTime` turns the earliest discharge instant into words (the
 * core has no locale; the default is ISO 8601 UTC), e.g. "Discharge is possible from 11:40, in 17 minutes".
 */
export function evaluateDischarge(p: DosingContext, facts: DischargeFacts, now: number, formatTime: TimeFormatter = isoTime): DischargeEvaluation {
  const conditions = [
    monitoringCondition(p, facts, now, formatTime),
    vitalsCondition(p, facts, now),
    scaleCondition('sedation', p.dosing.sedationScale, facts.sedation, p, facts, now),
    scaleCondition('dissociation', p.dosing.dissociationScale, facts.dissociation, p, facts, now),
    suicideRiskCondition(p, facts),
    rideCondition(p, facts),
    signerCondition(facts),
  ];
  const possibleFrom = facts.dosedAt + minMonitoringMinutes(p) * MINUTE_MS;
  const unmetList = conditions.filter((c) => !c.met);
  return { canDischarge: unmetList.length === 0, conditions, unmet: unmetList, possibleFrom, minutesRemaining: minutesUntil(now, possibleFrom) };
}

/**
 * Vital signs: their codes, checking that a reading is plausible, and classifying it against a protocol's limits
 * (normal | warn | act). The same classifier serves pre-dose ("act" = hold the dose), monitoring and discharge; the
 * caller names the levels for its messages.
 */
import { fail, ok, type FieldProblem, type Result } from '../errors';
import type { VitalKey, VitalLimit, VitalLimits } from './dosing-protocol';
import { VITAL_KEYS } from './dosing-protocol';
import type { BeatsPerMinute, BreathsPerMinute, MmHg, Percent } from './units';

/**
 * LOINC codes (FHIR `observation-vitalsignresult` value set, clinical-facts.md §4.2 ✅) with UCUM units. SpO2: send
 * both 59408-5 (by pulse oximetry, fixed by US Core) and 2708-6 (the FHIR core code).
 */
export const VITAL_LOINC = {
  vitalSignsPanel: { code: '85353-1', display: 'Vital signs panel' },
  bloodPressurePanel: { code: '85354-9', display: 'Blood pressure panel with all children optional' },
  systolic: { code: '8480-6', display: 'Systolic blood pressure', ucum: 'mm[Hg]' },
  diastolic: { code: '8462-4', display: 'Diastolic blood pressure', ucum: 'mm[Hg]' },
  heartRate: { code: '8867-4', display: 'Heart rate', ucum: '/min' },
  respiratoryRate: { code: '9279-1', display: 'Respiratory rate', ucum: '/min' },
  spo2: { code: '59408-5', display: 'Oxygen saturation in Arterial blood by Pulse oximetry', ucum: '%' },
  spo2Arterial: { code: '2708-6', display: 'Oxygen saturation in Arterial blood', ucum: '%' },
  bodyWeight: { code: '29463-7', display: 'Body weight', ucum: 'kg' },
} as const;

/** One set of vital signs taken together. Any may be missing (SpO2 alone from the oximeter, BP alone at 40 min). */
export interface VitalsReading {
  systolic?: MmHg;
  diastolic?: MmHg;
  heartRate?: BeatsPerMinute;
  spo2?: Percent;
  respiratoryRate?: BreathsPerMinute;
}

export type RawVitals = Partial<Record<VitalKey, number | null | undefined>>;

export const VITAL_LABELS: Record<VitalKey, { label: string; unit: string }> = {
  systolic: { label: 'Systolic BP', unit: 'mmHg' },
  diastolic: { label: 'Diastolic BP', unit: 'mmHg' },
  heartRate: { label: 'Heart rate', unit: '/min' },
  spo2: { label: 'SpO2', unit: '%' },
  respiratoryRate: { label: 'Respiratory rate', unit: '/min' },
};

/**
 * What a measurement can plausibly be in a conscious adult sitting in a chair; outside it is a typing or device
 * error (e.g. 1200 for 120), not a clinical finding. Inclusive.
 */
export const PLAUSIBLE: Record<VitalKey, { min: number; max: number }> = {
  systolic: { min: 50, max: 300 },
  diastolic: { min: 20, max: 200 },
  heartRate: { min: 20, max: 250 },
  spo2: { min: 50, max: 100 },
  respiratoryRate: { min: 2, max: 70 },
};

const describe = (key: VitalKey, value: number) => `${VITAL_LABELS[key].label} ${value} ${VITAL_LABELS[key].unit}`;

/** Checks a reading as entered: every value plausible, diastolic below systolic, at least one value. All problems at once. */
export function validateVitals(raw: RawVitals): Result<VitalsReading> {
  const problems: FieldProblem[] = [];
  const reading: Record<string, number> = {};
  for (const key of VITAL_KEYS) {
    const value = raw[key];
    if (value === undefined || value === null) continue;
    const { min, max } = PLAUSIBLE[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) problems.push({ path: key, message: 'must be a number' });
    else if (value < min || value > max) problems.push({ path: key, message: `must be between ${min} and ${max} ${VITAL_LABELS[key].unit}` });
    else reading[key] = value;
  }
  if (reading.systolic !== undefined && reading.diastolic !== undefined && reading.diastolic >= reading.systolic) {
    problems.push({ path: 'diastolic', message: 'must be below the systolic pressure' });
  }
  if ((reading.systolic === undefined) !== (reading.diastolic === undefined) && problems.length === 0) {
    const missing = reading.systolic === undefined ? 'systolic' : 'diastolic';
    problems.push({ path: missing, message: 'blood pressure needs both systolic and diastolic' });
  }
  if (problems.length === 0 && Object.keys(reading).length === 0) {
    return fail('VALIDATION_FAILED', 'Enter at least one vital sign.', { fields: [{ path: 'systolic', message: 'no vital sign entered' }] });
  }
  if (problems.length > 0) {
    const list = problems.map((p) => `${p.path} ${p.message}`).join('; ');
    return fail('VALIDATION_FAILED', `Check the vital signs: ${list}.`, { fields: problems });
  }
  return ok(reading as VitalsReading);
}

/** The vitals of `required` missing from a reading. */
export function missingVitals(reading: VitalsReading, required: readonly VitalKey[]): VitalKey[] {
  return required.filter((k) => reading[k] === undefined);
}

export type VitalLevel = 'normal' | 'warn' | 'act';
const RANK: Record<VitalLevel, number> = { normal: 0, warn: 1, act: 2 };

export interface VitalFinding {
  vital: VitalKey;
  value: number;
  level: VitalLevel;
  /** The threshold crossed, and on which side (`null` when normal). */
  threshold: number | null;
  side: 'high' | 'low' | null;
  message: string;
}

export interface VitalsClassification {
  /** The worst level of the reading. */
  level: VitalLevel;
  /** One per vital present in the reading. */
  findings: VitalFinding[];
}

/** How messages name the levels: "warning"/"action" in monitoring, "warning"/"hold" before the dose. */
export interface LevelNames {
  warn: string;
  act: string;
}
const DEFAULT_NAMES: LevelNames = { warn: 'warning', act: 'action' };

function classifyOne(key: VitalKey, value: number, limit: VitalLimit, names: LevelNames): VitalFinding {
  const unit = VITAL_LABELS[key].unit;
  const found = (level: VitalLevel, side: 'high' | 'low', threshold: number): VitalFinding => ({
    vital: key,
    value,
    level,
    side,
    threshold,
    message: `${describe(key, value)} is ${side === 'high' ? 'at or above' : 'below'} the ${names[level as 'warn' | 'act']} level of ${threshold} ${unit}.`,
  });
  if (limit.actAtOrAbove !== null && value >= limit.actAtOrAbove) return found('act', 'high', limit.actAtOrAbove);
  if (limit.actBelow !== null && value < limit.actBelow) return found('act', 'low', limit.actBelow);
  if (limit.warnAtOrAbove !== null && value >= limit.warnAtOrAbove) return found('warn', 'high', limit.warnAtOrAbove);
  if (limit.warnBelow !== null && value < limit.warnBelow) return found('warn', 'low', limit.warnBelow);
  return { vital: key, value, level: 'normal', side: null, threshold: null, message: `${describe(key, value)} is within limits.` };
}

/**
 * Classifies each vital present: "act" when at or above the high act level or below the low act level, else "warn"
 * likewise, else "normal". High levels are inclusive (140 warns at "≥140"), low levels strict (SpO2 93 is below 94).
 */
export function classifyVitals(limits: VitalLimits, reading: VitalsReading, names: LevelNames = DEFAULT_NAMES): VitalsClassification {
  const findings: VitalFinding[] = [];
  for (const key of VITAL_KEYS) {
    const value = reading[key];
    if (value !== undefined) findings.push(classifyOne(key, value, limits[key], names));
  }
  const level = findings.reduce<VitalLevel>((worst, f) => (RANK[f.level] > RANK[worst] ? f.level : worst), 'normal');
  return { level, findings };
}

/** The findings at a level (e.g. everything that holds the dose). */
export function findingsAt(c: VitalsClassification, level: VitalLevel): VitalFinding[] {
  return c.findings.filter((f) => f.level === level);
}

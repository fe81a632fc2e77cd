/** Shared fixtures for the dosing unit tests (test-only; pure). */
import { unwrapOrThrow } from '../result-helpers';
import { ProtocolDefinition } from '../scheduling/protocol';
import type { ChecklistFacts } from './checklist';
import { DAY_MS, MINUTE_MS, type StaffRef } from './common';
import type { DosingProtocolInput } from './dosing-protocol';
import { units } from './units';
import { validateVitals, type RawVitals, type VitalsReading } from './vitals';

/** Monday 2 March 2026, 09:00 UTC. */
export const T0 = Date.UTC(2026, 2, 2, 9, 0);
export const min = (n: number) => n * MINUTE_MS;
export const days = (n: number) => n * DAY_MS;

export const prescriber: StaffRef = { staffId: 'pres-1', role: 'prescriber' };
export const prescriber2: StaffRef = { staffId: 'pres-2', role: 'prescriber' };
export const nurse: StaffRef = { staffId: 'nurse-1', role: 'nurse' };
export const therapist: StaffRef = { staffId: 'ther-1', role: 'therapist' };
export const admin: StaffRef = { staffId: 'admin-1', role: 'admin' };

export function protocol(dosing: DosingProtocolInput = {}, extra: Record<string, unknown> = {}) {
  return ProtocolDefinition.parse({ name: 'Test protocol', routes: ['sublingual', 'intranasal', 'intramuscular', 'intravenous'], dosing, ...extra });
}

export function vitals(overrides: RawVitals = {}): VitalsReading {
  return unwrapOrThrow(validateVitals({ systolic: 120, diastolic: 80, heartRate: 70, spo2: 98, respiratoryRate: 14, ...overrides }));
}

/** Facts under which every item passes at `now`. */
export function goodFacts(now: number, overrides: Partial<ChecklistFacts> = {}): ChecklistFacts {
  return {
    eligibility: { decision: 'eligible', decidedAt: now - days(10), contraindicationSince: false },
    consent: { documentVersion: 'v3', signedAt: now - days(10) },
    currentConsentVersion: 'v3',
    predoseVitals: { reading: vitals(), at: now - min(10) },
    weight: { kg: units.kg(70), at: now - days(5) },
    fasting: { kind: 'times', lastFoodAt: now - min(180), lastLiquidAt: now - min(60) },
    ride: { name: 'Sam Rivera', phone: '+1 555 0100' },
    noDrivingAcknowledged: true,
    pregnancyTest: 'negative',
    intention: 'Meet the grief with curiosity',
    adverseEventsReview: 'reviewed',
    educationRead: true,
    overrides: [],
    ...overrides,
  };
}

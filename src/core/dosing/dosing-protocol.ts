/**
 * The dosing part of a protocol (issue #5): what the pre-dose checklist requires, the vital-sign limits before and
 * during the session, the checkpoint times, the dose limits per route, and the discharge criteria. It is stored
 * inside ProtocolDefinition under `dosing` (versioned with it); protocols saved before it existed parse with these
 * defaults.
 *
 * Every default cites clinical-facts.md (§ numbers below). Where the facts mark a value ❌ "not confirmed", the default
 * is the conservative choice and is labelled CLINIC POLICY: the clinic's medical director must review it. Thresholds
 * take `null` to switch a check off explicitly; leaving a key out keeps the default, so a partial edit never silently
 * drops a hold level.
 */
import { z } from 'zod';
import type { Route } from '../scheduling/protocol';

/**
 * The routes (the same list as ROUTES in scheduling/protocol.ts, repeated here because that module imports this one;
 * the compile-time check below and a test keep them equal).
 */
export const DOSE_ROUTES = ['sublingual', 'intranasal', 'intramuscular', 'intravenous'] as const satisfies readonly Route[];
export type DoseRoute = (typeof DOSE_ROUTES)[number];
const everyRouteCovered: Exclude<Route, DoseRoute> extends never ? true : false = true;
void everyRouteCovered;

const mmHgOrRate = z.number().min(0).max(350);

/** Levels for one vital sign. High side: a reading at or above the value; low side: a reading below the value. */
function vitalLimit(d: { warnAtOrAbove?: number; actAtOrAbove?: number; warnBelow?: number; actBelow?: number }) {
  return z
    .object({
      warnAtOrAbove: mmHgOrRate.nullable().default(d.warnAtOrAbove ?? null),
      actAtOrAbove: mmHgOrRate.nullable().default(d.actAtOrAbove ?? null),
      warnBelow: mmHgOrRate.nullable().default(d.warnBelow ?? null),
      actBelow: mmHgOrRate.nullable().default(d.actBelow ?? null),
    })
    .superRefine((l, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      if (l.warnAtOrAbove !== null && l.actAtOrAbove !== null && l.warnAtOrAbove > l.actAtOrAbove) issue('warnAtOrAbove', 'must not exceed actAtOrAbove');
      if (l.warnBelow !== null && l.actBelow !== null && l.warnBelow < l.actBelow) issue('warnBelow', 'must not be below actBelow');
      const lowest = Math.max(l.warnBelow ?? -Infinity, l.actBelow ?? -Infinity);
      const highest = Math.min(l.warnAtOrAbove ?? Infinity, l.actAtOrAbove ?? Infinity);
      if (lowest > highest) issue('warnBelow', 'the low levels must lie below the high levels');
    })
    .prefault({});
}
export type VitalLimit = z.infer<ReturnType<typeof vitalLimit>>;

export const VITAL_KEYS = ['systolic', 'diastolic', 'heartRate', 'spo2', 'respiratoryRate'] as const;
export type VitalKey = (typeof VITAL_KEYS)[number];
type LimitDefaults = Partial<Record<VitalKey, Parameters<typeof vitalLimit>[0]>>;

function vitalLimits(d: LimitDefaults) {
  return z.object({
    systolic: vitalLimit(d.systolic ?? {}),
    diastolic: vitalLimit(d.diastolic ?? {}),
    heartRate: vitalLimit(d.heartRate ?? {}),
    spo2: vitalLimit(d.spo2 ?? {}),
    respiratoryRate: vitalLimit(d.respiratoryRate ?? {}),
  });
}
export type VitalLimits = Record<VitalKey, VitalLimit>;

/** Dose limits for a route; `null` = no limit of that kind. All four null = no limit configured: orders are blocked. */
function routeLimit(d: { minMg?: number; maxMg?: number; minMgPerKg?: number; maxMgPerKg?: number }) {
  return z.object({
    minMg: z.number().min(0).max(1000).nullable().default(d.minMg ?? null),
    maxMg: z.number().min(0).max(1000).nullable().default(d.maxMg ?? null),
    minMgPerKg: z.number().min(0).max(20).nullable().default(d.minMgPerKg ?? null),
    maxMgPerKg: z.number().min(0).max(20).nullable().default(d.maxMgPerKg ?? null),
  });
}
const checkRange = (min: number | null, max: number | null, path: string, ctx: z.RefinementCtx) => {
  if (min !== null && max !== null && min > max) ctx.addIssue({ code: 'custom', path: [path], message: 'must not exceed the maximum' });
};
const withRangeCheck = <T extends z.ZodType<{ minMg: number | null; maxMg: number | null; minMgPerKg: number | null; maxMgPerKg: number | null }>>(s: T) =>
  s.superRefine((l, ctx) => {
    checkRange(l.minMg, l.maxMg, 'minMg', ctx);
    checkRange(l.minMgPerKg, l.maxMgPerKg, 'minMgPerKg', ctx);
  });

export type RouteLimit = { minMg: number | null; maxMg: number | null; minMgPerKg: number | null; maxMgPerKg: number | null };

/** A clinic-defined observation scale (levels 0..n, labels written by the clinic) and the level counted as resolved. */
function observationScale(levels: string[]) {
  return z
    .object({
      levels: z.array(z.string().trim().min(1).max(120)).min(2).max(11).default(() => [...levels]),
      /** A value at or below this level counts as resolved. */
      resolvedAtOrBelow: z.number().int().min(0).default(0),
    })
    .superRefine((s, ctx) => {
      if (s.resolvedAtOrBelow > s.levels.length - 1) ctx.addIssue({ code: 'custom', path: ['resolvedAtOrBelow'], message: `must be a level of the scale (0–${s.levels.length - 1})` });
    })
    .prefault({});
}
export type ObservationScale = { levels: string[]; resolvedAtOrBelow: number };

export const DosingProtocol = z.object({
  /** An eligibility decision is current for this many days. CLINIC POLICY (kap-brief.md: "current eligibility"; no source gives a period). */
  eligibilityMaxAgeDays: z.number().int().min(1).max(730).default(90),
  /** Body weight for mg/kg dosing (clinical-facts.md §3 step 4) must be this recent. CLINIC POLICY (no source gives a period). */
  weightMaxAgeDays: z.number().int().min(1).max(365).default(30),
  /** Which pre-dose items are required (kap-brief.md "No dose without …"). Fasting times are the protocol's top-level `fasting`. */
  checklist: z
    .object({
      eligibilityCurrent: z.boolean().default(true),
      consentSigned: z.boolean().default(true),
      vitalsWithinLimits: z.boolean().default(true),
      weightCurrent: z.boolean().default(true),
      fasting: z.boolean().default(true),
      rideHome: z.boolean().default(true),
      noDrivingAcknowledged: z.boolean().default(true),
      /** Off by default: a clinic decides when to test (pregnancy is a Spravato label warning, §3). */
      pregnancyTest: z.boolean().default(false),
      intentionRecorded: z.boolean().default(true),
      adverseEventsReviewed: z.boolean().default(true),
      /** Off by default until the education modules exist (issue #6). */
      educationRead: z.boolean().default(false),
    })
    .prefault({}),
  /**
   * Pre-dose vitals ("act" = hold the dose). 140/90 warns: Spravato's "consider risk vs benefit" marker (§2.3, §2.4 ✅🟡).
   * 160/100 holds: CLINIC POLICY; "hold if >160/100" is not a standard (§2.4 ❌, §6 item 2). SpO2 below 94 holds and
   * below 95 warns, heart rate warns ≥100 or <50 and holds ≥120 or <45: CLINIC POLICY, conservative (no source).
   */
  predoseVitals: vitalLimits({
    systolic: { warnAtOrAbove: 140, actAtOrAbove: 160 },
    diastolic: { warnAtOrAbove: 90, actAtOrAbove: 100 },
    heartRate: { warnAtOrAbove: 100, actAtOrAbove: 120, warnBelow: 50, actBelow: 45 },
    spo2: { warnBelow: 95, actBelow: 94 },
  })
    .extend({
      /** The pre-dose reading must be taken this close to the check ("before dosing", §2.3). CLINIC POLICY. */
      maxAgeMinutes: z.number().int().min(5).max(240).default(60),
    })
    .prefault({}),
  /**
   * During monitoring. All CLINIC POLICY: no source gives stop thresholds (§2.4 ❌, §6 item 1). BP is expected to rise
   * (+16/+11 mmHg at 40 min on average, Yale 2024, §2.4 ✅), and asymptomatic rises are urgency, not emergency (Yip 2022
   * ✅), so BP warns at 160/100 and calls for action at 180/110; SpO2 warns below 94 and acts below 90 (pulse oximetry
   * is required, §2.3 ✅); heart rate and respiratory rate bounds are conventional adult ranges.
   */
  monitoringThresholds: vitalLimits({
    systolic: { warnAtOrAbove: 160, actAtOrAbove: 180, warnBelow: 100, actBelow: 90 },
    diastolic: { warnAtOrAbove: 100, actAtOrAbove: 110 },
    heartRate: { warnAtOrAbove: 110, actAtOrAbove: 130, warnBelow: 50, actBelow: 40 },
    spo2: { warnBelow: 94, actBelow: 90 },
    respiratoryRate: { warnAtOrAbove: 24, actAtOrAbove: 30, warnBelow: 10, actBelow: 8 },
  }).prefault({}),
  /**
   * When vitals are due, in minutes after the dose: before it (0), every 15 min in the first hour (IV studies and the
   * 0/15/30/45/60/90 time points, §2.5 ✅), at 40 min (Spravato BP timing ≈ the BP peak, §2.3 ✅), then every 30 min
   * until discharge, and a reading before discharge (§2.5 ✅). CLINIC POLICY for the 30-min cadence and the grace period.
   */
  checkpoints: z
    .object({
      atMinutes: z.array(z.number().int().min(0).max(360)).min(1).max(48).default(() => [0, 15, 30, 40, 45, 60]),
      /** After the last of `atMinutes`, one every this many minutes until discharge; null = none. */
      thenEveryMinutes: z.number().int().min(5).max(120).nullable().default(30),
      beforeDischarge: z.boolean().default(true),
      overdueGraceMinutes: z.number().int().min(0).max(30).default(5),
    })
    .superRefine((c, ctx) => {
      if (c.atMinutes.some((m, i) => i > 0 && m <= c.atMinutes[i - 1]!)) ctx.addIssue({ code: 'custom', path: ['atMinutes'], message: 'must be increasing, without repeats' });
    })
    .prefault({}),
  /**
   * Dose limits per route, inclusive. IV 0.1–0.75 mg/kg (Andrade 2017 ✅, §2.1); sublingual 25–300 mg (the oral fixed-dose
   * range, Andrade 2019 ✅; sublingual evidence is close to oral: bioavailability ~30% vs 20–25%). Intramuscular and
   * intranasal racemic ranges are not confirmed (§2.1 ❌, §6 item 5): no default, so orders on those routes are blocked
   * until the clinic sets limits or a prescriber overrides with a reason.
   */
  doseLimits: z
    .object({
      sublingual: withRangeCheck(routeLimit({ minMg: 25, maxMg: 300 })).prefault({}),
      intranasal: withRangeCheck(routeLimit({})).prefault({}),
      intramuscular: withRangeCheck(routeLimit({})).prefault({}),
      intravenous: withRangeCheck(
        routeLimit({ minMgPerKg: 0.1, maxMgPerKg: 0.75 }).extend({
          /** IV orders must state the infusion duration; the order form starts at 0.5 mg/kg "over 40 min" (§2.1 ✅). */
          defaultInfusionMinutes: z.number().int().min(1).max(240).default(40),
        }),
      ).prefault({}),
    })
    .prefault({}),
  /**
   * Discharge (§2.6): not before the minimum monitoring time (left out = the protocol's durations.monitoringMinutes,
   * default 120, the Spravato ≥2 h, §2.3 ✅); recent vitals within the discharge limits, or back within
   * `baselineToleranceMmHg` of the pre-dose BP ("vitals back near baseline", §2.6); sedation and dissociation resolved
   * (REMS, §2.3 ✅); a suicide-risk check after the dose (§2.6 🟡); the escort present (label ✅). Limits and the
   * observation age are CLINIC POLICY: BP, heart rate and SpO2 limits equal the pre-dose hold levels (a patient leaves
   * no worse than one allowed a dose); low BP uses the monitoring action level, respiratory rate its warning levels.
   */
  discharge: z
    .object({
      minMonitoringMinutes: z.number().int().min(0).max(360).optional(),
      /** Vitals, sedation and dissociation used for discharge must be this recent. */
      observationMaxAgeMinutes: z.number().int().min(1).max(120).default(15),
      vitals: vitalLimits({
        systolic: { actAtOrAbove: 160, actBelow: 90 },
        diastolic: { actAtOrAbove: 100 },
        heartRate: { actAtOrAbove: 120, actBelow: 45 },
        spo2: { actBelow: 94 },
        respiratoryRate: { actAtOrAbove: 24, actBelow: 10 },
      }).prefault({}),
      baselineToleranceMmHg: z.number().int().min(0).max(40).nullable().default(10),
      suicideRiskCheck: z.boolean().default(true),
      ridePresent: z.boolean().default(true),
    })
    .prefault({}),
  /** Clinic-written scales (no licensed wording; the CADSS is not used, §4.1 ❌, §6 item 9). Resolved = level 0: conservative. */
  sedationScale: observationScale(['0 none: awake, talks normally', '1 mild: drowsy, wakes to voice', '2 moderate: drifts off, wakes to touch', '3 marked: hard to wake', '4 severe: does not wake']),
  dissociationScale: observationScale(['0 none: fully oriented', '1 mild: some altered perception, fully reachable', '2 moderate: altered perception, answers slowly', '3 marked: hard to reach, brief answers', '4 severe: cannot be reached']),
});

export type DosingProtocol = z.infer<typeof DosingProtocol>;
export type DosingProtocolInput = z.input<typeof DosingProtocol>;

/**
 * What the dosing functions read from a protocol: its `dosing` part plus the fasting times and the monitoring
 * duration from the course protocol. A parsed ProtocolDefinition is one.
 */
export interface DosingContext {
  dosing: DosingProtocol;
  fasting: { foodHours: number; liquidsMinutes: number };
  durations: { monitoringMinutes: number };
  /** The routes the protocol allows; when given, an order on another route needs an override. */
  routes?: readonly DoseRoute[];
}

/** The minimum monitoring time before discharge: the dosing setting, or the protocol's monitoring duration. */
export function minMonitoringMinutes(p: DosingContext): number {
  return p.dosing.discharge.minMonitoringMinutes ?? p.durations.monitoringMinutes;
}

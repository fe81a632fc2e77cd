/**
 * A protocol template (issue #4 §1): how a course is made up and what each appointment needs. Versioned: a course
 * keeps the version it started with. Defaults come from the issue and the KAP literature (clinical-facts.md §2.2,
 * §2.7); every value is a clinic setting.
 */
import { z } from 'zod';
import { DosingProtocol } from '../dosing/dosing-protocol';

export const ROUTES = ['sublingual', 'intranasal', 'intramuscular', 'intravenous'] as const;
export type Route = (typeof ROUTES)[number];

export const APPOINTMENT_KINDS = ['preparation', 'dosing', 'integration'] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];

const RoomNeed = z.object({
  kinds: z.array(z.enum(['dosing', 'consult', 'group'])).min(1),
  equipment: z.array(z.string()).default([]),
});

export const ProtocolDefinition = z
  .object({
    name: z.string().trim().min(1).max(200),
    prepSessions: z.number().int().min(0).max(5).default(2),
    dosingSessions: z.number().int().min(1).max(12).default(6),
    routes: z.array(z.enum(ROUTES)).min(1),
    durations: z
      .object({
        preparationMinutes: z.number().int().min(15).max(240).default(60),
        dosingMinutes: z.number().int().min(30).max(360).default(150),
        /** Minimum monitoring after the dose: the dosing appointment must be at least this long. */
        monitoringMinutes: z.number().int().min(0).max(360).default(120),
        integrationMinutes: z.number().int().min(15).max(240).default(60),
      })
      .prefault({}),
    doseSpacingDays: z.object({ min: z.number().int().min(1).max(60).default(2), max: z.number().int().min(1).max(90).default(14) }).prefault({}),
    /** Integration starts this long after its dose starts (the article: within 24–48 hours). */
    integrationWindowHours: z.object({ min: z.number().int().min(0).max(24 * 14).default(24), max: z.number().int().min(1).max(24 * 14).default(48) }).prefault({}),
    /** Preparation sessions on separate days, and the first dose at least this many days after the last one. */
    prepToFirstDoseDays: z.number().int().min(0).max(60).default(1),
    /** Fasting before a dosing session (defaults from the esketamine label via secondary sources; a clinic setting). */
    fasting: z.object({ foodHours: z.number().min(0).max(12).default(2), liquidsMinutes: z.number().int().min(0).max(240).default(30) }).prefault({}),
    presence: z
      .object({
        /** A prescriber must be working (on site) during every dosing session. */
        prescriberOnSite: z.boolean().default(true),
        /** Routes that need a nurse booked for the whole dosing session. */
        nurseForRoutes: z.array(z.enum(ROUTES)).default(['intramuscular', 'intravenous']),
      })
      .prefault({}),
    rooms: z
      .object({
        preparation: RoomNeed.default({ kinds: ['consult', 'dosing'], equipment: [] }),
        dosing: RoomNeed.default({ kinds: ['dosing'], equipment: ['recliner'] }),
        integration: RoomNeed.default({ kinds: ['consult', 'dosing'], equipment: [] }),
      })
      .prefault({}),
    /** The dosing session (issue #5): checklist, vital limits, checkpoints, dose limits, discharge. Defaults: dosing-protocol.ts. */
    dosing: DosingProtocol.prefault({}),
  })
  .superRefine((p, ctx) => {
    if (p.doseSpacingDays.min > p.doseSpacingDays.max) ctx.addIssue({ code: 'custom', path: ['doseSpacingDays', 'min'], message: 'must not exceed max' });
    if (p.integrationWindowHours.min >= p.integrationWindowHours.max) ctx.addIssue({ code: 'custom', path: ['integrationWindowHours', 'min'], message: 'must be below max' });
    if (p.durations.monitoringMinutes > p.durations.dosingMinutes) ctx.addIssue({ code: 'custom', path: ['durations', 'monitoringMinutes'], message: 'cannot exceed the dosing session' });
  });

export type ProtocolDefinition = z.infer<typeof ProtocolDefinition>;
export type ProtocolInput = z.input<typeof ProtocolDefinition>;

export function needsNurse(p: ProtocolDefinition, route: Route): boolean {
  return p.presence.nurseForRoutes.includes(route);
}

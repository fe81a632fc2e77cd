import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { can } from '../../../core/authorization';
import { findClinic, updateClinic, type ClinicRow } from '../../../db/repos/clinics';
import { settingsOf } from '../../../db/schema';
import type { AppDeps } from '../../deps';
import { audit, ctxOf } from '../../context';
import { httpError, notFound } from '../../http-errors';
import { Address, ErrorBody, IsoDate, Phone } from '../../schemas';
import { isValidTimeZone } from '../../time-zones';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a local time HH:MM');
/** ISO weekday ("1" = Monday … "7" = Sunday) → [open, close] pairs, each opening before it closes. */
const OpeningHours = z.partialRecord(
  z.enum(['1', '2', '3', '4', '5', '6', '7'], { message: 'an ISO weekday, "1" (Monday) to "7" (Sunday)' }),
  z.array(z.tuple([HHMM, HHMM]).refine(([a, b]) => a < b, 'opens before it closes')).max(4),
);

const Clinic = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  timeZone: z.string(),
  address: Address,
  phone: z.string(),
  email: z.string(),
  website: z.string().nullable(),
  settings: z.object({
    requireAdminTotp: z.boolean(),
    showPatientNamesInFeeds: z.boolean(),
    crisisResources: z.string(),
    safetyEscalationHours: z.number(),
    pcl5PositiveThreshold: z.number(),
    openingHours: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))),
    closedDates: z.array(z.string()),
    reminderHoursBefore: z.array(z.number()),
    integrationReminderHours: z.number(),
  }),
});

const ClinicPatch = z.object({
  name: z.string().trim().min(1).max(200).optional(),
  timeZone: z.string().refine(isValidTimeZone, 'must be an IANA time zone such as America/Los_Angeles').optional(),
  address: Address.optional(),
  phone: Phone.optional(),
  email: z.email().optional(),
  // Shown as a link (the public clinic page): only web addresses, never javascript: or data: URLs.
  website: z.url({ protocol: /^https?$/, message: 'must be an http:// or https:// address' }).nullish(),
  settings: z
    .object({
      requireAdminTotp: z.boolean().optional(),
      showPatientNamesInFeeds: z.boolean().optional(),
      crisisResources: z.string().trim().min(20, 'must say where to get help (at least 20 characters)').max(2000).optional(),
      safetyEscalationHours: z.number().int().min(1).max(72).optional(),
      pcl5PositiveThreshold: z.number().int().min(20).max(60).optional(),
      openingHours: OpeningHours.optional(),
      closedDates: z.array(IsoDate).max(366).optional(),
      reminderHoursBefore: z.array(z.number().int().min(1).max(24 * 14)).max(5).optional(),
      integrationReminderHours: z.number().int().min(1).max(72).optional(),
    })
    .optional(),
});

const toClinic = (c: ClinicRow) => ({
  id: c.id, name: c.name, slug: c.slug, timeZone: c.timeZone, address: c.address, phone: c.phone, email: c.email, website: c.website, settings: settingsOf(c),
});

export async function clinicRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['clinic'];

  r.get('/api/clinic', { schema: { tags, summary: 'The caller’s clinic', response: { 200: Clinic, 404: ErrorBody } } }, async (request) => {
    const ctx = ctxOf(deps, request);
    const clinic = await findClinic(deps.database.db, ctx.actor.clinicId);
    if (!clinic) throw notFound('clinic');
    return toClinic(clinic);
  });

  r.patch('/api/clinic', { schema: { tags, summary: 'Change the clinic’s details and settings (admin)', body: ClinicPatch, response: { 200: Clinic, 400: ErrorBody, 403: ErrorBody } } }, async (request) => {
    const ctx = ctxOf(deps, request);
    if (!can(ctx.actor, 'clinic:manage', { type: 'clinic', clinicId: ctx.actor.clinicId })) throw httpError('FORBIDDEN', 'Only clinic administrators change clinic settings.');
    const { db } = deps.database;
    const current = await findClinic(db, ctx.actor.clinicId);
    if (!current) throw notFound('clinic');
    const { settings, ...rest } = request.body;
    const row = await db.transaction(async (tx) => {
      const updated = await updateClinic(tx, ctx.actor.clinicId, { ...rest, ...(settings ? { settings: { ...settingsOf(current), ...settings } } : {}) });
      await audit(ctx, { action: 'clinic.update', resourceType: 'clinic', resourceId: ctx.actor.clinicId, detail: { fields: Object.keys(request.body).sort() } }, tx);
      return updated!;
    });
    return toClinic(row);
  });
}

/** Before the dose: check-in, the checklist (records and prescriber overrides), passing the checks, the dose order. */
import { z } from 'zod';
import {
  checklistItem, evaluateChecklist, evaluateDoseOrder, kilograms, milligrams, minutes, overrideItem, ROUTE_SNOMED, type DoseRoute,
} from '../../../core/dosing';
import { fail, ok, type Result } from '../../../core/errors';
import { newId } from '../../../db/ids';
import { insertChecklistEntry, insertConsent, insertOrder } from '../../../db/repos/dosing';
import { logEvent, runCommand, transition, type CommandEnv, type Done } from './command';
import { checklistFacts, latestWeight, overridesOf } from './load';

const BEFORE_DOSE = new Set(['scheduled', 'checked-in', 'checks-passed']);

export function checkIn(env: CommandEnv, appointmentId: string) {
  return runCommand(env, appointmentId, 'patient:run-dosing-session', 'dosing-session.check-in', async (s) => {
    const r = await transition(s, { type: 'check-in', by: s.me, at: s.now });
    return r.ok ? ok({ value: { state: r.value.status } }) : r;
  });
}

/** What a nurse, therapist or prescriber records for each item; the other items come from the record itself. */
export const RECORDABLE_ITEMS = {
  fasting: z.union([
    z.object({ confirmed: z.literal(true) }),
    z.object({ lastFoodAt: z.iso.datetime({ offset: true }), lastLiquidAt: z.iso.datetime({ offset: true }) }),
  ]),
  rideHome: z.object({ name: z.string().trim().min(1).max(200), phone: z.string().trim().min(5).max(40) }),
  noDrivingAcknowledged: z.object({ acknowledged: z.literal(true) }),
  pregnancyTest: z.object({ result: z.enum(['negative', 'positive', 'not-applicable']) }),
  intentionRecorded: z.object({ text: z.string().trim().min(1).max(4000) }),
  adverseEventsReviewed: z.object({ reviewed: z.literal(true), note: z.string().trim().max(2000).optional() }),
  educationRead: z.object({ read: z.literal(true) }),
  /** The signed consent (for the appointment's course, or for dosing outside a course), kept as a consent record. */
  consentSigned: z.object({ documentVersion: z.string().trim().min(1).max(100), signedAt: z.iso.datetime({ offset: true }) }),
} as const;
export type RecordableItem = keyof typeof RECORDABLE_ITEMS;

const FROM_RECORD: Record<string, string> = {
  eligibilityCurrent: 'comes from the latest eligibility decision (a prescriber decides it on the patient record)',
  weightCurrent: 'comes from the patient’s weight history (record a weight on the patient record)',
  vitalsWithinLimits: 'comes from the pre-dose vital signs (record them in the session)',
};

export function recordChecklistItem(env: CommandEnv, appointmentId: string, itemId: string, value: unknown) {
  return runCommand(env, appointmentId, 'patient:run-dosing-session', 'dosing-session.checklist-record', async (s): Promise<Result<Done<{ itemId: string }>>> => {
    if (FROM_RECORD[itemId]) return fail('VALIDATION_FAILED', `"${checklistItem(itemId)!.label}" ${FROM_RECORD[itemId]}.`, { fields: [{ path: 'itemId', message: 'not recorded here' }] });
    const schema = RECORDABLE_ITEMS[itemId as RecordableItem];
    if (!schema) return fail('VALIDATION_FAILED', `There is no checklist item "${itemId}".`, { fields: [{ path: 'itemId', message: 'unknown item' }] });
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((i) => ({ path: ['value', ...i.path].join('.'), message: i.message }));
      return fail('VALIDATION_FAILED', `Check the value of "${checklistItem(itemId)!.label}": ${fields.map((f) => `${f.path} ${f.message}`).join('; ')}.`, { fields });
    }
    if (!BEFORE_DOSE.has(s.session.state) || s.session.state === 'checks-passed') {
      return fail('INVALID_TRANSITION', `The session is "${s.session.state}": checklist items are recorded before the checks pass.`);
    }
    if (itemId === 'consentSigned') {
      const { documentVersion, signedAt } = parsed.data as { documentVersion: string; signedAt: string };
      if (Date.parse(signedAt) > s.now + 60_000) return fail('VALIDATION_FAILED', 'The consent cannot be signed in the future.', { fields: [{ path: 'value.signedAt', message: 'cannot be in the future' }] });
      await insertConsent(s.tx, {
        clinicId: s.session.clinicId, id: newId(), patientId: s.l.appointment.patientId, courseId: s.l.appointment.courseId, documentVersion,
        signedAt: new Date(signedAt), recordedBy: s.me.staffId, createdAt: new Date(s.now),
      });
    }
    await insertChecklistEntry(s.tx, { clinicId: s.session.clinicId, id: newId(), appointmentId, itemId, kind: 'record', value: parsed.data, reason: null, by: s.me.staffId, at: new Date(s.now) });
    return ok({ value: { itemId }, detail: { itemId } });
  });
}

export function overrideChecklistItem(env: CommandEnv, appointmentId: string, itemId: string, reason: string) {
  return runCommand(env, appointmentId, 'patient:order-dose', 'dosing-session.checklist-override', async (s): Promise<Result<Done<{ itemId: string }>>> => {
    if (s.session.state !== 'checked-in' && s.session.state !== 'scheduled') {
      return fail('INVALID_TRANSITION', `The session is "${s.session.state}": overrides are made before the checks pass.`);
    }
    const r = overrideItem(overridesOf(s.l.bundle, s.l.staff), { itemId, by: s.me, reason, at: s.now });
    if (!r.ok) return r;
    await insertChecklistEntry(s.tx, { clinicId: s.session.clinicId, id: newId(), appointmentId, itemId, kind: 'override', value: null, reason: reason.trim(), by: s.me.staffId, at: new Date(s.now) });
    return ok({ value: { itemId }, detail: { itemId, override: true } });
  });
}

export function passChecks(env: CommandEnv, appointmentId: string) {
  return runCommand(env, appointmentId, 'patient:administer-dose', 'dosing-session.pass-checks', async (s) => {
    const evaluation = evaluateChecklist(s.l.protocol, await checklistFacts(s.tx, s.l), s.now);
    const labels = evaluation.blocking.map((id) => checklistItem(id)!.label);
    const items = Object.fromEntries(evaluation.items.map((i) => [i.id, i.status]));
    const r = await transition(s, { type: 'pass-checks', by: s.me, at: s.now, checklist: { canDose: evaluation.canDose, blocking: labels } }, { detail: { items } });
    if (!r.ok) return { ok: false, error: { ...r.error, details: { ...r.error.details, blocking: evaluation.blocking, items: evaluation.items.filter((i) => evaluation.blocking.includes(i.id)).map((i) => ({ id: i.id, label: i.label, message: i.message })) } } };
    return ok({ value: { state: r.value.status, warnings: evaluation.warnings }, detail: { items } });
  });
}

export const OrderBody = z.object({
  route: z.enum(['sublingual', 'intranasal', 'intramuscular', 'intravenous']),
  product: z.string().trim().min(1).max(200),
  doseMg: z.number().positive().max(1000),
  infusionMinutes: z.number().int().positive().max(480).optional(),
  overrideReason: z.string().trim().min(1).max(2000).optional(),
});

export function orderDose(env: CommandEnv, appointmentId: string, body: z.infer<typeof OrderBody>) {
  return runCommand(env, appointmentId, 'patient:order-dose', 'dosing-session.order', async (s) => {
    if (s.session.state !== 'checked-in' && s.session.state !== 'checks-passed') {
      return fail('INVALID_TRANSITION', `The session is "${s.session.state}": the dose is ordered after check-in and before it is given.`);
    }
    const dose = milligrams(body.doseMg, 'doseMg');
    if (!dose.ok) return dose;
    const infusion = body.infusionMinutes === undefined ? null : minutes(body.infusionMinutes, 'infusionMinutes');
    if (infusion && !infusion.ok) return infusion;
    const w = await latestWeight(s.tx, s.l);
    const kg = w ? kilograms(w.kg) : null;
    const override = body.overrideReason ? { by: s.me, reason: body.overrideReason } : null;
    const evaluation = evaluateDoseOrder(
      s.l.protocol,
      { route: body.route as DoseRoute, product: body.product, dose: dose.value, infusionMinutes: infusion?.ok ? infusion.value : null, orderedBy: s.me, override },
      w && kg?.ok ? { kg: kg.value, at: w.at } : null,
      s.now,
    );
    if (!evaluation.ok) return evaluation;
    const e = evaluation.value;
    if (e.blocked) {
      return fail('CONFLICT', `${e.message} A prescriber may still order it with a written reason (overrideReason).`, { details: { breaches: e.breaches.map((b) => b.message) } });
    }
    const id = newId();
    await insertOrder(s.tx, {
      clinicId: s.session.clinicId, id, appointmentId, route: body.route, routeCode: ROUTE_SNOMED[body.route].code, product: e.product, doseMg: String(body.doseMg),
      weightKg: w ? String(w.kg) : null, mgPerKg: e.mgPerKg === null ? null : String(e.mgPerKg), infusionMinutes: body.infusionMinutes ?? null,
      limitProblem: e.breaches.length ? e.breaches.map((b) => b.message).join(' ') : null, overrideReason: e.override?.reason ?? null,
      orderedBy: s.me.staffId, orderedAt: new Date(s.now),
    });
    await logEvent(s, 'order', { orderId: id, route: body.route, doseMg: body.doseMg, overridden: Boolean(e.override) });
    return ok({
      value: { orderId: id, mgPerKg: e.mgPerKg, rateMgPerHour: e.rate, weight: e.weight, breaches: e.breaches.map((b) => b.message), overridden: Boolean(e.override) },
      detail: { orderId: id, route: body.route, overridden: Boolean(e.override) },
    });
  });
}

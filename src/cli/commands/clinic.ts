/** create-clinic and create-staff: setting up a clinic and its first administrator from the command line. */
import { z } from 'zod';
import { STAFF_ROLES, type StaffRole } from '../../core/authorization';
import { appendAuditEvents } from '../../db/repos/audit';
import { findClinicBySlug } from '../../db/repos/clinics';
import { clinics } from '../../db/schema';
import { createClinic } from '../../server/features/clinic/create-clinic';
import { createStaffMember } from '../../server/features/staff/use-cases';
import { loadCommonPasswords } from '../../server/passwords';
import { Address, Email, Phone } from '../../server/schemas';
import { isValidTimeZone } from '../../server/time-zones';
import { cliAuditEvent, CliError, EXIT, UsageError, type Command, type ParsedArgs } from '../context';

/** Validates the options against `schema` (keyed by option name); every problem names its option. */
function validate<T extends z.ZodObject>(schema: T, args: ParsedArgs, required: string[]): z.infer<T> {
  const missing = required.filter((name) => args.values[name] === undefined);
  if (missing.length > 0) throw new UsageError(`Missing ${missing.map((m) => `--${m}`).join(', ')}.`);
  const parsed = schema.safeParse(args.values);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => {
      const name = String(i.path[0]);
      return `  --${name} ${JSON.stringify(args.values[name] ?? '')}: ${i.message}`;
    });
    throw new UsageError(`Invalid options:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

const ClinicOptions = z.object({
  name: text(200),
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2–63 lower-case letters, digits and dashes, such as riverside-kap'),
  'time-zone': z.string().refine(isValidTimeZone, 'must be an IANA time zone such as America/Los_Angeles'),
  'address-line1': text(200),
  'address-line2': Address.shape.line2,
  city: text(100),
  region: text(100),
  'postal-code': text(20),
  country: z.string().trim().regex(/^[A-Za-z]{2}$/, 'must be a two-letter ISO 3166-1 country code such as US').transform((c) => c.toUpperCase()),
  phone: Phone,
  email: Email,
  website: z.url({ message: 'must be an absolute URL such as https://clinic.example.org' }).optional(),
});

const CLINIC_REQUIRED = ['name', 'slug', 'time-zone', 'address-line1', 'city', 'region', 'postal-code', 'country', 'phone', 'email'];

export const createClinicCommand: Command = {
  name: 'create-clinic',
  summary: 'Create a clinic (prints its id)',
  usage:
    'create-clinic --name NAME --slug SLUG --time-zone ZONE --address-line1 LINE [--address-line2 LINE] --city CITY\n' +
    '                    --region REGION --postal-code CODE --country CC --phone PHONE --email EMAIL [--website URL]',
  description: [
    'Creates a clinic. The slug is a short lower-case name used on the command line (create-staff --clinic SLUG);',
    'the time zone is the IANA zone the clinic works in (America/Los_Angeles): its schedules and dates use it.',
    'Prints the new clinic’s id. Then add its first administrator with `tilth create-staff --clinic SLUG --role admin …`.',
    'The creation is recorded in the clinic’s audit trail as done from the command line.',
  ].join('\n'),
  options: Object.fromEntries([...CLINIC_REQUIRED, 'address-line2', 'website'].map((n) => [n, { type: 'string' as const }])),
  positionals: { min: 0, max: 0 },
  async run(ctx, args) {
    const o = validate(ClinicOptions, args, CLINIC_REQUIRED);
    const input = {
      name: o.name,
      slug: o.slug,
      timeZone: o['time-zone'],
      address: { line1: o['address-line1'], line2: o['address-line2'] ?? null, city: o.city, region: o.region, postalCode: o['postal-code'], country: o.country },
      phone: o.phone,
      email: o.email,
      website: o.website ?? null,
    };
    const clinicId = await ctx.withDatabase({ migrate: true }, (database) =>
      database.db.transaction(async (tx) => {
        const created = await createClinic({ clock: ctx.clock }, tx, input);
        if (!created.ok) throw new CliError(created.error.message);
        const id = created.value.clinicId;
        await appendAuditEvents(tx, id, [cliAuditEvent(ctx, id, { action: 'clinic.create', resourceType: 'clinic', resourceId: id, detail: { slug: input.slug } })]);
        return id;
      }),
    );
    ctx.io.stdout(`Created clinic "${input.name}" (slug ${input.slug}, time zone ${input.timeZone}).\nClinic id: ${clinicId}\n`);
    ctx.io.stdout(`Next: tilth create-staff --clinic ${input.slug} --role admin --email … --given-name … --family-name …\n`);
    return EXIT.ok;
  },
};

const StaffOptions = z.object({
  clinic: z.string().min(1, 'must not be empty'),
  email: Email,
  'given-name': text(100),
  'family-name': text(100),
  role: z.enum(STAFF_ROLES, { message: `must be one of ${STAFF_ROLES.join(', ')}` }),
  phone: Phone.optional(),
});

export const createStaffCommand: Command = {
  name: 'create-staff',
  summary: 'Add a staff member to a clinic (prints a one-time set-password link)',
  usage: `create-staff --clinic SLUG --email EMAIL --given-name NAME --family-name NAME --role ${STAFF_ROLES.join('|')} [--phone PHONE]`,
  description: [
    'Adds a staff member and their sign-in account to the clinic with that slug, and prints a one-time link where they',
    'choose their password (it expires after PASSWORD_TOKEN_HOURS, 72 by default). The same link is queued by email in',
    'the same transaction: the running server sends it (with SMTP_URL set) or writes it to its log.',
    'Links start with PUBLIC_URL: set it to the address people use to reach Tilth.',
    'Use this for a clinic’s first administrator; after that, administrators add staff in the app.',
  ].join('\n'),
  options: Object.fromEntries(['clinic', 'email', 'given-name', 'family-name', 'role', 'phone'].map((n) => [n, { type: 'string' as const }])),
  positionals: { min: 0, max: 0 },
  async run(ctx, args) {
    const o = validate(StaffOptions, args, ['clinic', 'email', 'given-name', 'family-name', 'role']);
    const config = ctx.config();
    const result = await ctx.withDatabase({ migrate: true }, async (database) => {
      const clinic = await findClinicBySlug(database.db, o.clinic);
      if (!clinic) {
        const slugs = (await database.db.select({ slug: clinics.slug }).from(clinics).orderBy(clinics.slug).limit(20)).map((c) => c.slug);
        throw new CliError(`There is no clinic with slug "${o.clinic}". ${slugs.length ? `Clinics: ${slugs.join(', ')}.` : 'Create one with `tilth create-clinic`.'}`);
      }
      const deps = { database, config, clock: ctx.clock, commonPasswords: loadCommonPasswords() };
      const input = { givenName: o['given-name'], familyName: o['family-name'], email: o.email, role: o.role as StaffRole, phone: o.phone ?? null };
      return database.db.transaction(async (tx) => {
        const created = await createStaffMember(deps, tx, clinic.id, input);
        if (!created.ok) throw new CliError(`${created.error.message}${created.error.code === 'CONFLICT' ? ` (${input.email})` : ''}`);
        await appendAuditEvents(tx, clinic.id, [
          cliAuditEvent(ctx, clinic.id, { action: 'staff.create', resourceType: 'staff', resourceId: created.value.staffId, detail: { role: input.role } }),
        ]);
        return { ...created.value, clinicName: clinic.name };
      });
    });
    ctx.io.stdout(
      `Created ${o.role} ${o['given-name']} ${o['family-name']} <${o.email}> at ${result.clinicName}.\n` +
        `One-time set-password link (expires in ${config.passwordTokenHours} hours):\n\n  ${result.link}\n\n` +
        `The same link was queued by email to ${o.email}.\n`,
    );
    if (!ctx.env.PUBLIC_URL) ctx.io.stderr(`Note: PUBLIC_URL is not set, so the link starts with ${config.publicUrl}.\n`);
    return EXIT.ok;
  },
};

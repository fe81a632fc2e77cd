/** instruments import: adds an instrument definition a clinic holds a licence for (e.g. the C-SSRS screener). */
import { readFileSync } from 'node:fs';
import { appendAuditEvents } from '../../db/repos/audit';
import { findClinicBySlug } from '../../db/repos/clinics';
import { importInstrument } from '../../server/features/instruments/import';
import { cliAuditEvent, CliError, EXIT, UsageError, type Command } from '../context';

export const instrumentsImportCommand: Command = {
  name: 'instruments import',
  summary: 'Import a questionnaire definition (JSON) into a clinic',
  usage: 'instruments import FILE --clinic SLUG',
  description: [
    'Adds a questionnaire definition the clinic holds a licence for (Tilth does not ship the wording of licensed',
    'instruments such as the C-SSRS, CADSS or DAST-10). FILE is a JSON definition with items, answer sets with values',
    '(and LOINC codes where they exist), and a scoring rule; GET /api/instruments/phq-9 shows a complete example.',
    'A bad file is refused with every problem named by its path (items.3.answerSet: no answer set "x").',
    'To change an imported definition, import it again with a higher "version".',
  ].join('\n'),
  options: { clinic: { type: 'string' } },
  positionals: { min: 1, max: 1 },
  async run(ctx, args) {
    const slug = args.values.clinic;
    if (typeof slug !== 'string' || !slug) throw new UsageError('Missing --clinic SLUG.');
    const file = args.positionals[0]!;
    let definition: unknown;
    try {
      definition = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new CliError(`Cannot read ${file} as JSON: ${(err as Error).message}`);
    }
    const imported = await ctx.withDatabase({ migrate: true }, async (database) => {
      const clinic = await findClinicBySlug(database.db, slug);
      if (!clinic) throw new CliError(`There is no clinic with slug "${slug}".`);
      return database.db.transaction(async (tx) => {
        const result = await importInstrument(tx, clinic.id, definition, null, ctx.clock());
        if (!result.ok) {
          const problems = result.error.fields?.map((f) => `  ${f.path.replace(/^definition\./, '')}: ${f.message}`).join('\n');
          throw new CliError(`${file} was not imported.${problems ? `\n${problems}` : ` ${result.error.message}`}`);
        }
        await appendAuditEvents(tx, clinic.id, [
          cliAuditEvent(ctx, clinic.id, { action: 'instrument.import', resourceType: 'instrument', resourceId: `${result.value.id}@${result.value.version}` }),
        ]);
        return result.value;
      });
    });
    ctx.io.stdout(`Imported "${imported.title}" (${imported.id}, version ${imported.version}, ${imported.items.length} items) into ${slug}.\n`);
    return EXIT.ok;
  },
};

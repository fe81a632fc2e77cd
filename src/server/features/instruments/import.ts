/**
 * Importing an instrument a clinic holds a licence for (e.g. the C-SSRS screener, whose wording Tilth does not ship).
 * Used by the admin page (POST /api/instruments) and the CLI (`tilth instruments import FILE`).
 */
import { fail, ok, type Result } from '../../../core/errors';
import { parseInstrumentDefinition, type InstrumentDefinition } from '../../../core/instruments/definition';
import type { Executor } from '../../../db/database';
import { toDate } from '../../../db/ids';
import { findImportedDefinition, insertImportedDefinition } from '../../../db/repos/instruments';
import type { Temporal } from 'temporal-polyfill';
import { SHIPPED_IDS } from './registry';

export async function importInstrument(
  ex: Executor, clinicId: string, input: unknown, importedBy: string | null, now: Temporal.Instant,
): Promise<Result<InstrumentDefinition>> {
  const parsed = parseInstrumentDefinition(input);
  if (!parsed.ok) {
    return fail('VALIDATION_FAILED', `The instrument definition is not valid: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`, {
      fields: parsed.problems.map((p) => ({ path: `definition.${p.path}`, message: p.message })),
    });
  }
  const definition = parsed.value;
  if (SHIPPED_IDS.has(definition.id)) {
    return fail('CONFLICT', `"${definition.id}" is an instrument Tilth ships; give your definition another id.`, { fields: [{ path: 'definition.id', message: 'reserved' }] });
  }
  if (await findImportedDefinition(ex, clinicId, definition.id, definition.version)) {
    return fail('CONFLICT', `Version ${definition.version} of "${definition.id}" was imported already; raise the version to change it.`, {
      fields: [{ path: 'definition.version', message: 'already imported' }],
    });
  }
  await insertImportedDefinition(ex, { clinicId, instrumentId: definition.id, version: definition.version, definition, importedBy, importedAt: toDate(now) });
  return ok(definition);
}

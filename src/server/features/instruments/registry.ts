/** The instruments a clinic can use: the shipped ones plus those it imported (latest version of each). */
import { parseInstrumentDefinition, type InstrumentDefinition } from '../../../core/instruments/definition';
import { SHIPPED_INSTRUMENTS } from '../../../core/instruments/library';
import type { Executor } from '../../../db/database';
import { listImportedDefinitions } from '../../../db/repos/instruments';

export const SHIPPED_IDS: ReadonlySet<string> = new Set(SHIPPED_INSTRUMENTS.map((d) => d.id));

export interface RegisteredInstrument {
  definition: InstrumentDefinition;
  origin: 'shipped' | 'imported';
}

export async function clinicInstruments(ex: Executor, clinicId: string): Promise<RegisteredInstrument[]> {
  const imported = await listImportedDefinitions(ex, clinicId);
  const latest = new Map<string, InstrumentDefinition>();
  for (const row of imported) {
    if (latest.has(row.instrumentId)) continue; // rows come newest first
    const parsed = parseInstrumentDefinition(row.definition);
    if (parsed.ok) latest.set(row.instrumentId, parsed.value);
  }
  return [
    ...SHIPPED_INSTRUMENTS.map((definition) => ({ definition, origin: 'shipped' as const })),
    ...[...latest.values()].map((definition) => ({ definition, origin: 'imported' as const })),
  ];
}

export async function findInstrument(ex: Executor, clinicId: string, id: string): Promise<InstrumentDefinition | undefined> {
  const shipped = SHIPPED_INSTRUMENTS.find((d) => d.id === id);
  if (shipped) return shipped;
  return (await clinicInstruments(ex, clinicId)).find((r) => r.definition.id === id)?.definition;
}

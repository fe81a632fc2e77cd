import { and, desc, eq } from 'drizzle-orm';
import { instrumentDefinitions } from '../schema';
import type { Executor } from '../database';

export async function listImportedDefinitions(ex: Executor, clinicId: string) {
  return ex
    .select()
    .from(instrumentDefinitions)
    .where(eq(instrumentDefinitions.clinicId, clinicId))
    .orderBy(instrumentDefinitions.instrumentId, desc(instrumentDefinitions.importedAt));
}

export async function findImportedDefinition(ex: Executor, clinicId: string, instrumentId: string, version: string) {
  const [row] = await ex
    .select()
    .from(instrumentDefinitions)
    .where(and(eq(instrumentDefinitions.clinicId, clinicId), eq(instrumentDefinitions.instrumentId, instrumentId), eq(instrumentDefinitions.version, version)))
    .limit(1);
  return row;
}

export async function insertImportedDefinition(ex: Executor, row: typeof instrumentDefinitions.$inferInsert): Promise<void> {
  await ex.insert(instrumentDefinitions).values(row);
}

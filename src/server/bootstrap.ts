/** Opening the configured database, shared by the server and the CLI. */
import { resolve } from 'node:path';
import { lockDataDir } from '../db/data-dir-lock';
import { migrateDatabase, openPglite, openPostgres, type Database } from '../db/database';
import type { Config } from './config';

export interface OpenedDatabase {
  database: Database;
  /** Closes the database and releases the data-folder lock. */
  close(): Promise<void>;
}

export async function openConfiguredDatabase(config: Config, options: { migrate: boolean }): Promise<OpenedDatabase> {
  if (config.databaseUrl) {
    const database = openPostgres(config.databaseUrl, { maxConnections: config.dbPoolSize, statementTimeoutMs: config.statementTimeoutMs });
    if (options.migrate) await migrateDatabase(database);
    return { database, close: () => database.close() };
  }
  const dataDir = resolve(config.dataDir);
  const release = lockDataDir(dataDir);
  try {
    const database = await openPglite(dataDir);
    if (options.migrate) await migrateDatabase(database);
    return {
      database,
      close: async () => {
        await database.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

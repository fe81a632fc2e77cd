/**
 * The PostgreSQL admin connection (BENCH_DATABASE_URL) and one statement on it (CREATE / DROP DATABASE). A module
 * without side effects, so that an entry point with its own Ctrl-C handling (bench/run.ts) can use it without taking
 * harness.ts's signal handlers.
 */
import pg from 'pg';

export const ADMIN_URL = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

/** One statement on the admin connection (CREATE / DROP DATABASE). */
export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

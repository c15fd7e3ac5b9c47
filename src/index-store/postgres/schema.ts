// The index schema in PostgreSQL: pgvector, the migrations in migrations/*.sql (applied in order by
// ingest, recorded in index_schema_migrations), and the queries about generations that readers
// and ingest share.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { redactedDatabaseUrl, type DatabaseConfig } from '../../config.js';
import { ConfigError, IndexUnavailableError } from '../../errors.js';
import pg from 'pg';
import { connectionOptions, PGVECTOR_FIX, query, type Pool, type PoolClient } from './database.js';

/** migrations/ beside src/ when run from the sources, and copied into dist/ by the build. */
const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations/', import.meta.url));

/** The channel ingest notifies on when it publishes; the payload is the generation's name. */
export const GENERATION_CHANNEL = 'index_generation';

/**
 * Rows of the generation in `parameter`: added by it or before, and not retired before it. The
 * retired set is small (the current and the previous generation's changes) and hashed once per query.
 */
export function visibleIn(parameter: string, table: 'articles' | 'chunks', alias: string = table): string {
  const articleRow = table === 'articles' ? `${alias}.row_id` : `${alias}.article_row`;
  return `${alias}.alive_from <= ${parameter} AND ${articleRow} NOT IN (SELECT article_row FROM retired_articles WHERE alive_until < ${parameter})`;
}

/** Creates pgvector if the server has it; otherwise says how to get it. */
export async function ensurePgvector(client: PoolClient, config: DatabaseConfig): Promise<void> {
  const [available] = await query<{ installed_version: string | null }>(client, config, `SELECT installed_version FROM pg_available_extensions WHERE name = 'vector'`);
  const where = `the database ${redactedDatabaseUrl(config.url)}`;
  if (!available) throw new IndexUnavailableError(`The PostgreSQL server of ${where} does not have the pgvector extension: ${PGVECTOR_FIX}`);
  if (available.installed_version) return;
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS vector');
  } catch (error) {
    throw new IndexUnavailableError(`pgvector is available but not created in ${where}, and this user may not create it (${(error as Error).message}): ${PGVECTOR_FIX}`, { cause: error });
  }
}

/** Applies the migrations not yet recorded; returns their names. Runs under ingest's advisory lock. */
export async function applyMigrations(client: PoolClient, config: DatabaseConfig): Promise<string[]> {
  await query(client, config, 'CREATE TABLE IF NOT EXISTS index_schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const applied = new Set((await query<{ name: string }>(client, config, 'SELECT name FROM index_schema_migrations')).map((row) => row.name));
  const files = (await readdir(MIGRATIONS_DIR)).filter((file) => /^\d+_[\w-]+\.sql$/.test(file)).sort();
  const ran: string[] = [];
  for (const file of files) {
    if (applied.has(file)) continue;
    const sql = await readFile(join(MIGRATIONS_DIR, file), 'utf8');
    try {
      await client.query('BEGIN');
      await client.query(sql);
      await client.query('INSERT INTO index_schema_migrations (name) VALUES ($1)', [file]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw new IndexUnavailableError(`Migration ${file} failed in ${redactedDatabaseUrl(config.url)}: ${(error as Error).message}.`, { cause: error });
    }
    ran.push(file);
  }
  return ran;
}

export interface GenerationRow {
  id: number;
  name: string;
  created_at: Date;
  previous_id: number | null;
  embedder_id: string;
  dimensions: number;
  chunking: string;
  hnsw_m: number;
  hnsw_ef_construction: number;
  article_count: number;
  chunk_count: number;
}

const GENERATION_COLUMNS = 'g.id, g.name, g.created_at, g.previous_id, g.embedder_id, g.dimensions, g.chunking, g.hnsw_m, g.hnsw_ef_construction, g.article_count, g.chunk_count';

/** Whether ingest has created the schema yet. */
async function hasSchema(pool: Pool | PoolClient, config: DatabaseConfig): Promise<boolean> {
  const [row] = await query<{ present: boolean }>(pool, config, `SELECT to_regclass('index_current') IS NOT NULL AS present`);
  return row!.present;
}

/** The current generation, or undefined when nothing is published (or the schema is not there yet). */
export async function currentGeneration(pool: Pool | PoolClient, config: DatabaseConfig): Promise<GenerationRow | undefined> {
  if (!(await hasSchema(pool, config))) return undefined;
  const [row] = await query<GenerationRow>(pool, config, `SELECT ${GENERATION_COLUMNS} FROM index_current c JOIN index_generations g ON g.id = c.generation_id`);
  return row;
}

/** The current generation's term statistics (gzip), read only when a server loads the generation. */
export async function termStatisticsOf(pool: Pool, config: DatabaseConfig, generationId: number): Promise<Buffer | undefined> {
  const [row] = await query<{ term_statistics: Buffer | null }>(pool, config, 'SELECT term_statistics FROM index_generations WHERE id = $1', [generationId]);
  return row?.term_statistics ?? undefined;
}

/**
 * Removes the index and its schema: for the scratch databases of benches and crash checks. A
 * database serving a published index is refused unless `evenIfPublished`: DATABASE_URL is the
 * server's own setting, and a bench run in the wrong shell would empty the live index.
 */
export async function dropIndexTables(database: DatabaseConfig, options: { evenIfPublished?: boolean } = {}): Promise<void> {
  const client = new pg.Client(connectionOptions(database, 'export-rules-qa bench'));
  await client.connect();
  try {
    if (!options.evenIfPublished) {
      const { rows } = await client.query<{ name: string }>(
        `SELECT g.name FROM index_current c JOIN index_generations g ON g.id = c.generation_id`,
      ).catch((error: { code?: string }) => {
        // 42P01: no index tables at all, nothing to protect.
        if (error.code === '42P01') return { rows: [] };
        throw error;
      });
      if (rows.length > 0) {
        throw new ConfigError(
          `The database ${redactedDatabaseUrl(database.url)} serves a published index (generation ${rows[0]!.name}), and this script empties the database it runs on: ` +
            'point DATABASE_URL at a scratch database, or pass --drop to drop that index anyway.',
        );
      }
    }
    await client.query('DROP TABLE IF EXISTS index_current, chunks, retired_articles, articles, index_generations, index_schema_migrations CASCADE');
  } finally {
    await client.end();
  }
}

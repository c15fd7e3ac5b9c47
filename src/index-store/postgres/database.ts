// Connections to the index database: one pool per process and setting, shared by every generation
// the process serves, and database failures turned into messages that say what to fix.
import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import { redactedDatabaseUrl, type DatabaseConfig } from '../../config.js';
import { AppError, IndexUnavailableError } from '../../errors.js';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

function sslOptions(config: DatabaseConfig): false | ConnectionOptions {
  if (config.ssl === 'disable') return false;
  if (config.ssl === 'require') return { rejectUnauthorized: false };
  const checked: ConnectionOptions = config.sslCa ? { rejectUnauthorized: true, ca: config.sslCa.pem } : { rejectUnauthorized: true };
  // verify-ca: the certificate must come from a trusted authority, whatever host name it names.
  return config.ssl === 'verify-ca' ? { ...checked, checkServerIdentity: () => undefined } : checked;
}

export interface PoolOptions {
  /** Overrides DATABASE_STATEMENT_TIMEOUT_MS; 0 turns it off (ingest's bulk statements). */
  statementTimeoutMs?: number;
  max?: number;
  applicationName?: string;
}

/** How to connect: the URL without its sslmode (read into `ssl` by the configuration, which node-postgres would otherwise override), timeouts, SSL. */
export function connectionOptions(config: DatabaseConfig, applicationName: string): pg.ClientConfig {
  const url = new URL(config.url);
  url.searchParams.delete('sslmode');
  return {
    connectionString: url.toString(),
    connectionTimeoutMillis: config.connectTimeoutMs,
    ssl: sslOptions(config),
    application_name: applicationName,
    // A database host that vanished without closing its connections (a crash, a cut network) is
    // noticed by the operating system's keepalive probes instead of never.
    keepAlive: true,
  };
}

/**
 * How much longer than the statement timeout the client waits for a reply before giving up on
 * its own: the server's cancellation normally arrives first, with its clearer error.
 */
export const CLIENT_TIMEOUT_MARGIN_MS = 1000;

/**
 * pgvector settings of every session: HNSW_EF_SEARCH, and iterative scanning so that filtering out
 * other generations' rows cannot leave fewer than k hits. Set when connecting, a dense search is
 * one statement instead of BEGIN, SET LOCAL, SELECT and COMMIT. Valid before pgvector is loaded:
 * PostgreSQL keeps them as placeholders until it is.
 */
export function hnswSessionOptions(config: DatabaseConfig): string {
  return `-c hnsw.ef_search=${Number(config.hnswEfSearch)} -c hnsw.iterative_scan=relaxed_order`;
}

export function createPool(config: DatabaseConfig, options: PoolOptions = {}): Pool {
  const statementTimeoutMs = options.statementTimeoutMs ?? config.statementTimeoutMs;
  const pool = new pg.Pool({
    ...connectionOptions(config, options.applicationName ?? 'export-rules-qa'),
    options: hnswSessionOptions(config),
    max: options.max ?? config.poolSize,
    statement_timeout: statementTimeoutMs,
    // A server that stopped answering (frozen, swapped out, a half-open connection) never cancels
    // the statement: without a client-side limit the request would wait for ever.
    query_timeout: statementTimeoutMs > 0 ? statementTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS : undefined,
    idleTimeoutMillis: 30_000,
    // Idle connections do not keep a command-line process alive after its work is done.
    allowExitOnIdle: true,
  });
  // An idle connection the server closed (a restart, a failover) is dropped by the pool and the
  // next query opens a fresh one; without a listener the error would end the process.
  pool.on('error', () => undefined);
  return pool;
}

const sharedPools = new Map<string, Pool>();

/** The process's pool for these settings: a reloaded generation keeps using the connections of the last. */
export function sharedPool(config: DatabaseConfig): Pool {
  const key = JSON.stringify(config);
  let pool = sharedPools.get(key);
  if (!pool) sharedPools.set(key, (pool = createPool(config, { applicationName: 'export-rules-qa query server' })));
  return pool;
}

export async function closeSharedPools(): Promise<void> {
  const pools = [...sharedPools.values()];
  sharedPools.clear();
  await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
}

/** The message of node-postgres when query_timeout passes without a reply. */
const QUERY_READ_TIMEOUT = 'Query read timeout';

/** SQLSTATE codes: five characters; anything else is a connection-level failure (refused, reset, timed out). */
const SQLSTATE = /^[0-9A-Z]{5}$/;

/** What failed and what to do about it, from a pg error; `pool` tells a busy pool from an unreachable server. */
export function describeDatabaseError(config: DatabaseConfig, error: unknown, pool?: Pool | PoolClient): string {
  const where = `The index database ${redactedDatabaseUrl(config.url)}`;
  const { code, message = String(error) } = (error ?? {}) as { code?: string; message?: string };
  // pg-pool gives the same message when every connection stayed busy as when none could be opened.
  if (pool instanceof pg.Pool && /timeout exceeded when trying to connect/.test(message) && pool.totalCount >= (pool.options.max ?? config.poolSize)) {
    return `${where} is reachable, but all ${pool.totalCount} connections of this server stayed busy for DATABASE_CONNECT_TIMEOUT_MS=${config.connectTimeoutMs} ms: too many questions at once for DATABASE_POOL_SIZE; raise it or add query servers.`;
  }
  if (code === '28P01' || code === '28000') return `${where} refused the credentials (${message}): fix the user and password in DATABASE_URL.`;
  if (code === '3D000') return `${where} does not exist (${message}): create it (createdb) or fix the database name in DATABASE_URL.`;
  if (code === '42P01' || code === '3F000') return `${where} holds no index yet (${message}): run \`npm run ingest\` with INDEX_BACKEND=postgres to create and fill it.`;
  if (code === '42704' || code === '58P01' || /extension "vector"|type "vector"/.test(message)) return `${where} lacks the pgvector extension (${message}): ${PGVECTOR_FIX}`;
  if (message === QUERY_READ_TIMEOUT) {
    return `${where} stopped answering: no reply within ${config.statementTimeoutMs + CLIENT_TIMEOUT_MARGIN_MS} ms (DATABASE_STATEMENT_TIMEOUT_MS plus ${CLIENT_TIMEOUT_MARGIN_MS} ms); check that PostgreSQL and its host are running and not overloaded; the server keeps retrying and recovers by itself.`;
  }
  if (code === '57014') return `${where} did not answer within DATABASE_STATEMENT_TIMEOUT_MS=${config.statementTimeoutMs} ms (${message}); the database is overloaded or the setting too low.`;
  if (code === '57P01' || code === '57P02' || code === '57P03' || code === '08006' || code === '08001' || code === '08003' || !code || !SQLSTATE.test(code)) {
    return `${where} cannot be reached (${message}): check that PostgreSQL is running and that DATABASE_URL names it; the server keeps retrying and recovers by itself.`;
  }
  return `${where} failed (${code}: ${message}).`;
}

export const PGVECTOR_FIX =
  'install pgvector on the database server (apt-get install postgresql-15-pgvector, or build it from github.com/pgvector/pgvector) ' +
  'and run `CREATE EXTENSION vector;` in the database as a superuser, or let ingest create it by connecting as one.';

/** Socket and name-lookup failures: the database host could not be reached. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED']);
/** TLS failures while connecting (certificate not trusted, expired, for another host). */
const TLS_CODE = /CERT|TLS|SSL|SIGNATURE|ISSUER/;
/** node-postgres's own failures, which carry no code. */
const CLIENT_FAILURE = new RegExp(
  `^(Connection terminated|timeout exceeded when trying to connect|${QUERY_READ_TIMEOUT}|Client has encountered a connection error|The server does not support SSL|Client was closed|Cannot use a pool after calling end)`,
);

/** Whether `error` came from the database or the way to it, rather than from this program or its input. */
export function isDatabaseError(error: unknown): boolean {
  if (error instanceof pg.DatabaseError) return true;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (SQLSTATE.test(code) || CONNECTION_CODES.has(code) || TLS_CODE.test(code))) return true;
  return typeof message === 'string' && CLIENT_FAILURE.test(message);
}

/**
 * A database failure as an IndexUnavailableError that says what to fix; anything else (a bug, a
 * corpus file, the embeddings service, an error already explained) is returned unchanged, so that
 * it is not reported as a database that cannot be reached.
 */
export function explainFailure(config: DatabaseConfig, error: unknown, pool?: Pool | PoolClient): unknown {
  if (error instanceof AppError || !isDatabaseError(error)) return error;
  return new IndexUnavailableError(describeDatabaseError(config, error, pool), { cause: error });
}

/** Runs a query, failing with a message that says what to fix. */
export async function query<Row extends pg.QueryResultRow = pg.QueryResultRow>(
  pool: Pool | PoolClient,
  config: DatabaseConfig,
  text: string,
  values: unknown[] = [],
): Promise<Row[]> {
  try {
    return (await pool.query<Row>(text, values)).rows;
  } catch (error) {
    throw explainFailure(config, error, pool);
  }
}

/**
 * Runs `work` in one transaction on one connection. `settings` (SET LOCAL statements, no
 * parameters) go with the BEGIN in one round trip.
 */
export async function inTransaction<T>(pool: Pool, config: DatabaseConfig, work: (client: PoolClient) => Promise<T>, settings = ''): Promise<T> {
  let client: PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw explainFailure(config, error, pool);
  }
  let failed = false;
  try {
    await client.query(settings ? `BEGIN; ${settings}` : 'BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    failed = true;
    await client.query('ROLLBACK').catch(() => undefined);
    throw explainFailure(config, error);
  } finally {
    // A connection that failed mid-transaction may be broken: do not hand it out again.
    client.release(failed ? true : undefined);
  }
}

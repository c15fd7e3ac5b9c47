// A throwaway PostgreSQL cluster with pgvector for the database tests: initdb in a temporary
// directory (as the postgres user when the tests run as root), listening on 127.0.0.1 on a free
// port, stopped and removed afterwards. With PG_TEST_URL set, that server is used instead (its
// user needs CREATEDB, the server pgvector).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export type PostgresAvailability = { kind: 'url'; url: string } | { kind: 'cluster'; binDir: string } | { kind: 'none'; reason: string };

const POSTGRES_ROOT = '/usr/lib/postgresql';

/** Where the database tests get PostgreSQL from, or why they are skipped. */
export function postgresAvailability(): PostgresAvailability {
  const url = process.env.PG_TEST_URL?.trim();
  if (url) return { kind: 'url', url };
  const versions = existsSync(POSTGRES_ROOT) ? readdirSync(POSTGRES_ROOT).sort((a, b) => Number(b) - Number(a)) : [];
  const version = versions.find((candidate) => existsSync(join(POSTGRES_ROOT, candidate, 'bin', 'initdb')));
  if (!version) return { kind: 'none', reason: 'PostgreSQL is not installed (apt-get install postgresql-15, or set PG_TEST_URL)' };
  if (!existsSync(`/usr/share/postgresql/${version}/extension/vector.control`)) {
    return { kind: 'none', reason: `pgvector is not installed for PostgreSQL ${version} (build it from ../shared/vendor/pgvector, see .ci/run, or set PG_TEST_URL)` };
  }
  return { kind: 'cluster', binDir: join(POSTGRES_ROOT, version, 'bin') };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** The ids of the processes whose parent is `parent`, from /proc (Linux). */
function childProcesses(parent: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        // The fields after the command name, which may hold spaces, start with state then ppid.
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent;
      } catch {
        return false;
      }
    })
    .map(Number);
}

export interface TestDatabaseServer {
  /** A URL for `database` on this server, as the superuser or as `user`. */
  url(database: string, user?: string): string;
  /** Creates an empty database (with pgvector unless `withoutVector`); returns its URL. */
  createDatabase(name: string, options?: { withoutVector?: boolean; owner?: string }): Promise<string>;
  /** Runs SQL as the superuser in `database`. */
  sql(database: string, text: string): Promise<pg.QueryResultRow[]>;
  /** Stops and starts the server, keeping its data: only for a cluster these tests started. */
  pause?(): void;
  resume?(): void;
  /**
   * Freezes every process of the server with SIGSTOP (connections stay open, nothing answers), as
   * a hung host or a stalled disk would; `thaw` sends SIGCONT. Only for a cluster these tests started.
   */
  freeze?(): void;
  thaw?(): void;
  stop(): Promise<void>;
}

export async function startTestDatabaseServer(availability: PostgresAvailability): Promise<TestDatabaseServer> {
  if (availability.kind === 'none') throw new Error(availability.reason);
  let adminUrl: URL;
  let stop: () => Promise<void>;
  let pause: (() => void) | undefined;
  let resume: (() => void) | undefined;
  let signalAll: ((signal: NodeJS.Signals) => void) | undefined;
  if (availability.kind === 'url') {
    adminUrl = new URL(availability.url);
    stop = async () => undefined;
  } else {
    const { binDir } = availability;
    const directory = await mkdtemp(join(tmpdir(), 'qa-postgres-'));
    const asRoot = process.getuid?.() === 0;
    // initdb refuses to run as root: the cluster belongs to the postgres user then.
    const run = (command: string, args: string[]) => {
      const [file, fileArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(binDir, command), ...args]] : [join(binDir, command), args];
      const result = spawnSync(file, fileArgs, { encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
    };
    if (asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
      const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
      await chown(directory, uid, gid);
    }
    const dataDir = join(directory, 'data');
    run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    const port = await freePort();
    // Throwaway data: no fsync; the socket in the cluster's own directory.
    resume = () => run('pg_ctl', ['-D', dataDir, '-l', join(directory, 'server.log'), '-w', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${directory} -c fsync=off -c full_page_writes=off`, 'start']);
    pause = () => run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    resume();
    signalAll = (signal) => {
      const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      for (const pid of [postmaster, ...childProcesses(postmaster)]) {
        try {
          process.kill(pid, signal);
        } catch (error) {
          // A backend that exited between the listing and the signal needs none; stopping on it
          // would leave the processes after it frozen, and every later test with them.
          if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
        }
      }
    };
    adminUrl = new URL(`postgres://postgres@127.0.0.1:${port}/postgres`);
    stop = async () => {
      try {
        run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        await rm(directory, { recursive: true, force: true });
      }
    };
  }
  const url = (database: string, user?: string) => {
    const target = new URL(adminUrl);
    target.pathname = `/${database}`;
    if (user) {
      target.username = user;
      target.password = '';
    }
    return target.toString();
  };
  const sql = async (database: string, text: string) => {
    const client = new pg.Client({ connectionString: url(database) });
    await client.connect();
    try {
      return (await client.query(text)).rows;
    } finally {
      await client.end();
    }
  };
  const created: string[] = [];
  return {
    url,
    sql,
    pause,
    resume,
    freeze: signalAll && (() => signalAll!('SIGSTOP')),
    thaw: signalAll && (() => signalAll!('SIGCONT')),
    createDatabase: async (name, options = {}) => {
      await sql(adminUrl.pathname.slice(1) || 'postgres', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await sql(adminUrl.pathname.slice(1) || 'postgres', `CREATE DATABASE ${name}${options.owner ? ` OWNER ${options.owner}` : ''}`);
      created.push(name);
      if (!options.withoutVector) await sql(name, 'CREATE EXTENSION vector');
      return url(name, options.owner);
    },
    stop: async () => {
      if (availability.kind === 'url') {
        for (const name of created) await sql(adminUrl.pathname.slice(1) || 'postgres', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      }
      await stop();
    },
  };
}

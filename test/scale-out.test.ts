// Several stateless query servers over one PostgreSQL: real server processes on their own ports,
// the same answers from each, a new generation reaching all of them while they keep answering,
// and a database that goes away and comes back.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig, type DatabaseConfig } from '../src/config.js';
import { startServerProcess, type ServerProcess } from '../src/bench/server-process.js';
import { readEvalQuestions } from '../src/eval/answer-eval.js';
import { closeSharedPools } from '../src/index-store/postgres/database.js';
import { ingestIntoDatabase } from '../src/index-store/postgres/ingest-database.js';
import { CACHE_DIR, copyOfCorpus, offlineEmbedder, postJson } from './helpers.js';
import { startTestDatabaseServer, type TestDatabaseServer } from './postgres.js';

const availability = inject('postgres');
const embedder = offlineEmbedder();
const quiet = () => undefined;

async function waitFor(condition: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (await condition().catch(() => false)) return true;
    await new Promise((done) => setTimeout(done, 50));
  }
  return false;
}

async function readiness(base: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}/readyz`);
  return { status: response.status, body: await response.json() };
}

describe.skipIf(availability.kind === 'none')('query servers sharing one PostgreSQL', () => {
  let database: TestDatabaseServer;
  let settings: DatabaseConfig;
  let corpusDir: string;
  const servers: ServerProcess[] = [];

  const startQueryServer = async (options: { ready?: boolean; env?: Record<string, string> } = {}) => {
    const env = { ...options.env, INDEX_BACKEND: 'postgres', DATABASE_URL: settings.url, CORPUS_DIR: corpusDir, CACHE_DIR, RATE_LIMIT_PER_MINUTE: '0', DATABASE_CONNECT_TIMEOUT_MS: '1000', LOG_FORMAT: 'json' };
    const started = await startServerProcess(['--import', 'tsx', resolve('src/server/main.ts')], env, options);
    servers.push(started);
    return started;
  };

  beforeAll(async () => {
    database = await startTestDatabaseServer(availability);
    corpusDir = await copyOfCorpus();
    const url = await database.createDatabase(`qa_scale_${process.pid}`);
    settings = loadConfig({ INDEX_BACKEND: 'postgres', DATABASE_URL: url }).database!;
    await ingestIntoDatabase({ corpusDir, database: settings, embedder, log: quiet });
  });

  afterAll(async () => {
    for (const { child } of servers) {
      if (child.exitCode === null) {
        child.kill();
        await once(child, 'exit');
      }
    }
    await closeSharedPools();
    await database?.stop();
  });

  it('two servers give the same answers and citations; an ingest reaches both within 5 s while every question asked meanwhile is answered', async () => {
    const [first, second] = await Promise.all([startQueryServer(), startQueryServer()]);
    expect(first!.base).not.toBe(second!.base);
    const questions = (await readEvalQuestions(resolve('eval/questions.json'))).slice(0, 15);
    for (const { question } of questions) {
      const [a, b] = await Promise.all([first!, second!].map((server) => postJson(`${server.base}/api/ask`, { question })));
      expect(a!.status).toBe(200);
      expect(b!.body).toEqual(a!.body);
    }

    let asking = true;
    const statuses: number[] = [];
    const askers = [first!, second!].flatMap((server) =>
      [0, 1].map(async (asker) => {
        for (let i = asker; asking; i += 2) statuses.push((await postJson(`${server.base}/api/ask`, { question: questions[i % questions.length]!.question })).status);
      }),
    );
    await writeFile(join(corpusDir, 'destroyer-exports.md'), '---\ntitle: Destroyer exports\npublished: 2026-05\n---\nJapan approved the export of two Mogami-class destroyers to the Philippine navy.\n');
    const summary = await ingestIntoDatabase({ corpusDir, database: settings, embedder, log: quiet });
    const published = performance.now();
    const reached = await Promise.all([first!, second!].map((server) => waitFor(async () => (await readiness(server.base)).body.generation === summary.generation, 5000)));
    const lagMs = performance.now() - published;
    asking = false;
    await Promise.all(askers);
    console.log(`new generation served by both servers ${lagMs.toFixed(0)} ms after the publish; ${statuses.length} questions asked during the ingest and the switch`);
    expect(reached).toEqual([true, true]);
    expect(lagMs).toBeLessThan(5000);
    expect(statuses.length).toBeGreaterThan(4);
    expect(statuses.filter((status) => status !== 200)).toEqual([]);

    const [a, b] = await Promise.all([first!, second!].map((server) => postJson(`${server.base}/api/ask`, { question: 'Which destroyers did Japan approve for export?' })));
    expect(a!.body).toEqual(b!.body);
    expect(a!.body.citations.map((citation: { articleId: string }) => citation.articleId)).toContain('destroyer-exports');
    expect((await readiness(first!.base)).body).toMatchObject({ status: 'ready', backend: 'postgres', articles: 6 });
  });

  it.skipIf(availability.kind !== 'cluster')('a database that stops answering without closing its connections fails requests within the timeout, then recovers', async () => {
    const server = await startQueryServer({ env: { DATABASE_STATEMENT_TIMEOUT_MS: '1000' } });
    const question = 'Which missiles will Japan sell to the United States?';
    // Answered once first, so that the pool holds open connections to the database when it freezes.
    expect((await postJson(`${server.base}/api/ask`, { question })).status).toBe(200);
    database.freeze!();
    try {
      const started = performance.now();
      const asked = await postJson(`${server.base}/api/ask`, { question: 'Which destroyers did Japan approve for export?' });
      const elapsedMs = performance.now() - started;
      console.log(`a question to a frozen database failed after ${elapsedMs.toFixed(0)} ms`);
      expect(asked.status).toBe(503);
      expect(asked.body.error.code).toBe('index_unavailable');
      // An open connection: no reply within the statement timeout plus the margin; a new one: the connect timeout.
      expect(asked.body.error.message).toMatch(/^The index database postgres:\/\/postgres@127\.0\.0\.1:\d+\/qa_scale_\d+ (stopped answering: no reply within 2000 ms|cannot be reached)/);
      expect(elapsedMs).toBeLessThan(4000);
      const ready = await readiness(server.base);
      expect(ready.status).toBe(503);
      expect(ready.body.reason).toMatch(/stopped answering|cannot be reached/);
    } finally {
      database.thaw!();
    }
    expect(await waitFor(async () => (await readiness(server.base)).status === 200, 10_000)).toBe(true);
    expect((await postJson(`${server.base}/api/ask`, { question })).status).toBe(200);
  });

  it.skipIf(availability.kind !== 'cluster')('answers 503 with a clear message while the database is down, at start and after a restart, and recovers by itself', async () => {
    const running = servers[0] ?? (await startQueryServer());
    database.pause!();
    try {
      const asked = await postJson(`${running.base}/api/ask`, { question: 'Which missiles will Japan sell to the United States?' });
      expect(asked.status).toBe(503);
      expect(asked.body.error.code).toBe('index_unavailable');
      expect(asked.body.error.message).toMatch(/^The index database postgres:\/\/postgres@127\.0\.0\.1:\d+\/qa_scale_\d+ cannot be reached \(.*\): check that PostgreSQL is running/);
      const ready = await readiness(running.base);
      expect(ready.status).toBe(503);
      expect(ready.body.reason).toMatch(/cannot be reached/);
      expect((await fetch(`${running.base}/healthz`)).status).toBe(200);
      expect((await fetch(`${running.base}/api/articles`)).status).toBe(503);

      // A server started while the database is away listens, says why it is not ready, and waits.
      const late = await startQueryServer({ ready: false });
      expect(await waitFor(async () => /cannot be reached/.test((await readiness(late.base)).body.reason ?? ''), 10_000)).toBe(true);
      expect(late.child.exitCode).toBeNull();
    } finally {
      database.resume!();
    }
    const late = servers.at(-1)!;
    for (const server of [running, late]) {
      expect(await waitFor(async () => (await readiness(server.base)).status === 200, 10_000)).toBe(true);
      const asked = await postJson(`${server.base}/api/ask`, { question: 'Which missiles will Japan sell to the United States?' });
      expect(asked.status).toBe(200);
      expect(asked.body.answer).toContain('Patriot');
    }
  });

  it('a server whose database appears empty stops saying it cannot be reached, then serves what an ingest publishes', async () => {
    const name = `qa_scale_${process.pid}_later`;
    const url = new URL(settings.url);
    url.pathname = `/${name}`;
    const started = await startServerProcess(
      ['--import', 'tsx', resolve('src/server/main.ts')],
      { INDEX_BACKEND: 'postgres', DATABASE_URL: url.toString(), CORPUS_DIR: corpusDir, CACHE_DIR, LOG_FORMAT: 'json' },
      { ready: false },
    );
    servers.push(started);
    expect(await waitFor(async () => /does not exist/.test((await readiness(started.base)).body.reason ?? ''), 10_000)).toBe(true);
    // Missing for a while (a poll round every 2 s), then there but empty.
    await new Promise((done) => setTimeout(done, 2500));
    await database.createDatabase(name);
    let reason = '';
    expect(await waitFor(async () => /holds no published index; run `npm run ingest`/.test((reason = (await readiness(started.base)).body.reason ?? '')), 10_000)).toBe(true);
    expect(reason).not.toMatch(/does not exist|cannot be reached/);
    await ingestIntoDatabase({ corpusDir, database: loadConfig({ INDEX_BACKEND: 'postgres', DATABASE_URL: url.toString() }).database!, embedder, log: quiet });
    expect(await waitFor(async () => (await readiness(started.base)).status === 200, 10_000)).toBe(true);
  });

  it('a database without pgvector: the server stays up and /readyz says how to install it', async () => {
    await database.sql('postgres', `DO $$ BEGIN CREATE ROLE qa_no_vector LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
    const url = await database.createDatabase(`qa_scale_${process.pid}_novector`, { withoutVector: true, owner: 'qa_no_vector' });
    const env = { INDEX_BACKEND: 'postgres', DATABASE_URL: url, CORPUS_DIR: corpusDir, CACHE_DIR, LOG_FORMAT: 'json' };
    const started = await startServerProcess(['--import', 'tsx', resolve('src/server/main.ts')], env, { ready: false });
    servers.push(started);
    let reason = '';
    expect(await waitFor(async () => /pgvector/.test((reason = (await readiness(started.base)).body.reason ?? '')), 15_000)).toBe(true);
    expect(reason).toMatch(/pgvector is available but not created in the database postgres:\/\/qa_no_vector@.*: install pgvector .*CREATE EXTENSION vector;/);
    expect((await postJson(`${started.base}/api/ask`, { question: 'Which missiles?' })).status).toBe(503);
    expect(started.child.exitCode).toBeNull();
  });

  it('refuses a DATABASE_URL that is not a PostgreSQL URL at start, saying the expected form, without a stack trace', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve('src/server/main.ts')], {
      env: { ...process.env, PORT: '0', INDEX_BACKEND: 'postgres', DATABASE_URL: 'mysql://root:hunter2@db/qa' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data));
    child.stderr.on('data', (data: Buffer) => (output += data));
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(output).toMatch(/DATABASE_URL=mysql:\/\/root:\*\*\*@db\/qa is not a PostgreSQL URL: it must start with postgres:\/\/ or postgresql:\/\//);
    expect(output).not.toMatch(/hunter2|    at /);
  });
});

// npm run crash:ingest [-- --random 20 --copies 200 --seed 7 --backend file|postgres]: kills ingest
// with SIGKILL at every named fsync/rename/commit point and at random moments, and checks after
// each kill that the served generation is complete and valid, and that the next ingest removes the
// leftovers and keeps the generation that was being served as the previous one. With
// --backend postgres the index is the database at DATABASE_URL (emptied first: use a scratch one).
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfigWith, type DatabaseConfig } from '../src/config.js';
import { createEmbedder } from '../src/embeddings/create-embeddings.js';
import { CRASH_POINTS, DATABASE_CRASH_POINTS } from '../src/index-store/crash-points.js';
import { paths } from '../src/index-store/index-files.js';
import { ingest } from '../src/index-store/ingest.js';
import { loadIndex, readCurrentGeneration, readManifest } from '../src/index-store/load-index.js';
import { closeSharedPools } from '../src/index-store/postgres/database.js';
import { ingestIntoDatabase } from '../src/index-store/postgres/ingest-database.js';
import { openPostgresIndex } from '../src/index-store/postgres/postgres-index.js';
import { DROP_OPTION, emptyScratchDatabase } from '../src/bench/scratch-database.js';

const { values } = parseArgs({
  options: { random: { type: 'string', default: '20' }, copies: { type: 'string', default: '200' }, seed: { type: 'string', default: '7' }, backend: { type: 'string', default: 'file' }, ...DROP_OPTION },
});
const config = loadConfigWith({ INDEX_BACKEND: values.backend });
const embedder = createEmbedder(config);
const expected = { id: embedder.id, dimensions: embedder.dimensions };
const quiet = () => undefined;

/** mulberry32: reproducible kill moments for a given --seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A corpus large enough that ingest spends seconds in every stage, so random kills land everywhere. */
async function largeCorpus(root: string, copies: number): Promise<string> {
  const corpusDir = join(root, 'corpus');
  await cp(config.corpusDir, corpusDir, { recursive: true });
  const source = await readFile(join(config.corpusDir, 'lethal-exports-17-countries.md'), 'utf8');
  const body = source.slice(source.indexOf('\n---\n') + 5);
  for (let copy = 0; copy < copies; copy++) await writeFile(join(corpusDir, `copy-${copy}.txt`), `Copy ${copy} of the article\n${body}`);
  return corpusDir;
}

type Kill = { point: string } | { afterMs: number };

/** What the check needs from a backend: run an ingest, find the served generation, count leftovers. */
interface CrashTarget {
  points: readonly string[];
  /** Arguments and settings of the ingest command for this index. */
  command: { args: string[]; env: Record<string, string> };
  ingest(corpusDir: string): Promise<{ published: boolean }>;
  /** The generation a server would load now, checked whole; undefined (with a message) when it does not load. */
  served(round: number): Promise<string | undefined>;
  /** The generation the published one replaced. */
  previous(): Promise<string | undefined>;
  /** What a killed ingest left: anything besides the published generation and the one before it. */
  leftovers(): Promise<number>;
  close(): Promise<void>;
}

function fileTarget(indexDir: string): CrashTarget {
  return {
    points: CRASH_POINTS,
    command: { args: ['--index', indexDir], env: {} },
    ingest: (corpusDir) => ingest({ corpusDir, indexDir, embedder, log: quiet }),
    served: async (round) => {
      try {
        return basename((await loadIndex(indexDir, expected)).directory);
      } catch (error) {
        console.error(`round ${round}: the served index does not load: ${(error as Error).message}`);
        return undefined;
      }
    },
    previous: async () => (await readManifest(indexDir)).manifest.previousGeneration,
    leftovers: async () => {
      const current = await readCurrentGeneration(indexDir);
      const previous = (await readManifest(indexDir)).manifest.previousGeneration;
      const generations = (await readdir(paths.generations(indexDir))).filter((entry) => entry !== current && entry !== previous);
      const files = (await readdir(indexDir)).filter((entry) => entry !== 'CURRENT' && entry !== 'generations');
      return generations.length + files.length;
    },
    close: async () => undefined,
  };
}

async function databaseTarget(database: DatabaseConfig): Promise<CrashTarget> {
  // A scratch database: start from nothing.
  await emptyScratchDatabase(database, values.drop);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const one = async <Row extends pg.QueryResultRow>(sql: string) => (await client.query<Row>(sql)).rows[0];
  return {
    points: DATABASE_CRASH_POINTS,
    command: { args: [], env: { INDEX_BACKEND: 'postgres', DATABASE_URL: database.url } },
    ingest: (corpusDir) => ingestIntoDatabase({ corpusDir, database, embedder, log: quiet }),
    served: async (round) => {
      try {
        const index = await openPostgresIndex(database, expected);
        const { articles, chunks } = await index.snapshot();
        const whole = articles.size === index.generation.counts.articles && chunks.length === index.generation.counts.chunks;
        const exact = chunks.every((chunk) => articles.get(chunk.articleId)?.text.slice(chunk.start, chunk.end) === chunk.text);
        if (!whole || !exact) throw new Error(`generation ${index.generation.name} holds ${articles.size} articles and ${chunks.length} chunks, or chunks that do not match their text`);
        if ((await index.lexicalSearch('Japan export rules', 1)).length !== 1) throw new Error('a search finds nothing');
        return index.generation.name;
      } catch (error) {
        console.error(`round ${round}: the served index does not load: ${(error as Error).message}`);
        return undefined;
      }
    },
    previous: async () =>
      (await one<{ name: string }>('SELECT p.name FROM index_current c JOIN index_generations g ON g.id = c.generation_id JOIN index_generations p ON p.id = g.previous_id'))?.name,
    leftovers: async () => {
      const row = await one<{ count: number }>(
        `SELECT ((SELECT count(*) FROM index_generations g WHERE g.id NOT IN (SELECT c.generation_id FROM index_current c UNION SELECT g2.previous_id FROM index_current c2 JOIN index_generations g2 ON g2.id = c2.generation_id WHERE g2.previous_id IS NOT NULL)) +
                 (SELECT count(*) FROM articles a, index_current c WHERE a.alive_from > c.generation_id) +
                 (SELECT count(*) FROM retired_articles r, index_current c WHERE r.alive_until >= c.generation_id))::integer AS count`,
      );
      return row!.count;
    },
    close: async () => {
      await client.end();
      await closeSharedPools();
    },
  };
}

function runIngest(target: CrashTarget, corpusDir: string, kill?: Kill): Promise<{ signal: NodeJS.Signals | null; ms: number }> {
  const started = performance.now();
  const env = { ...process.env, ...target.command.env, ...(kill && 'point' in kill ? { INGEST_CRASH_AT: kill.point } : {}) };
  const child = spawn(process.execPath, ['--import', 'tsx', resolve('scripts/ingest.ts'), '--corpus', corpusDir, ...target.command.args], { stdio: 'ignore', env });
  if (kill && 'afterMs' in kill) setTimeout(() => child.kill('SIGKILL'), kill.afterMs).unref();
  return new Promise((done) => child.once('exit', (_code, signal) => done({ signal, ms: performance.now() - started })));
}

interface Round {
  kill: string;
  killed: boolean;
  servedValid: boolean;
  servedChanged: boolean;
  leftoversAfterKill: number;
  nextPublished: boolean;
  leftoversAfterNext: number;
  previousIsServed: boolean;
}

async function crashRound(target: CrashTarget, corpusDir: string, kill: Kill, round: number): Promise<Round> {
  const before = await target.served(round);
  await writeFile(join(corpusDir, `round-${round}.txt`), `Round ${round}\nJapan reviewed its export rules again in round ${round}.\n`);
  const { signal } = await runIngest(target, corpusDir, kill);
  const served = await target.served(round);
  const leftoversAfterKill = served ? await target.leftovers() : -1;
  const next = await target.ingest(corpusDir);
  const previousIsServed = next.published ? (await target.previous()) === served : (await target.served(round)) === served;
  return {
    kill: 'point' in kill ? kill.point : `${kill.afterMs} ms`,
    killed: signal === 'SIGKILL',
    servedValid: served !== undefined,
    servedChanged: served !== before,
    leftoversAfterKill,
    nextPublished: next.published,
    leftoversAfterNext: await target.leftovers(),
    previousIsServed,
  };
}

function printTable(rounds: Round[]): void {
  const header = ['#', 'kill at', 'killed', 'served after kill', 'leftovers after kill', 'next ingest', 'leftovers after next', 'previous = served'];
  const rows = rounds.map((round, index) => [
    String(index + 1),
    round.kill,
    round.killed ? 'yes' : 'finished first',
    round.servedValid ? (round.servedChanged ? 'new, valid' : 'old, valid') : 'INVALID',
    String(round.leftoversAfterKill),
    round.nextPublished ? 'published' : 'up to date',
    String(round.leftoversAfterNext),
    round.previousIsServed ? 'yes' : 'NO',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '));
}

const root = await mkdtemp(join(tmpdir(), 'crash-ingest-'));
const target = config.indexBackend === 'postgres' ? await databaseTarget(config.database!) : fileTarget(join(root, 'index'));
try {
  const corpusDir = await largeCorpus(root, Number(values.copies));
  await target.ingest(corpusDir);
  // One uninterrupted run (with something new to publish) sets the range of the random kill moments.
  await writeFile(join(corpusDir, 'timing.txt'), 'Timing\nJapan reviewed its export rules.\n');
  const fullRunMs = (await runIngest(target, corpusDir)).ms;
  const random = seededRandom(Number(values.seed));
  const kills: Kill[] = [
    ...target.points.map((point) => ({ point })),
    ...Array.from({ length: Number(values.random) }, () => ({ afterMs: Math.round(200 + random() * (fullRunMs - 200)) })),
  ];
  const rounds: Round[] = [];
  for (const [round, kill] of kills.entries()) rounds.push(await crashRound(target, corpusDir, kill, round));
  console.log(`${config.indexBackend} backend: ingest of ${Number(values.copies) + 5} articles takes ${(fullRunMs / 1000).toFixed(1)} s uninterrupted; random kills between 0.2 s and then (seed ${values.seed}).\n`);
  printTable(rounds);
  const count = (test: (round: Round) => boolean) => rounds.filter(test).length;
  console.log(
    `\n${rounds.length} kills (${count((round) => round.killed)} landed before ingest finished): served index complete and valid after ${count((round) => round.servedValid)}; ` +
      `leftovers present after ${count((round) => round.leftoversAfterKill > 0)} kills, gone after the next ingest in ${count((round) => round.leftoversAfterNext === 0)}; ` +
      `previous = served generation in ${count((round) => round.previousIsServed)}.`,
  );
  const failed = rounds.length - count((round) => round.servedValid && round.leftoversAfterNext === 0 && round.previousIsServed);
  process.exitCode = failed === 0 ? 0 : 1;
} finally {
  await target.close();
  await rm(root, { recursive: true, force: true });
}

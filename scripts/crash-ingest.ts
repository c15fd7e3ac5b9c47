// npm run crash:ingest [-- --random 20 --copies 200 --seed 7]: kills ingest with SIGKILL at every
// named fsync/rename point and at random moments, and checks after each kill that the served
// generation is complete and valid, and that the next ingest removes the leftovers and keeps the
// generation that was being served as the previous one.
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { createEmbedder } from '../src/embeddings/create-embeddings.js';
import { CRASH_POINTS, type CrashPoint } from '../src/index-store/crash-points.js';
import { paths } from '../src/index-store/index-files.js';
import { ingest } from '../src/index-store/ingest.js';
import { loadIndex, readCurrentGeneration, readManifest } from '../src/index-store/load-index.js';

const { values } = parseArgs({ options: { random: { type: 'string', default: '20' }, copies: { type: 'string', default: '200' }, seed: { type: 'string', default: '7' } } });
const config = loadConfig();
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

type Kill = { point: CrashPoint } | { afterMs: number };

function runIngest(corpusDir: string, indexDir: string, kill?: Kill): Promise<{ signal: NodeJS.Signals | null; ms: number }> {
  const started = performance.now();
  const env = { ...process.env, ...(kill && 'point' in kill ? { INGEST_CRASH_AT: kill.point } : {}) };
  const child = spawn(process.execPath, ['--import', 'tsx', resolve('scripts/ingest.ts'), '--corpus', corpusDir, '--index', indexDir], { stdio: 'ignore', env });
  if (kill && 'afterMs' in kill) setTimeout(() => child.kill('SIGKILL'), kill.afterMs).unref();
  return new Promise((done) => child.once('exit', (_code, signal) => done({ signal, ms: performance.now() - started })));
}

/** Everything in the index directory besides CURRENT, the published generation and the one it replaced. */
async function leftovers(indexDir: string): Promise<string[]> {
  const current = await readCurrentGeneration(indexDir);
  const previous = (await readManifest(indexDir)).manifest.previousGeneration;
  const generations = (await readdir(paths.generations(indexDir))).filter((entry) => entry !== current && entry !== previous);
  const files = (await readdir(indexDir)).filter((entry) => entry !== 'CURRENT' && entry !== 'generations');
  return [...generations.map((entry) => `generations/${entry}`), ...files];
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

async function crashRound(corpusDir: string, indexDir: string, kill: Kill, round: number): Promise<Round> {
  const before = await readCurrentGeneration(indexDir);
  await writeFile(join(corpusDir, `round-${round}.txt`), `Round ${round}\nJapan reviewed its export rules again in round ${round}.\n`);
  const { signal } = await runIngest(corpusDir, indexDir, kill);
  let served: string | undefined;
  try {
    served = basename((await loadIndex(indexDir, expected)).directory);
  } catch (error) {
    console.error(`round ${round}: the served index does not load: ${(error as Error).message}`);
  }
  const leftoversAfterKill = served ? (await leftovers(indexDir)).length : -1;
  const next = await ingest({ corpusDir, indexDir, embedder, log: quiet });
  const manifest = (await readManifest(indexDir)).manifest;
  const previousIsServed = next.published ? manifest.previousGeneration === served : manifest.generation === served;
  return {
    kill: 'point' in kill ? kill.point : `${kill.afterMs} ms`,
    killed: signal === 'SIGKILL',
    servedValid: served !== undefined,
    servedChanged: served !== before,
    leftoversAfterKill,
    nextPublished: next.published,
    leftoversAfterNext: (await leftovers(indexDir)).length,
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
try {
  const corpusDir = await largeCorpus(root, Number(values.copies));
  const indexDir = join(root, 'index');
  await ingest({ corpusDir, indexDir, embedder, log: quiet });
  // One uninterrupted run (with something new to publish) sets the range of the random kill moments.
  await writeFile(join(corpusDir, 'timing.txt'), 'Timing\nJapan reviewed its export rules.\n');
  const fullRunMs = (await runIngest(corpusDir, indexDir)).ms;
  const random = seededRandom(Number(values.seed));
  const kills: Kill[] = [
    ...CRASH_POINTS.map((point) => ({ point })),
    ...Array.from({ length: Number(values.random) }, () => ({ afterMs: Math.round(200 + random() * (fullRunMs - 200)) })),
  ];
  const rounds: Round[] = [];
  for (const [round, kill] of kills.entries()) rounds.push(await crashRound(corpusDir, indexDir, kill, round));
  console.log(`ingest of ${Number(values.copies) + 5} articles takes ${(fullRunMs / 1000).toFixed(1)} s uninterrupted; random kills between 0.2 s and then (seed ${values.seed}).\n`);
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
  await rm(root, { recursive: true, force: true });
}

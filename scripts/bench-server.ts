// npm run bench:server [-- --seconds S --articles N --restarts R --backend file|postgres]: POST
// /api/ask latency and throughput at concurrency 8 against GET /healthz in the same run, for
// repeated questions (served by the answer cache) and for distinct ones (answered afresh), on the
// five articles and on a scaled corpus (--articles 0: the five articles only). --backend postgres serves from the database at DATABASE_URL (each corpus
// is ingested into it first). The server runs in its own process, as in production. With wrk installed
// (apt-get install wrk) the run is repeated with it as the client. R restarts with the index in
// place give the median spawn-to-ready time, then the process count and the memory after loading.
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startServerProcess, type ServerProcess } from '../src/bench/server-process.js';
import { writeScaledCorpus } from '../src/bench/synthetic-corpus.js';
import { runInterleaved, runLoad, type LoadResult } from '../src/bench/load.js';
import { distinctQuestions } from '../src/bench/question-variants.js';
import { readEvalQuestions } from '../src/eval/answer-eval.js';
import { postScript, runWrk, wrkAvailable } from '../src/bench/wrk.js';
import { loadConfigWith } from '../src/config.js';
import { createEmbedder } from '../src/embeddings/create-embeddings.js';
import { closeSharedPools } from '../src/index-store/postgres/database.js';
import { ingestIntoDatabase } from '../src/index-store/postgres/ingest-database.js';
import { DROP_OPTION, emptyScratchDatabase } from '../src/bench/scratch-database.js';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '10' }, articles: { type: 'string', default: '10000' }, concurrency: { type: 'string', default: '8' }, restarts: { type: 'string', default: '5' }, backend: { type: 'string', default: 'file' }, ...DROP_OPTION },
});
const config = loadConfigWith({ INDEX_BACKEND: values.backend });
const backendSettings: Record<string, string> = config.indexBackend === 'postgres' ? { INDEX_BACKEND: 'postgres', DATABASE_URL: config.database!.url } : {};

/** The database backend serves what was ingested last: ingest the corpus to measure into an emptied (scratch) database first. */
async function prepare(corpusDir: string): Promise<void> {
  if (config.indexBackend !== 'postgres') return;
  await emptyScratchDatabase(config.database!, values.drop);
  const summary = await ingestIntoDatabase({ corpusDir, database: config.database!, embedder: createEmbedder(config), log: () => undefined });
  console.log(`(ingested ${summary.articles} articles into the database in ${summary.seconds.toFixed(1)} s)`);
}
const seconds = Number(values.seconds);
const restarts = Number(values.restarts);
const concurrency = Number(values.concurrency);

// What `npm start` runs, built first if the sources changed.
execFileSync(process.execPath, [resolve('scripts/ensure-build.mjs')], { stdio: 'inherit' });

// `npm start` caps glibc's malloc arenas at two (MALLOC_ARENA_MAX in package.json): each thread
// that allocates natively otherwise gets an arena of its own, which keeps freed memory resident.
// 10,005 articles, RSS after the load: 547 and 519 MiB with the cap, 581 and 607 MiB without it,
// at the same throughput.
function startServer(env: Record<string, string>): Promise<ServerProcess> {
  return startServerProcess([resolve('dist/server/main.js')], { RATE_LIMIT_PER_MINUTE: '0', MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2', ...env });
}

/** The process and its descendants, with their resident memory. */
function processTree(pid: number): { count: number; rssMiB: number } {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((row) => row.trim().split(/\s+/).map(Number) as [number, number, number]);
  const members = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [child, parent] of table) if (members.has(parent) && !members.has(child)) grew = Boolean(members.add(child));
  }
  const rssKiB = table.filter(([member]) => members.has(member)).reduce((sum, [, , rss]) => sum + rss, 0);
  return { count: members.size, rssMiB: rssKiB / 1024 };
}

function processLine(name: string, pid: number, readyMs?: number): string {
  const tree = processTree(pid);
  const ready = readyMs === undefined ? '' : `ready ${(readyMs / 1000).toFixed(2)} s after spawn, `;
  return `  ${name.padEnd(16)} ${ready}${tree.count} process${tree.count === 1 ? '' : 'es'}, RSS ${tree.rssMiB.toFixed(0)} MiB`;
}

function line(name: string, result: LoadResult): string {
  return `  ${name.padEnd(16)} ${result.perSecond.toFixed(0).padStart(6)} req/s   p50 ${result.p50Ms.toFixed(2)} ms   p99 ${result.p99Ms.toFixed(2)} ms   (${result.requests} requests, ${result.errors} errors)`;
}

/** The answer cache's counters from /metrics. */
async function cacheCounts(base: string): Promise<{ hits: number; misses: number }> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  return { hits: value('qa_answer_cache_hits_total'), misses: value('qa_answer_cache_misses_total') };
}

async function measure(label: string, env: Record<string, string>): Promise<void> {
  const { base, child } = await startServer(env);
  try {
    const evalQuestions = (await readEvalQuestions(resolve('eval/questions.json'))).map((item) => item.question);
    const questions = evalQuestions.map((question) => JSON.stringify({ question }));
    const ask = (i: number) => ({ method: 'POST' as const, path: '/api/ask', body: questions[i % questions.length] });
    // Questions the answer cache has not seen: the dev questions too, each text used once.
    const nextDistinct = distinctQuestions([...evalQuestions, ...(await readEvalQuestions(resolve('eval/dev/questions.json'))).map((item) => item.question)]);
    const askDistinct = () => ({ method: 'POST' as const, path: '/api/ask', body: JSON.stringify({ question: nextDistinct() }) });
    const health = () => ({ method: 'GET' as const, path: '/healthz' });
    await runLoad(base, ask, { concurrency, seconds: 2, maxRequests: 200_000 }); // warm-up
    await runLoad(base, askDistinct, { concurrency, seconds: 2, maxRequests: 200_000 });
    const before = await cacheCounts(base);
    const { healthz, asked, distinct } = await runInterleaved(base, { healthz: health, asked: ask, distinct: askDistinct }, { concurrency, seconds, rounds: 5 });
    if (!healthz || !asked || !distinct) throw new Error('no measurements');
    const after = await cacheCounts(base);
    console.log(`${label} (concurrency ${concurrency}, ${seconds} s each in 5 alternating rounds)`);
    console.log(line('GET /healthz', healthz));
    console.log(line('POST /api/ask', asked) + '   repeated eval questions (answer cache)');
    console.log(line('POST /api/ask', distinct) + '   distinct questions (no cache hit)');
    console.log(`  ask/healthz throughput ratio: ${(asked.perSecond / healthz.perSecond).toFixed(2)} repeated, ${(distinct.perSecond / healthz.perSecond).toFixed(2)} distinct`);
    console.log(`  answer cache during the run: ${after.hits - before.hits} hits, ${after.misses - before.misses} misses`);
    if (wrkAvailable()) {
      // The same measurement with a C client, which leaves more of the two cores to the server.
      const script = postScript('/api/ask', questions);
      const rounds = 5;
      const fromWrk: { healthz: LoadResult[]; ask: LoadResult[] } = { healthz: [], ask: [] };
      for (let round = 0; round < rounds; round++) {
        fromWrk.healthz.push(runWrk(`${base}/healthz`, { concurrency, seconds: seconds / rounds }));
        fromWrk.ask.push(runWrk(base, { concurrency, seconds: seconds / rounds, script }));
      }
      const mean = (results: LoadResult[]) => results.reduce((sum, result) => sum + result.perSecond, 0) / results.length;
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
      const summary = (name: string, results: LoadResult[]) =>
        `  ${name.padEnd(16)} ${mean(results).toFixed(0).padStart(6)} req/s   p50 ${median(results.map((r) => r.p50Ms)).toFixed(2)} ms   p99 ${median(results.map((r) => r.p99Ms)).toFixed(2)} ms   (${results.reduce((sum, r) => sum + r.errors, 0)} errors)`;
      console.log(`  with wrk as the client (${rounds} alternating rounds; latency = median of the rounds' p50/p99):`);
      console.log(summary('GET /healthz', fromWrk.healthz));
      console.log(summary('POST /api/ask', fromWrk.ask));
      console.log(`  ask/healthz throughput ratio: ${(mean(fromWrk.ask) / mean(fromWrk.healthz)).toFixed(2)}`);
    }
    console.log(processLine('after the load', child.pid!));
  } finally {
    child.kill();
    await once(child, 'exit');
  }
  // The first start built the index; these find it, as a restarted service does.
  const readyMs: number[] = [];
  for (let restart = 1; restart <= restarts; restart++) {
    const started = await startServer(env);
    try {
      readyMs.push(started.readyMs);
      if (restart < restarts) continue;
      await new Promise((done) => setTimeout(done, 1000)); // let start-up garbage be collected
      const median = [...readyMs].sort((a, b) => a - b)[Math.floor(readyMs.length / 2)]!;
      const all = restarts > 1 ? ` (median of ${restarts}: ${readyMs.map((ms) => (ms / 1000).toFixed(2)).join(', ')})` : '';
      console.log(`${processLine('restart', started.child.pid!, median)}${all}`);
    } finally {
      started.child.kill();
      await once(started.child, 'exit');
    }
  }
}

const root = await mkdtemp(join(tmpdir(), 'bench-server-'));
try {
  await prepare(resolve('corpus'));
  await measure(`Five articles, ${config.indexBackend} backend`, { ...backendSettings, CORPUS_DIR: resolve('corpus'), INDEX_DIR: join(root, 'small-index') });
  if (Number(values.articles) > 0) {
    const scaled = join(root, 'scaled');
    await writeScaledCorpus(scaled, resolve('corpus'), Number(values.articles));
    await prepare(scaled);
    await measure(`Scaled corpus (${Number(values.articles) + 5} articles), ${config.indexBackend} backend`, { ...backendSettings, CORPUS_DIR: scaled, INDEX_DIR: join(root, 'scaled-index') });
  }
} finally {
  await closeSharedPools();
  await rm(root, { recursive: true, force: true });
}

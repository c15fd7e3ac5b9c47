// npm run bench:ingest [-- --articles N --backend file|postgres]: ingest throughput on a scaled
// corpus, unchanged re-ingest time, index load time, memory, index size, and HNSW recall@10
// against exact search. --backend postgres ingests into the database at DATABASE_URL (emptied
// first: use a scratch one) and searches pgvector's HNSW index there.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadConfigWith, type Config } from '../src/config.js';
import { formatBytes } from '../src/cli/ingest-command.js';
import { writeScaledCorpus } from '../src/bench/synthetic-corpus.js';
import { OfflineEmbeddings } from '../src/embeddings/offline-embeddings.js';
import { loadIndex, readPublishedContent } from '../src/index-store/load-index.js';
import { closeSharedPools } from '../src/index-store/postgres/database.js';
import { openPostgresIndex } from '../src/index-store/postgres/postgres-index.js';
import type { SearchIndex } from '../src/index-store/search-index.js';
import { ExactVectorIndex } from '../src/index-store/vector-index.js';
import { DROP_OPTION, emptyScratchDatabase } from '../src/bench/scratch-database.js';

function runIngest(corpusDir: string, target: { args: string[]; env: Record<string, string> }): { ingestSeconds: number; commandSeconds: number; stages: string; size: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', resolve('scripts/ingest.ts'), '--corpus', corpusDir, ...target.args], {
    encoding: 'utf8',
    env: { ...process.env, ...target.env },
  });
  const commandSeconds = (performance.now() - started) / 1000;
  const reported = /time:\s+([\d.]+) s(?: \((.*)\))?/.exec(result.stdout);
  if (result.status !== 0 || !reported) throw new Error(`ingest failed: ${result.stdout}${result.stderr}`);
  return { ingestSeconds: Number(reported[1]), commandSeconds, stages: reported[2] ?? '', size: /size:\s+(.*)/.exec(result.stdout)?.[1] ?? '' };
}

const { values } = parseArgs({ options: { articles: { type: 'string', default: '10000' }, queries: { type: 'string', default: '300' }, backend: { type: 'string', default: 'file' }, ...DROP_OPTION } });
const articleCount = Number(values.articles);
const queryCount = Number(values.queries);
const config = loadConfigWith({ INDEX_BACKEND: values.backend });

/** Search a backend opened at a given ef, and the exact ground truth, for the recall measurement. */
interface Measured {
  index: SearchIndex;
  loadSeconds: number;
  approximate(ef: number): Promise<(vector: number[]) => Promise<number[]>>;
  exact(vector: number[]): Promise<number[]>;
  sizeLine: string;
}

async function fileBackend(indexDir: string): Promise<Measured> {
  const embedder = { id: embeddings.id, dimensions: embeddings.dimensions };
  const loadStarted = performance.now();
  const index = await loadIndex(indexDir, embedder);
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  // The loaded index keeps no copy of the vectors beside the graph at this size: the exact search reads the file's.
  const { vectors } = await readPublishedContent(indexDir);
  const exactIndex = new ExactVectorIndex(vectors, embedder.dimensions);
  const bytes = Object.values(index.manifest.files).reduce((sum, file) => sum + file.bytes, 0);
  return {
    index,
    loadSeconds,
    approximate: async (ef) => {
      index.vectorIndex.setEf(ef);
      return async (vector) => index.vectorIndex.search(vector, 10).map((hit) => hit.ordinal);
    },
    exact: async (vector) => exactIndex.search(vector, 10).map((hit) => hit.ordinal),
    sizeLine: `index files ${formatBytes(bytes)} (vectors ${formatBytes(vectors.byteLength)})`,
  };
}

async function databaseBackend(settings: Config): Promise<Measured> {
  const database = settings.database!;
  const expected = { id: embeddings.id, dimensions: embeddings.dimensions };
  const loadStarted = performance.now();
  const index = await openPostgresIndex(database, expected, { efSearch: settings.hnswEfSearch });
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const exactIndex = await openPostgresIndex(database, expected, { denseSearch: 'exact' });
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const sizes = (
    await client.query<{ name: string; bytes: string }>(
      `SELECT 'database' AS name, pg_database_size(current_database())::text AS bytes
       UNION ALL SELECT relname, pg_total_relation_size(oid)::text FROM pg_class WHERE relname IN ('articles', 'chunks')
       UNION ALL SELECT relname, pg_relation_size(oid)::text FROM pg_class WHERE relname LIKE 'chunks_embedding_hnsw_%' OR relname IN ('chunks_terms', 'chunks_tsv')`,
    )
  ).rows;
  await client.end();
  return {
    index,
    loadSeconds,
    approximate: async (ef) => {
      const atEf = await openPostgresIndex(database, expected, { efSearch: ef });
      return async (vector) => (await atEf.denseSearch(vector, 10)).map((hit) => hit.key);
    },
    exact: async (vector) => (await exactIndex.denseSearch(vector, 10)).map((hit) => hit.key),
    sizeLine: sizes.map((row) => `${row.name} ${formatBytes(Number(row.bytes))}`).join(', '),
  };
}

const embeddings = new OfflineEmbeddings({ cacheDir: config.cacheDir });
await embeddings.embedQuery('warm up');
const root = await mkdtemp(join(tmpdir(), 'bench-ingest-'));
try {
  const corpusDir = join(root, 'corpus');
  const indexDir = join(root, 'index');
  await writeScaledCorpus(corpusDir, resolve('corpus'), articleCount);
  const postgres = config.indexBackend === 'postgres';
  if (postgres) {
    // A scratch database: measure a first ingest into an empty schema.
    await emptyScratchDatabase(config.database!, values.drop);
  }
  const target: { args: string[]; env: Record<string, string> } = postgres
    ? { args: [], env: { INDEX_BACKEND: 'postgres', DATABASE_URL: config.database!.url } }
    : { args: ['--index', indexDir], env: {} };

  // Each ingest runs as the real command in its own process, so its time is what a user waits
  // and this process's memory reflects only the loaded index.
  const first = runIngest(corpusDir, target);
  const again = runIngest(corpusDir, target);
  const measured = postgres ? await databaseBackend(config) : await fileBackend(indexDir);
  const rssAfterLoad = process.memoryUsage().rss;

  // Queries: real sentences from the articles, embedded like questions.
  const { chunks } = await measured.index.snapshot();
  const sentences = chunks.filter((_, i) => i % Math.max(1, Math.floor(chunks.length / queryCount)) === 0).slice(0, queryCount).map((chunk) => chunk.text.slice(0, 120));
  const queryVectors = await embeddings.embedDocuments(sentences);
  const truths: Set<number>[] = [];
  for (const vector of queryVectors) truths.push(new Set(await measured.exact(vector)));
  const recallAt = async (ef: number) => {
    const search = await measured.approximate(ef);
    let found = 0;
    let timeMs = 0;
    for (const [i, query] of queryVectors.entries()) {
      const started = performance.now();
      const hits = await search(query);
      timeMs += performance.now() - started;
      found += hits.filter((key) => truths[i]!.has(key)).length;
    }
    return { recall: found / (queryVectors.length * 10), msPerQuery: timeMs / queryVectors.length };
  };
  const recallDefault = await recallAt(10);
  const recallConfigured = await recallAt(config.hnswEfSearch);

  const { counts } = measured.index.generation;
  console.log(`Scaled corpus, ${config.indexBackend} backend: ${counts.articles} articles, ${counts.chunks} chunks`);
  console.log(`  first ingest        ${first.ingestSeconds.toFixed(1)} s  (${(counts.chunks / first.ingestSeconds).toFixed(0)} chunks/s; ${first.commandSeconds.toFixed(1)} s for the whole command), reported size ${first.size}`);
  console.log(`    stages: ${first.stages}`);
  console.log(`  unchanged re-ingest ${again.ingestSeconds.toFixed(2)} s  (${again.commandSeconds.toFixed(2)} s for the whole command, including start-up)`);
  console.log(`  index load          ${measured.loadSeconds.toFixed(2)} s  ${postgres ? '(generation row and term statistics)' : '(with checksum verification)'}, process RSS ${formatBytes(rssAfterLoad)} (word vectors ~35 MiB)`);
  console.log(`  size: ${measured.sizeLine}`);
  console.log(`  HNSW recall@10 vs exact, ${queryVectors.length} queries:`);
  console.log(`    ef=10                    ${recallDefault.recall.toFixed(3)}  ${recallDefault.msPerQuery.toFixed(3)} ms/query`);
  console.log(`    ef=${config.hnswEfSearch} (configured)     ${recallConfigured.recall.toFixed(3)}  ${recallConfigured.msPerQuery.toFixed(3)} ms/query`);
} finally {
  await closeSharedPools();
  await rm(root, { recursive: true, force: true });
}

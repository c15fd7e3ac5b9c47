// npm run bench:ingest [-- --articles N]: ingest throughput on a scaled corpus, unchanged
// re-ingest time, index load time, memory, and HNSW recall@10 against exact search.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { formatBytes } from '../src/cli/ingest-command.js';
import { writeScaledCorpus } from '../src/bench/synthetic-corpus.js';
import { OfflineEmbeddings } from '../src/embeddings/offline-embeddings.js';
import { loadIndex } from '../src/index-store/load-index.js';
import { ExactVectorIndex } from '../src/index-store/vector-index.js';

function runIngest(corpusDir: string, indexDir: string): { ingestSeconds: number; commandSeconds: number; stages: string } {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', 'tsx', resolve('scripts/ingest.ts'), '--corpus', corpusDir, '--index', indexDir], { encoding: 'utf8' });
  const commandSeconds = (performance.now() - started) / 1000;
  const reported = /time:\s+([\d.]+) s(?: \((.*)\))?/.exec(result.stdout);
  if (result.status !== 0 || !reported) throw new Error(`ingest failed: ${result.stdout}${result.stderr}`);
  return { ingestSeconds: Number(reported[1]), commandSeconds, stages: reported[2] ?? '' };
}

const { values } = parseArgs({ options: { articles: { type: 'string', default: '10000' }, queries: { type: 'string', default: '300' } } });
const articleCount = Number(values.articles);
const queryCount = Number(values.queries);
const config = loadConfig();
const root = await mkdtemp(join(tmpdir(), 'bench-ingest-'));
try {
  const corpusDir = join(root, 'corpus');
  const indexDir = join(root, 'index');
  await writeScaledCorpus(corpusDir, resolve('corpus'), articleCount);
  const embeddings = new OfflineEmbeddings({ cacheDir: config.cacheDir });
  await embeddings.embedQuery('warm up');
  const embedder = { id: embeddings.id, dimensions: embeddings.dimensions, embeddings };

  // Each ingest runs as the real command in its own process, so its time is what a user waits
  // and this process's memory reflects only the loaded index.
  const first = runIngest(corpusDir, indexDir);
  const again = runIngest(corpusDir, indexDir);

  const loadStarted = performance.now();
  const index = await loadIndex(indexDir, { id: embedder.id, dimensions: embedder.dimensions });
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  const rssAfterLoad = process.memoryUsage().rss;
  const vectorBytes = index.vectors.byteLength;

  // Queries: real sentences from the articles, embedded like questions.
  const sentences = index.chunks.filter((_, i) => i % Math.max(1, Math.floor(index.chunks.length / queryCount)) === 0).slice(0, queryCount).map((chunk) => chunk.text.slice(0, 120));
  const queryVectors = await embeddings.embedDocuments(sentences);
  const exact = new ExactVectorIndex(index.vectors, embedder.dimensions);
  const recallAt = (ef: number) => {
    index.vectorIndex.setEf(ef);
    let found = 0;
    let timeMs = 0;
    for (const query of queryVectors) {
      const truth = new Set(exact.search(query, 10).map((hit) => hit.ordinal));
      const started = performance.now();
      const hits = index.vectorIndex.search(query, 10);
      timeMs += performance.now() - started;
      found += hits.filter((hit) => truth.has(hit.ordinal)).length;
    }
    return { recall: found / (queryVectors.length * 10), msPerQuery: timeMs / queryVectors.length };
  };
  const recallDefault = recallAt(10);
  const recallConfigured = recallAt(config.hnswEfSearch);

  const chunks = index.manifest.counts.chunks;
  const indexBytes = Object.values(index.manifest.files).reduce((sum, file) => sum + file.bytes, 0);
  console.log(`Scaled corpus: ${index.manifest.counts.articles} articles, ${chunks} chunks`);
  console.log(`  first ingest        ${first.ingestSeconds.toFixed(1)} s  (${(chunks / first.ingestSeconds).toFixed(0)} chunks/s; ${first.commandSeconds.toFixed(1)} s for the whole command), index ${formatBytes(indexBytes)}`);
  console.log(`    stages: ${first.stages}`);
  console.log(`  unchanged re-ingest ${again.ingestSeconds.toFixed(2)} s  (${again.commandSeconds.toFixed(2)} s for the whole command, including start-up)`);
  console.log(`  index load          ${loadSeconds.toFixed(2)} s  (with checksum verification), process RSS ${formatBytes(rssAfterLoad)} (vectors ${formatBytes(vectorBytes)}, word vectors ~140 MiB)`);
  console.log(`  HNSW recall@10 vs exact, ${queryVectors.length} queries:`);
  console.log(`    ef=10 (hnswlib default)  ${recallDefault.recall.toFixed(3)}  ${recallDefault.msPerQuery.toFixed(3)} ms/query`);
  console.log(`    ef=${config.hnswEfSearch} (configured)     ${recallConfigured.recall.toFixed(3)}  ${recallConfigured.msPerQuery.toFixed(3)} ms/query`);
} finally {
  await rm(root, { recursive: true, force: true });
}

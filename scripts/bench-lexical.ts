// npm run bench:lexical [-- --articles N]: which keyword ranking the PostgreSQL backend should use. On the eval
// questions, compares PostgreSQL's own full-text search (english tsvector, ts_rank_cd) and BM25
// computed in the database from the stored terms and the generation's statistics with the file
// backend's BM25: overlap of the top 10, the same first hit, the same fused passages, and how often
// the passages include an article the question is about. Ingests the project corpus (with N
// generated distractor articles added) into the database at DATABASE_URL (use a scratch one).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeScaledCorpus } from '../src/bench/synthetic-corpus.js';
import { loadConfigWith } from '../src/config.js';
import { createEmbedder } from '../src/embeddings/create-embeddings.js';
import { readEvalQuestions } from '../src/eval/answer-eval.js';
import { ingest } from '../src/index-store/ingest.js';
import { loadIndex } from '../src/index-store/load-index.js';
import { closeSharedPools } from '../src/index-store/postgres/database.js';
import { ingestIntoDatabase } from '../src/index-store/postgres/ingest-database.js';
import { openPostgresIndex, type LexicalRanking } from '../src/index-store/postgres/postgres-index.js';
import type { ChunkHit, SearchIndex } from '../src/index-store/search-index.js';
import { HybridRetriever } from '../src/retrieval/hybrid-retriever.js';
import { DROP_OPTION, emptyScratchDatabase } from '../src/bench/scratch-database.js';

const { values } = parseArgs({ options: { articles: { type: 'string', default: '0' }, ...DROP_OPTION } });
const config = loadConfigWith({ INDEX_BACKEND: 'postgres' });
const embedder = createEmbedder(config);
const expected = { id: embedder.id, dimensions: embedder.dimensions };
const questions = await readEvalQuestions(resolve('eval/questions.json'));
const root = await mkdtemp(join(tmpdir(), 'bench-lexical-'));
try {
  const indexDir = join(root, 'index');
  let corpusDir = config.corpusDir;
  if (Number(values.articles) > 0) {
    corpusDir = join(root, 'corpus');
    await writeScaledCorpus(corpusDir, config.corpusDir, Number(values.articles));
  }
  await ingest({ corpusDir, indexDir, embedder, log: () => undefined });
  await emptyScratchDatabase(config.database!, values.drop);
  await ingestIntoDatabase({ corpusDir, database: config.database!, embedder, log: () => undefined });
  const file = await loadIndex(indexDir, expected);
  const place = (hit: ChunkHit) => `${hit.articleId}:${hit.start}`;
  const fileRetriever = new HybridRetriever(file, embedder.embeddings);

  const fileTimes: number[] = [];
  for (const item of questions) {
    const started = performance.now();
    await file.lexicalSearch(item.question, 10);
    fileTimes.push(performance.now() - started);
  }
  console.log(`${questions.length} eval questions, ${file.generation.counts.chunks} chunks; against the file backend's BM25 top 10 and fused passages (k=6):`);
  for (const ranking of ['bm25', 'fulltext'] as LexicalRanking[]) {
    const database: SearchIndex = await openPostgresIndex(config.database!, expected, { lexicalRanking: ranking });
    const retriever = new HybridRetriever(database, embedder.embeddings);
    let overlap = 0;
    let sameFirst = 0;
    let samePassages = 0;
    let onTopic = 0;
    let timeMs = 0;
    let slowestMs = 0;
    for (const item of questions) {
      const truth = (await file.lexicalSearch(item.question, 10)).map(place);
      const started = performance.now();
      const hits = (await database.lexicalSearch(item.question, 10)).map(place);
      const elapsedMs = performance.now() - started;
      timeMs += elapsedMs;
      slowestMs = Math.max(slowestMs, elapsedMs);
      overlap += truth.length ? hits.filter((hit) => truth.includes(hit)).length / truth.length : 1;
      if (hits[0] === truth[0]) sameFirst++;
      const [ours, theirs] = await Promise.all([retriever.retrieve(item.question, 6), fileRetriever.retrieve(item.question, 6)]);
      const key = (passages: typeof ours) => passages.map((passage) => `${passage.chunk.articleId}:${passage.chunk.start}`).join(',');
      if (key(ours) === key(theirs)) samePassages++;
      if (!item.articles?.length || ours.some((passage) => item.articles!.includes(passage.chunk.articleId))) onTopic++;
    }
    const share = (count: number) => `${((100 * count) / questions.length).toFixed(1)}%`;
    console.log(
      `  ${ranking.padEnd(9)} top-10 overlap ${share(overlap)}, same first hit ${share(sameFirst)}, same fused passages ${share(samePassages)}, ` +
        `passages include an expected article ${share(onTopic)}, ${(timeMs / questions.length).toFixed(2)} ms per keyword search (slowest ${slowestMs.toFixed(1)} ms)`,
    );
  }
  let fileOnTopic = 0;
  for (const item of questions) {
    const passages = await fileRetriever.retrieve(item.question, 6);
    if (!item.articles?.length || passages.some((passage) => item.articles!.includes(passage.chunk.articleId))) fileOnTopic++;
  }
  const fileMs = fileTimes.reduce((sum, ms) => sum + ms, 0) / fileTimes.length;
  console.log(`  file      passages include an expected article ${((100 * fileOnTopic) / questions.length).toFixed(1)}%, ${fileMs.toFixed(2)} ms per keyword search in process`);
} finally {
  await closeSharedPools();
  await rm(root, { recursive: true, force: true });
}

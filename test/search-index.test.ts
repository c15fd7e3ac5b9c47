// One suite for every index backend (the generation directory and PostgreSQL with pgvector), the
// agreement between them on the eval questions, and what only the database backend does:
// incremental generations with rows kept, atomic publishing, crash clean-up, its lock and its
// failure messages. The database tests run against a real PostgreSQL (see test/postgres.ts).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig, type Config } from '../src/config.js';
import type { Embedder } from '../src/embeddings/create-embeddings.js';
import { readEvalQuestions } from '../src/eval/answer-eval.js';
import { citationProblems } from '../src/grounding/citations.js';
import { DATABASE_CRASH_POINTS } from '../src/index-store/crash-points.js';
import { ingestConfigured, openSearchIndex } from '../src/index-store/open-index.js';
import { closeSharedPools, createPool, query } from '../src/index-store/postgres/database.js';
import { ingestIntoDatabase } from '../src/index-store/postgres/ingest-database.js';
import { openPostgresIndex } from '../src/index-store/postgres/postgres-index.js';
import { dropIndexTables } from '../src/index-store/postgres/schema.js';
import type { ChunkHit, SearchIndex } from '../src/index-store/search-index.js';
import { EXACT_SEARCH_LIMIT } from '../src/index-store/file-index.js';
import { readPublishedContent, type StoredIndex } from '../src/index-store/load-index.js';
import { ExactVectorIndex } from '../src/index-store/vector-index.js';
import { writeScaledCorpus } from '../src/bench/synthetic-corpus.js';
import type { Passage } from '../src/types.js';
import { createQaService, type QaService } from '../src/qa-service.js';
import { HybridRetriever } from '../src/retrieval/hybrid-retriever.js';
import { CACHE_DIR, copyOfCorpus, offlineEmbedder, PROJECT_CORPUS, temporaryDirectory } from './helpers.js';
import { startTestDatabaseServer, type TestDatabaseServer } from './postgres.js';

const embedder = offlineEmbedder();
const expected = { id: embedder.id, dimensions: embedder.dimensions };
const quiet = () => undefined;
const availability = inject('postgres');
const withDatabase = availability.kind !== 'none';

let server: TestDatabaseServer | undefined;
beforeAll(async () => {
  if (withDatabase) server = await startTestDatabaseServer(availability);
});
afterAll(async () => {
  await closeSharedPools();
  await server?.stop();
});

let databaseCount = 0;
/** A configuration for a fresh database (postgres) or directory (file) holding nothing yet. */
async function emptyStore(backend: 'file' | 'postgres', corpusDir = PROJECT_CORPUS): Promise<Config> {
  const indexDir = join(await temporaryDirectory('qa-index-'), 'index');
  const base = { CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, CACHE_DIR };
  if (backend === 'file') return loadConfig(base);
  const url = await server!.createDatabase(`qa_test_${process.pid}_${++databaseCount}`);
  return loadConfig({ ...base, INDEX_BACKEND: 'postgres', DATABASE_URL: url });
}

const BACKENDS = [
  { name: 'file' as const, enabled: true },
  { name: 'postgres' as const, enabled: withDatabase },
];

describe.each(BACKENDS)('the $name backend', ({ name, enabled }) => {
  let config: Config;
  let index: SearchIndex;
  let service: QaService;

  beforeAll(async () => {
    if (!enabled) return;
    config = await emptyStore(name);
    await ingestConfigured(config, { embedder, log: quiet });
    index = await openSearchIndex(config, expected);
    service = await createQaService(config, embedder);
  });

  it.skipIf(!enabled)('holds every article of the corpus, listed by id, with its text', async () => {
    expect(index.backend).toBe(name);
    expect(index.generation.counts.articles).toBe(5);
    const listed = await index.listArticles();
    expect(listed.map((article) => article.id)).toEqual([...listed.map((article) => article.id)].sort());
    expect(listed[0]).not.toHaveProperty('text');
    const patriot = await index.article('patriot-missiles-to-us');
    expect(patriot!.text).toContain('Patriot');
    expect(await index.article('no-such-article')).toBeUndefined();
    const found = await index.articlesById(['patriot-missiles-to-us', 'no-such-article', 'fighter-jet-exports']);
    expect([...found.keys()].sort()).toEqual(['fighter-jet-exports', 'patriot-missiles-to-us']);
    expect(await index.health()).toEqual({ ok: true });
  });

  it.skipIf(!enabled)('finds passages by words and by meaning, and returns their chunks with offsets intact', async () => {
    const lexical = await index.lexicalSearch('Patriot missiles', 3);
    expect(lexical[0]!.articleId).toBe('patriot-missiles-to-us');
    expect(await index.lexicalSearch('zzzz nothing matches', 3)).toEqual([]);
    const dense = await index.denseSearch(await embedder.embeddings.embedQuery('exports of fighter jets'), 5);
    expect(dense).toHaveLength(5);
    for (let i = 1; i < dense.length; i++) expect(dense[i - 1]!.score).toBeGreaterThanOrEqual(dense[i]!.score);
    const keys = [...dense.map((hit) => hit.key)].reverse();
    const chunks = await index.chunksByKey(keys);
    expect(chunks.map(({ chunk }) => chunk.start)).toEqual([...dense].reverse().map((hit) => hit.start));
    for (const { chunk, article } of chunks) expect(article.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
  });

  it.skipIf(!enabled)('knows the corpus vocabulary for the grounding layer', async () => {
    const { chunks } = await index.snapshot();
    expect(index.termStatistics.documentCount).toBe(chunks.length);
    expect(index.generation.counts.chunks).toBe(chunks.length);
    expect(index.termStatistics.documentFrequency('Komeito')).toBeGreaterThan(0);
    expect(index.termStatistics.documentFrequency('zzzz')).toBe(0);
    const terms = index.termStatistics.terms();
    expect([...terms].sort()).toEqual(terms);
    // Words for the articles themselves: a publication year, a publisher's name.
    expect(index.metadataWords.has('2024')).toBe(true);
    expect(index.metadataWords.has('kyodo')).toBe(true);
    expect(index.metadataWords.has('komeito')).toBe(false);
  });

  it.skipIf(!enabled)('answers through the QA service with citations that resolve to the stored text', async () => {
    const answer = await service.ask({ question: 'Which missiles will Japan sell to the United States?' });
    expect(answer.refused).toBe(false);
    expect(answer.answer).toContain('Patriot');
    expect(citationProblems(answer, await index.articlesById(answer.citations.map((citation) => citation.articleId)))).toEqual([]);
    expect((await service.getArticle('fighter-jet-exports'))!.title).toBeTruthy();
  });
});

describe.skipIf(!withDatabase)('PostgreSQL against the file backend', () => {
  it('retrieves the same passages and gives the same answers on every eval question', async () => {
    const questions = await readEvalQuestions(resolve('eval/questions.json'));
    const [fileConfig, databaseConfig] = [await emptyStore('file'), await emptyStore('postgres')];
    for (const config of [fileConfig, databaseConfig]) await ingestConfigured(config, { embedder, log: quiet });
    const [file, database] = [await createQaService(fileConfig, embedder), await createQaService(databaseConfig, embedder)];
    const retrievers = [file, database].map((service) => new HybridRetriever(service.index, embedder.embeddings));
    let samePassages = 0;
    let sameAnswers = 0;
    for (const { question } of questions) {
      const [a, b] = (await Promise.all(retrievers.map((retriever) => retriever.retrieve(question, 6)))) as [Passage[], Passage[]];
      const key = (passages: Passage[]) => passages.map((passage) => `${passage.chunk.articleId}:${passage.chunk.start}`).join(',');
      if (key(a) === key(b)) samePassages++;
      const [answerA, answerB] = await Promise.all([file.ask({ question }), database.ask({ question })]);
      if (JSON.stringify(answerA) === JSON.stringify(answerB)) sameAnswers++;
    }
    console.log(`file and PostgreSQL backends: same passages on ${samePassages}/${questions.length} eval questions, same answers on ${sameAnswers}/${questions.length}`);
    expect(samePassages).toBe(questions.length);
    expect(sameAnswers).toBe(questions.length);
  });
});

describe.skipIf(!withDatabase)('PostgreSQL against the file backend beyond the exact-scan size', () => {
  it('ranks keywords exactly as the file backend with common words pruned, and finds nearest chunks through HNSW', async () => {
    const corpusDir = join(await temporaryDirectory('qa-scaled-'), 'corpus');
    await writeScaledCorpus(corpusDir, PROJECT_CORPUS, 400);
    const [fileConfig, databaseConfig] = [await emptyStore('file', corpusDir), await emptyStore('postgres', corpusDir)];
    for (const config of [fileConfig, databaseConfig]) await ingestConfigured(config, { embedder, log: quiet });
    const [file, database] = [await openSearchIndex(fileConfig, expected), await openSearchIndex(databaseConfig, expected)];
    expect(database.generation.counts.chunks).toBeGreaterThan(EXACT_SEARCH_LIMIT);
    const place = (hit: ChunkHit) => `${hit.articleId}:${hit.start}`;
    for (const { question } of await readEvalQuestions(resolve('eval/questions.json'))) {
      expect((await database.lexicalSearch(question, 40)).map(place)).toEqual((await file.lexicalSearch(question, 40)).map(place));
    }
    // Nearest chunks through pgvector's HNSW, for sentences of the articles (as bench:ingest
    // measures): a hit counts when it is as near as the exact tenth, since generated articles
    // repeat sentences and equally near chunks are common.
    const { chunks } = await database.snapshot();
    // Beyond the exact-scan size the loaded index keeps no copy of the vectors beside its graph.
    expect((file as StoredIndex).vectors).toBeUndefined();
    const exact = new ExactVectorIndex((await readPublishedContent(fileConfig.indexDir)).vectors, file.generation.embedder.dimensions);
    let found = 0;
    const queries = chunks.filter((_, i) => i % 40 === 0).map((chunk) => chunk.text.slice(0, 120));
    for (const vector of await embedder.embeddings.embedDocuments(queries)) {
      const tenth = exact.search(vector, 10).at(-1)!.similarity - 1e-6;
      found += (await database.denseSearch(vector, 10)).filter((hit) => hit.score >= tenth).length;
    }
    console.log(`pgvector HNSW recall@10 over ${chunks.length} chunks, ${queries.length} article sentences: ${(found / (queries.length * 10)).toFixed(3)}`);
    expect(found / (queries.length * 10)).toBeGreaterThan(0.9);
    // Dense search is one statement: the connections carry pgvector's settings from the start.
    const pool = createPool(databaseConfig.database!);
    try {
      const [settings] = await query(pool, databaseConfig.database!, `SELECT '[1]'::vector AS loaded, current_setting('hnsw.ef_search') AS ef, current_setting('hnsw.iterative_scan') AS scan`);
      expect(settings).toMatchObject({ ef: String(databaseConfig.hnswEfSearch), scan: 'relaxed_order' });
    } finally {
      await pool.end();
    }
    // A breadth other than the session's (here 10, below k) is set for its own query.
    const narrow = await openPostgresIndex(databaseConfig.database!, expected, { efSearch: 10 });
    const [vector] = await embedder.embeddings.embedDocuments([queries[0]!]);
    expect(await narrow.denseSearch(vector!, 20)).toHaveLength(20);
  });
});

/** Row ids of each article's chunks in a generation. */
async function chunkRows(url: string): Promise<Map<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ article_id: string; row_id: string }>(
      `SELECT c.article_id, c.row_id FROM chunks c, index_current cur WHERE c.alive_from <= cur.generation_id
         AND c.article_row NOT IN (SELECT article_row FROM retired_articles WHERE alive_until < cur.generation_id) ORDER BY c.row_id`,
    );
    const byArticle = new Map<string, string[]>();
    for (const row of rows) byArticle.set(row.article_id, [...(byArticle.get(row.article_id) ?? []), row.row_id]);
    return byArticle;
  } finally {
    await client.end();
  }
}

async function sqlOn(url: string, text: string): Promise<pg.QueryResultRow[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

function runIngestProcess(config: Config, corpusDir: string, crashAt: string): Promise<NodeJS.Signals | null> {
  const env = { ...process.env, INDEX_BACKEND: 'postgres', DATABASE_URL: config.database!.url, CACHE_DIR, INGEST_CRASH_AT: crashAt };
  const child = spawn(process.execPath, ['--import', 'tsx', resolve('scripts/ingest.ts'), '--corpus', corpusDir], { stdio: 'ignore', env });
  return new Promise((done) => child.once('exit', (_code, signal) => done(signal)));
}

describe.skipIf(!withDatabase)('ingest into PostgreSQL', () => {
  it('keeps unchanged articles\' rows, publishes atomically, and prunes generations older than the previous one', async () => {
    const corpusDir = await copyOfCorpus();
    const config = await emptyStore('postgres', corpusDir);
    const database = config.database!;
    const first = await ingestIntoDatabase({ corpusDir, database, embedder, log: quiet });
    expect(first).toMatchObject({ published: true, articles: 5, reusedArticles: 0 });
    expect(await ingestIntoDatabase({ corpusDir, database, embedder, log: quiet })).toMatchObject({ published: false, generation: first.generation });
    const before = await chunkRows(database.url);
    const old = await openPostgresIndex(database, expected);

    await appendFile(join(corpusDir, 'fighter-jet-exports.md'), '\nThe ministry added that the first exports could come before 2036.\n');
    const second = await ingestIntoDatabase({ corpusDir, database, embedder, log: quiet });
    expect(second).toMatchObject({ published: true, reusedArticles: 4 });
    expect(second.embeddedChunks).toBe((await chunkRows(database.url)).get('fighter-jet-exports')!.length);
    const after = await chunkRows(database.url);
    for (const [articleId, rows] of before) {
      if (articleId === 'fighter-jet-exports') expect(after.get(articleId)).not.toEqual(rows);
      else expect(after.get(articleId)).toEqual(rows);
    }
    // A server still on the old generation reads the old text until it loads the new one.
    expect((await old.article('fighter-jet-exports'))!.text).not.toContain('before 2036');
    const current = await openPostgresIndex(database, expected);
    expect(current.generation.name).toBe(second.generation);
    expect((await current.article('fighter-jet-exports'))!.text).toContain('before 2036');
    expect((await current.lexicalSearch('exports before 2036', 1))[0]!.articleId).toBe('fighter-jet-exports');

    await writeFile(join(corpusDir, 'new-article.md'), '---\ntitle: New article\npublished: 2026-05\n---\nJapan approved the export of two destroyers to an allied navy.\n');
    const third = await ingestIntoDatabase({ corpusDir, database, embedder, log: quiet });
    expect(third).toMatchObject({ published: true, articles: 6, reusedArticles: 5 });
    // Kept: the current generation and the one before it; the first one's rows are gone.
    const generations = await sqlOn(database.url, 'SELECT name, state FROM index_generations ORDER BY id');
    expect(generations).toEqual([
      { name: second.generation, state: 'published' },
      { name: third.generation, state: 'published' },
    ]);
    expect(await sqlOn(database.url, `SELECT count(*)::int AS n FROM articles WHERE id = 'fighter-jet-exports'`)).toEqual([{ n: 1 }]);
  });

  it('after a kill -9 at every step the current generation answers, and the next ingest removes what was left', async () => {
    const corpusDir = await copyOfCorpus();
    const config = await emptyStore('postgres', corpusDir);
    const database = config.database!;
    await ingestIntoDatabase({ corpusDir, database, embedder, log: quiet });
    for (const [round, point] of DATABASE_CRASH_POINTS.entries()) {
      const served = (await openPostgresIndex(database, expected)).generation.name;
      await writeFile(join(corpusDir, `round-${round}.txt`), `Round ${round}\nJapan reviewed its export rules again in round ${round}.\n`);
      expect(await runIngestProcess(config, corpusDir, point)).toBe('SIGKILL');
      const index = await openPostgresIndex(database, expected);
      // Killed before the commit: the old generation, whole; killed after it: the new one, whole.
      expect(index.generation.name === served).toBe(point !== 'published');
      const { articles, chunks } = await index.snapshot();
      expect(articles.size).toBe(index.generation.counts.articles);
      expect(chunks.length).toBe(index.generation.counts.chunks);
      for (const chunk of chunks) expect(articles.get(chunk.articleId)!.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
      expect((await index.lexicalSearch('Patriot missiles', 1))[0]!.articleId).toBe('patriot-missiles-to-us');

      const notices: string[] = [];
      const next = await ingestIntoDatabase({ corpusDir, database, embedder, log: (line) => notices.push(line) });
      // Unpublished rows after a kill before the commit; an unpruned older generation after one just after it.
      const leftBehind = point !== 'locked' && point !== 'leftovers-removed';
      expect(notices.some((line) => line.startsWith('Removed what earlier ingests left behind'))).toBe(leftBehind);
      expect(next.published).toBe(point !== 'published');
      expect(await sqlOn(database.url, `SELECT count(*)::int AS n FROM index_generations WHERE state = 'building'`)).toEqual([{ n: 0 }]);
      const current = await openPostgresIndex(database, expected);
      expect(current.generation.counts.articles).toBe(6 + round);
    }
  });

  it('refuses a second ingest while one holds the lock, naming the holder', async () => {
    const config = await emptyStore('postgres');
    const holder = new pg.Client({ connectionString: config.database!.url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(7368011235)');
      await expect(ingestIntoDatabase({ corpusDir: PROJECT_CORPUS, database: config.database!, embedder, log: quiet })).rejects.toThrow(
        /Another ingest is writing the index database postgres:\/\/.* \(its PostgreSQL backend pid is \d+\)\. Wait for it to finish/,
      );
    } finally {
      await holder.end();
    }
    await expect(ingestIntoDatabase({ corpusDir: PROJECT_CORPUS, database: config.database!, embedder, log: quiet })).resolves.toMatchObject({ published: true });
  });

  it('npm run ask ends as soon as it has answered, without waiting for idle database connections to time out', async () => {
    const config = await emptyStore('postgres');
    await ingestIntoDatabase({ corpusDir: PROJECT_CORPUS, database: config.database!, embedder, log: quiet });
    const env = { ...process.env, INDEX_BACKEND: 'postgres', DATABASE_URL: config.database!.url, CORPUS_DIR: PROJECT_CORPUS, CACHE_DIR };
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', resolve('scripts/ask.ts'), 'Which missiles will Japan sell to the United States?'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (data: Buffer) => (output += data));
    const [code] = await once(child, 'exit');
    const elapsedMs = performance.now() - started;
    expect(code).toBe(0);
    expect(output).toContain('Patriot');
    // The pool's idle connections used to hold the process for their 30 s idle timeout.
    expect(elapsedMs).toBeLessThan(20_000);
  });

  it('reports a failure that is not the database\'s (here the embeddings service) as it is, not as an unreachable database', async () => {
    const config = await emptyStore('postgres');
    const failing: Embedder = {
      ...embedder,
      embeddings: Object.assign(Object.create(embedder.embeddings), {
        embedDocuments: async () => {
          throw new Error('the embeddings service answered 500');
        },
      }),
    };
    const failure = ingestIntoDatabase({ corpusDir: PROJECT_CORPUS, database: config.database!, embedder: failing, log: quiet });
    await expect(failure).rejects.toThrow(/^the embeddings service answered 500$/);
    // The database is fine: the lock was released and a working ingest publishes.
    await expect(ingestIntoDatabase({ corpusDir: PROJECT_CORPUS, database: config.database!, embedder, log: quiet })).resolves.toMatchObject({ published: true });
  });

  it('reads each article of a generation once: citations and audits of later questions need no article reads, and get the same objects', async () => {
    const config = await emptyStore('postgres');
    await ingestIntoDatabase({ corpusDir: PROJECT_CORPUS, database: config.database!, embedder, log: quiet });
    const index = await openPostgresIndex(config.database!, expected);
    const hits = await index.lexicalSearch('Patriot missiles United States', 3);
    const chunks = await index.chunksByKey(hits.map((hit) => hit.key));
    expect(chunks.map((entry) => entry.chunk.articleId)).toEqual(hits.map((hit) => hit.articleId));
    const ids = [...new Set(chunks.map((entry) => entry.article.id))];
    const first = await index.articlesById(ids);
    for (const id of ids) expect(first.get(id)).toBe(chunks.find((entry) => entry.article.id === id)!.article);
    // With the articles table out of reach, only what the index already read can be answered.
    await server!.sql(new URL(config.database!.url).pathname.slice(1), 'ALTER TABLE articles RENAME TO articles_away');
    try {
      const again = await index.articlesById(ids);
      for (const id of ids) expect(again.get(id)).toBe(first.get(id));
      await expect(index.article('no-such-article-read-yet')).rejects.toThrow(/articles/);
    } finally {
      await server!.sql(new URL(config.database!.url).pathname.slice(1), 'ALTER TABLE articles_away RENAME TO articles');
    }
  });

  it('drops the index tables of a scratch database, but a published index only when told to', async () => {
    const config = await emptyStore('postgres');
    await expect(dropIndexTables(config.database!)).resolves.toBeUndefined();
    const { generation } = await ingestIntoDatabase({ corpusDir: PROJECT_CORPUS, database: config.database!, embedder, log: quiet });
    await expect(dropIndexTables(config.database!)).rejects.toThrow(
      new RegExp(`The database postgres://.* serves a published index \\(generation ${generation}\\).*pass --drop to drop that index anyway`),
    );
    await expect(openPostgresIndex(config.database!, expected)).resolves.toMatchObject({ generation: { name: generation } });
    await dropIndexTables(config.database!, { evenIfPublished: true });
    const tables = await server!.sql(new URL(config.database!.url).pathname.slice(1), `SELECT to_regclass('index_current') AS current`);
    expect(tables[0]!.current).toBeNull();
  });

  it('says how to get pgvector when a database lacks it and the user may not create it', async () => {
    await server!.sql('postgres', `DO $$ BEGIN CREATE ROLE qa_limited LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$`);
    const url = await server!.createDatabase(`qa_test_${process.pid}_novector`, { withoutVector: true, owner: 'qa_limited' });
    const config = loadConfig({ CORPUS_DIR: PROJECT_CORPUS, CACHE_DIR, INDEX_BACKEND: 'postgres', DATABASE_URL: url });
    await expect(ingestIntoDatabase({ corpusDir: PROJECT_CORPUS, database: config.database!, embedder, log: quiet })).rejects.toThrow(
      /pgvector is available but not created in the database postgres:\/\/qa_limited@.*, and this user may not create it \(permission denied.*\): install pgvector .*CREATE EXTENSION vector;/,
    );
    await expect(openPostgresIndex(config.database!, expected)).rejects.toThrow(/holds no published index; run `npm run ingest` with INDEX_BACKEND=postgres/);
  });

  it('reports a database that cannot be reached, with the URL but never the password', async () => {
    const config = loadConfig({ CORPUS_DIR: PROJECT_CORPUS, CACHE_DIR, INDEX_BACKEND: 'postgres', DATABASE_URL: 'postgres://qa:secret@127.0.0.1:1/qa', DATABASE_CONNECT_TIMEOUT_MS: '500' });
    const failure = openPostgresIndex(config.database!, expected);
    await expect(failure).rejects.toThrow(/The index database postgres:\/\/qa:\*\*\*@127\.0\.0\.1:1\/qa cannot be reached \(.*ECONNREFUSED.*\): check that PostgreSQL is running/);
    await expect(failure).rejects.toMatchObject({ code: 'index_unavailable' });
    await expect(ingestIntoDatabase({ corpusDir: PROJECT_CORPUS, database: config.database!, embedder, log: quiet })).rejects.toThrow(/cannot be reached/);
    await expect(failure).rejects.not.toThrow(/secret/);
  });
});

describe('database settings', () => {
  it.each([
    [{ INDEX_BACKEND: 'postgres' }, /INDEX_BACKEND=postgres needs DATABASE_URL, e\.g\. postgres:\/\//],
    [{ INDEX_BACKEND: 'postgres', DATABASE_URL: 'not a url' }, /DATABASE_URL is not a URL: use the form postgres:\/\/user:password@host:5432\/database/],
    [{ INDEX_BACKEND: 'postgres', DATABASE_URL: 'mysql://root:hunter2@db/qa' }, /DATABASE_URL=mysql:\/\/root:\*\*\*@db\/qa is not a PostgreSQL URL/],
    [{ INDEX_BACKEND: 'postgres', DATABASE_URL: 'postgres://db/qa', DATABASE_POOL_SIZE: '0' }, /DATABASE_POOL_SIZE="0" is not valid: use a whole number from 1 to 1000/],
    [{ INDEX_BACKEND: 'postgres', DATABASE_URL: 'postgres://db/qa', DATABASE_SSL: 'yes' }, /DATABASE_SSL="yes" is not valid: use one of disable, require, verify-ca, verify-full/],
    [{ INDEX_BACKEND: 'postgres', DATABASE_URL: 'postgres://qa:hunter2@db/qa?sslmode=prefer' }, /sslmode=prefer, which is not supported: use sslmode=disable, require, verify-ca or verify-full in the URL, or set DATABASE_SSL/],
    [{ INDEX_BACKEND: 'postgres', DATABASE_URL: 'postgres://qa:hunter2@db/qa?sslmode=require', DATABASE_SSL: 'disable' }, /DATABASE_SSL=disable contradicts sslmode=require in DATABASE_URL=postgres:\/\/qa:\*\*\*@db\/qa/],
    [{ INDEX_BACKEND: 'sqlite' }, /INDEX_BACKEND="sqlite" is not valid: use one of file, postgres/],
    [
      { INDEX_BACKEND: 'postgres', DATABASE_URL: 'postgres://db/qa', DATABASE_SSL: 'verify-full', DATABASE_SSL_CA: '/nonexistent/ca.pem' },
      /DATABASE_SSL_CA=\/nonexistent\/ca\.pem cannot be read \(ENOENT.*\): name a PEM file with the database server's certificate authority/,
    ],
    [
      { INDEX_BACKEND: 'postgres', DATABASE_URL: 'postgres://db/qa', DATABASE_SSL: 'verify-full', DATABASE_SSL_CA: resolve('package.json') },
      /DATABASE_SSL_CA=.*package\.json holds no PEM certificate/,
    ],
  ])('%o is refused with a message naming the fix', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
    expect(() => loadConfig(env)).not.toThrow(/hunter2/);
  });

  it('reads the pool, timeout and SSL settings', () => {
    const config = loadConfig({ INDEX_BACKEND: 'postgres', DATABASE_URL: 'postgres://qa@db:5432/qa', DATABASE_POOL_SIZE: '4', DATABASE_STATEMENT_TIMEOUT_MS: '2500', DATABASE_SSL: 'require' });
    expect(config.database).toMatchObject({ poolSize: 4, statementTimeoutMs: 2500, ssl: 'require', connectTimeoutMs: 3000 });
    expect(loadConfig({}).indexBackend).toBe('file');
  });

  it.each([
    ['postgres://db/qa', {}, 'disable'],
    ['postgres://db/qa?sslmode=require', {}, 'require'],
    ['postgres://db/qa?sslmode=verify-ca', {}, 'verify-ca'],
    ['postgres://db/qa?sslmode=verify-full', { DATABASE_SSL: 'verify-full' }, 'verify-full'],
    ['postgres://db/qa', { DATABASE_SSL: 'require' }, 'require'],
  ])('%s with %o connects with SSL %s', (url, env, ssl) => {
    expect(loadConfig({ INDEX_BACKEND: 'postgres', DATABASE_URL: url, ...env }).database!.ssl).toBe(ssl);
  });

  it.skipIf(!withDatabase)('a URL asking for SSL reaches a server without it with the server\'s refusal, not a plain-text connection', async () => {
    const database = loadConfig({ INDEX_BACKEND: 'postgres', DATABASE_URL: `${server!.url('postgres')}?sslmode=require`, DATABASE_CONNECT_TIMEOUT_MS: '2000' }).database!;
    const pool = createPool(database);
    try {
      await expect(query(pool, database, 'SELECT 1')).rejects.toThrow(/does not support SSL/);
    } finally {
      await pool.end();
    }
  });

  it('reads the certificate authority once, at start', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'qa-ca-'));
    const file = join(directory, 'ca.pem');
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    await writeFile(file, pem);
    const config = loadConfig({ INDEX_BACKEND: 'postgres', DATABASE_URL: 'postgres://qa@db:5432/qa', DATABASE_SSL: 'verify-full', DATABASE_SSL_CA: file });
    await rm(directory, { recursive: true });
    expect(config.database!.sslCa).toEqual({ file, pem });
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { appendFile, readFile, rm, truncate, writeFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { IndexLockedError } from '../src/errors.js';
import { ingest } from '../src/index-store/ingest.js';
import { paths } from '../src/index-store/index-files.js';
import { loadIndex, readCurrentGeneration, readManifest } from '../src/index-store/load-index.js';
import { acquireLock } from '../src/index-store/lock.js';
import { ensureIndex } from '../src/cli/ensure-index.js';
import { LexicalIndex } from '../src/index-store/lexical-index.js';
import { loadConfig } from '../src/config.js';
import { CACHE_DIR, captureLogs, copyOfCorpus, offlineEmbedder, PROJECT_CORPUS, temporaryDirectory } from './helpers.js';

const embedder = offlineEmbedder();
const expected = { id: embedder.id, dimensions: 100 };

async function freshIndex(): Promise<string> {
  const indexDir = join(await temporaryDirectory('qa-index-'), 'index');
  await ingest({ corpusDir: PROJECT_CORPUS, indexDir, embedder });
  return indexDir;
}

async function currentFile(indexDir: string, file: string): Promise<string> {
  const { directory } = await readManifest(indexDir);
  return join(directory, file);
}

describe('index generations', () => {
  let indexDir: string;
  beforeAll(async () => {
    indexDir = await freshIndex();
  });

  it('loads what ingest published, with offsets intact', async () => {
    const index = await loadIndex(indexDir, expected);
    expect(index.manifest.counts.articles).toBe(5);
    expect(index.chunks.length).toBe(index.manifest.counts.chunks);
    expect(index.vectorIndex.size).toBe(index.chunks.length);
    for (const chunk of index.chunks) expect(index.articles.get(chunk.articleId)!.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
    const hits = index.lexicalIndex.search('Patriot missiles', 3);
    expect(index.chunks[hits[0]!.ordinal]!.articleId).toBe('patriot-missiles-to-us');
    // The stored BM25 index answers exactly like a freshly built one.
    const rebuilt = LexicalIndex.build(index.chunks.map((chunk, ordinal) => ({ id: ordinal, text: chunk.text })));
    for (const query of ['US ambassador George Glass welcomed', 'five non-combat areas', 'Tempest fighter jet 2035', 'nothing matches zzzz']) {
      expect(index.lexicalIndex.search(query, 5)).toEqual(rebuilt.search(query, 5));
    }
    expect(index.lexicalIndex.search('nothing matches zzzz', 5)).toEqual([]);
    expect(index.lexicalIndex.documentFrequency('Komeito')).toBe(rebuilt.documentFrequency('komeito'));
    expect(index.lexicalIndex.documentFrequency('Komeito')).toBeGreaterThan(0);
  });

  it('rejects an index built with another embedder, naming both and the fix', async () => {
    await expect(loadIndex(indexDir, { id: 'openai:text-embedding-3-small' })).rejects.toThrow(
      /built with embedder "offline-glove-sif-v2" but the configured embedder is "openai:text-embedding-3-small"; run `npm run ingest`/,
    );
    await expect(loadIndex(indexDir, { id: embedder.id, dimensions: 1536 })).rejects.toThrow(/100-dimensional vectors but the embedder produces 1536/);
  });

  it('reports a missing index with the command to build it', async () => {
    await expect(loadIndex(join(indexDir, 'nowhere'), expected)).rejects.toThrow(/No index found in .*run `npm run ingest`/);
  });

  it('detects missing, truncated and corrupted files', async () => {
    const damaged = await freshIndex();
    const lexical = await currentFile(damaged, 'lexical.bin');
    const original = await readFile(lexical);

    await rm(lexical);
    await expect(loadIndex(damaged, expected)).rejects.toThrow(/lexical.bin is missing/);

    await writeFile(lexical, original.subarray(0, original.length - 10));
    await expect(loadIndex(damaged, expected)).rejects.toThrow(/lexical.bin is truncated or changed/);

    const flipped = Buffer.from(original);
    flipped[5] = flipped[5]! ^ 1;
    await writeFile(lexical, flipped);
    await expect(loadIndex(damaged, expected)).rejects.toThrow(/lexical.bin does not match its checksum/);

    await writeFile(lexical, original);
    await expect(loadIndex(damaged, expected)).resolves.toBeDefined();

    await truncate(await currentFile(damaged, 'hnsw.bin'), 100);
    await expect(loadIndex(damaged, expected)).rejects.toThrow(/hnsw.bin is truncated/);

    await writeFile(join(damaged, 'generations', (await readFile(paths.current(damaged), 'utf8')).trim(), 'manifest.json'), '{ not json');
    await expect(loadIndex(damaged, expected)).rejects.toThrow(/manifest .* is missing or unreadable/);
  });
});

describe('ingest', () => {
  it('reuses the vectors of unchanged articles and re-embeds only what changed', async () => {
    const corpusDir = await copyOfCorpus();
    const indexDir = join(await temporaryDirectory(), 'index');
    const first = await ingest({ corpusDir, indexDir, embedder });
    expect(first).toMatchObject({ published: true, articles: 5, reusedArticles: 0 });
    const before = await loadIndex(indexDir, expected);

    const again = await ingest({ corpusDir, indexDir, embedder });
    expect(again).toMatchObject({ published: false, reusedArticles: 5, embeddedChunks: 0, generation: first.generation });

    await appendFile(join(corpusDir, 'patriot-missiles-to-us.md'), '\nThe first shipment is planned for next year.\n');
    const changed = await ingest({ corpusDir, indexDir, embedder });
    const after = await loadIndex(indexDir, expected);
    const patriotChunks = after.chunks.filter((chunk) => chunk.articleId === 'patriot-missiles-to-us').length;
    expect(changed).toMatchObject({ published: true, reusedArticles: 4, embeddedChunks: patriotChunks });

    // Vectors of an untouched article are carried over bit for bit.
    const vectorsOf = (index: typeof before, id: string) => {
      const entry = index.manifest.articles.find((article) => article.id === id)!;
      return Array.from(index.vectors!.subarray(entry.firstChunk * 100, (entry.firstChunk + entry.chunkCount) * 100));
    };
    expect(vectorsOf(after, 'fighter-jet-exports')).toEqual(vectorsOf(before, 'fighter-jet-exports'));
  });

  it('rebuilds a damaged index instead of calling it up to date, as the load error advises', async () => {
    const indexDir = join(await temporaryDirectory(), 'index');
    const first = await ingest({ corpusDir: PROJECT_CORPUS, indexDir, embedder });
    await truncate(await currentFile(indexDir, 'vectors.f32'), 100);
    await expect(loadIndex(indexDir, expected)).rejects.toThrow(/vectors.f32 is truncated.*run `npm run ingest`/);
    const repaired = await ingest({ corpusDir: PROJECT_CORPUS, indexDir, embedder });
    // Nothing is reused from the damaged generation: every chunk is embedded again.
    expect(repaired).toMatchObject({ published: true, reusedArticles: 0, embeddedChunks: first.chunks });
    await expect(loadIndex(indexDir, expected)).resolves.toBeDefined();
  });

  it('refuses to run while another ingest holds the lock, and takes over a stale lock', async () => {
    const indexDir = join(await temporaryDirectory(), 'index');
    await mkdir(indexDir, { recursive: true });
    const lock = await acquireLock(paths.lock(indexDir));
    const attempt = ingest({ corpusDir: PROJECT_CORPUS, indexDir, embedder });
    await expect(attempt).rejects.toBeInstanceOf(IndexLockedError);
    await expect(attempt).rejects.toThrow(/Another ingest \(pid \d+\) is writing this index/);
    await lock.release();

    // A lock file left by a process that no longer exists does not block.
    await writeFile(paths.lock(indexDir), '999999999');
    await expect(ingest({ corpusDir: PROJECT_CORPUS, indexDir, embedder })).resolves.toMatchObject({ published: true });
  });

  it('leaves the previous index loadable when an ingest is killed at any moment', async () => {
    const root = await temporaryDirectory('qa-kill-');
    const indexDir = join(root, 'index');
    await ingest({ corpusDir: PROJECT_CORPUS, indexDir, embedder });
    const bigCorpus = join(root, 'big');
    await mkdir(bigCorpus);
    const base = await readFile(join(PROJECT_CORPUS, 'lethal-exports-17-countries.md'), 'utf8');
    const body = base.slice(base.indexOf('\n---\n') + 5);
    for (let i = 0; i < 600; i++) await writeFile(join(bigCorpus, `copy-${i}.txt`), `Copy ${i} of the article\n${body}`);

    const delays = [300, 900, 1500, 2100, 2700, 3300];
    const seen: number[] = [];
    for (const delay of delays) {
      const child = spawn(process.execPath, ['--import', 'tsx', resolve('scripts/ingest.ts'), '--corpus', bigCorpus, '--index', indexDir], {
        stdio: 'ignore',
      });
      // Listened for from the start: a run that ends before the kill would otherwise be waited for forever.
      const exited = new Promise((done) => child.once('exit', done));
      await new Promise((done) => setTimeout(done, delay));
      child.kill('SIGKILL');
      await exited;
      const index = await loadIndex(indexDir, expected);
      expect([5, 600]).toContain(index.manifest.counts.articles);
      seen.push(index.manifest.counts.articles);
    }
    // At least one kill landed before the new generation was published.
    expect(seen).toContain(5);
    // The killed runs left their lock behind; the next ingest still runs.
    await expect(ingest({ corpusDir: PROJECT_CORPUS, indexDir, embedder })).resolves.toBeDefined();
  }, 120_000);
});

describe('the ingest command', () => {
  it('names each unusable file, publishes the rest, and exits 1', async () => {
    const root = await temporaryDirectory('qa-cli-');
    const corpusDir = join(root, 'corpus');
    await mkdir(corpusDir);
    await writeFile(join(corpusDir, 'good.txt'), 'A headline\nJapan eased its arms export rules in 2014 for the first time.\n');
    await writeFile(join(corpusDir, 'broken.pdf'), 'not a pdf at all');
    const run = spawnSync(process.execPath, ['--import', 'tsx', resolve('scripts/ingest.ts'), '--corpus', corpusDir, '--index', join(root, 'index')], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/skipped broken\.pdf: not a readable PDF/);
    expect(run.stdout).toMatch(/articles: 1 /);
    // Not a terminal: plain progress lines, no carriage-return redraws.
    expect(run.stderr).toMatch(/^reading: \d+\/2$/m);
    expect(run.stderr).not.toContain('\r');
    expect((await loadIndex(join(root, 'index'), expected)).manifest.counts.articles).toBe(1);

    const missing = spawnSync(process.execPath, ['--import', 'tsx', resolve('scripts/ingest.ts'), '--corpus', join(root, 'nowhere'), '--index', join(root, 'index2')], { encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read the corpus directory .*--corpus DIR or set CORPUS_DIR/);
  });
});

describe('a running server and a new ingest', () => {
  it('swaps in the newly published generation and keeps serving the old one if the new one is broken', async () => {
    const { reloadOnNewGeneration } = await import('../src/server/index-reloader.js');
    const { createQaService } = await import('../src/qa-service.js');
    const { loadConfig } = await import('../src/config.js');
    const corpusDir = await copyOfCorpus();
    const indexDir = join(await temporaryDirectory(), 'index');
    const config = loadConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, CACHE_DIR: resolve('data/cache') });
    await ingest({ corpusDir, indexDir, embedder });
    const state: import('../src/server/app.js').ServiceState = { service: await createQaService(config, embedder) };
    const { logger, records, messages } = await captureLogs();
    // Checks only when the test says: it damages a generation between publishing and loading it.
    const reloader = reloadOnNewGeneration(config, embedder, state, { intervalMs: 60_000, watch: false, logger });
    try {
      const before = state.service!;
      await reloader.check();
      expect(state.service).toBe(before);

      await writeFile(join(corpusDir, 'new-article.md'), '---\ntitle: New article\npublished: 2026-05\n---\nJapan approved the export of two destroyers to an allied navy.\n');
      await ingest({ corpusDir, indexDir, embedder });
      await reloader.check();
      expect(state.service).not.toBe(before);
      expect(state.service!.index.generation.counts.articles).toBe(6);
      expect(messages().at(-1)).toMatch(/Now serving index generation .* \(6 articles\)/);
      expect(records.at(-1)).toMatchObject({ event: 'index_swapped', generation: await readCurrentGeneration(indexDir), articles: 6 });

      // A damaged new generation: the last good one keeps serving.
      const serving = state.service!;
      await writeFile(join(corpusDir, 'another.md'), '---\ntitle: Another\n---\nJapan and Italy signed an engine agreement in 2026.\n');
      await ingest({ corpusDir, indexDir, embedder });
      await truncate(await currentFile(indexDir, 'vectors.f32'), 10);
      await reloader.check();
      expect(state.service).toBe(serving);
      expect(messages().at(-1)).toMatch(/could not be loaded: .*vectors.f32 is truncated/);
      expect(records.at(-1)).toMatchObject({ event: 'index_load_failed', level: 50, generation: await readCurrentGeneration(indexDir) });
      // The broken generation is not retried (or logged) on every check.
      const logged = records.length;
      await reloader.check();
      expect(records).toHaveLength(logged);
    } finally {
      reloader.stop();
    }
  });
});

describe('an index an older release wrote', () => {
  async function indexBuiltWith(embedderId: string): Promise<string> {
    const indexDir = join(await temporaryDirectory('qa-index-'), 'index');
    await ingest({ corpusDir: PROJECT_CORPUS, indexDir, embedder: { ...embedder, id: embedderId } });
    return indexDir;
  }

  it('is rebuilt at start when an older offline embedder built it, then loads', async () => {
    const indexDir = await indexBuiltWith('offline-glove-sif-v0');
    const lines: string[] = [];
    await ensureIndex(loadConfig({ INDEX_DIR: indexDir, CORPUS_DIR: PROJECT_CORPUS, CACHE_DIR }), embedder, (line) => lines.push(line));
    expect(lines[0]).toMatch(/rebuilt .*offline-glove-sif-v0, an older version of the offline embedder/);
    expect((await readManifest(indexDir)).manifest.embedder.id).toBe(embedder.id);
    await expect(loadIndex(indexDir, expected)).resolves.toBeDefined();
  });

  it('is rebuilt at start when its format is older', async () => {
    const indexDir = await freshIndex();
    const manifestFile = await currentFile(indexDir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestFile, 'utf8'));
    await writeFile(manifestFile, JSON.stringify({ ...manifest, formatVersion: manifest.formatVersion - 1 }));
    const lines: string[] = [];
    await ensureIndex(loadConfig({ INDEX_DIR: indexDir, CORPUS_DIR: PROJECT_CORPUS, CACHE_DIR }), embedder, (line) => lines.push(line));
    expect(lines[0]).toMatch(/older format/);
    await expect(loadIndex(indexDir, expected)).resolves.toBeDefined();
  });

  it('is left alone when another provider built it: loading names the setting instead', async () => {
    const indexDir = await indexBuiltWith('openai:text-embedding-3-small');
    const before = await readCurrentGeneration(indexDir);
    const lines: string[] = [];
    await ensureIndex(loadConfig({ INDEX_DIR: indexDir, CORPUS_DIR: PROJECT_CORPUS, CACHE_DIR }), embedder, (line) => lines.push(line));
    expect(lines).toEqual([]);
    expect(await readCurrentGeneration(indexDir)).toBe(before);
    await expect(loadIndex(indexDir, expected)).rejects.toThrow(/EMBEDDINGS_PROVIDER/);
  });
});

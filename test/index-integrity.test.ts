// The index on disk as an attacker or a crash leaves it: hand-edited manifests, leftovers of
// killed ingests, stale locks, a CURRENT pointing elsewhere, and new generations under load.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { IndexLockedError } from '../src/errors.js';
import type { CrashPoint } from '../src/index-store/crash-points.js';
import { paths, type Manifest } from '../src/index-store/index-files.js';
import { ingest } from '../src/index-store/ingest.js';
import { loadIndex, readCurrentGeneration, readManifest, type StoredIndex } from '../src/index-store/load-index.js';
import { acquireLock } from '../src/index-store/lock.js';
import { manifestChecksum } from '../src/index-store/validate-manifest.js';
import { createQaService } from '../src/qa-service.js';
import { createApp, type ServiceState } from '../src/server/app.js';
import { reloadOnNewGeneration } from '../src/server/index-reloader.js';
import { silentLogger } from '../src/server/logging.js';
import { captureLogs, CACHE_DIR, copyOfCorpus, listen, offlineEmbedder, postJson, PROJECT_CORPUS, temporaryDirectory } from './helpers.js';

const embedder = offlineEmbedder();
const expected = { id: embedder.id, dimensions: 100 };
const quiet = () => undefined;

async function indexOf(corpusDir = PROJECT_CORPUS): Promise<string> {
  const indexDir = join(await temporaryDirectory('qa-integrity-'), 'index');
  await ingest({ corpusDir, indexDir, embedder, log: quiet });
  return indexDir;
}

async function manifestPath(indexDir: string): Promise<string> {
  return join(paths.generation(indexDir, (await readCurrentGeneration(indexDir))!), 'manifest.json');
}

/** Edits the published manifest as a person with a text editor would: still valid JSON. */
async function editManifest(indexDir: string, edit: (manifest: Manifest) => void, options: { recomputeChecksum?: boolean } = {}): Promise<void> {
  const path = await manifestPath(indexDir);
  const manifest = JSON.parse(await readFile(path, 'utf8')) as Manifest;
  edit(manifest);
  if (options.recomputeChecksum) manifest.checksum = manifestChecksum(manifest);
  await writeFile(path, JSON.stringify(manifest, null, 2));
}

function runIngestProcess(corpusDir: string, indexDir: string, crashAt?: CrashPoint): Promise<NodeJS.Signals | null> {
  const env = { ...process.env, ...(crashAt ? { INGEST_CRASH_AT: crashAt } : {}) };
  const child = spawn(process.execPath, ['--import', 'tsx', resolve('scripts/ingest.ts'), '--corpus', corpusDir, '--index', indexDir], { stdio: 'ignore', env });
  return new Promise((done) => child.once('exit', (_code, signal) => done(signal)));
}

async function appendToArticle(corpusDir: string, line: string): Promise<void> {
  const file = join(corpusDir, 'patriot-missiles-to-us.md');
  await writeFile(file, `${await readFile(file, 'utf8')}\n${line}\n`);
}

describe('the manifest is checked, not trusted', () => {
  it('a hand-edited chunk range fails the checksum, and the next ingest rebuilds rather than handing an article another article\'s chunks', async () => {
    const corpusDir = await copyOfCorpus();
    const indexDir = await indexOf(corpusDir);
    await editManifest(indexDir, (manifest) => {
      manifest.articles[2]!.firstChunk = 0;
    });
    await expect(loadIndex(indexDir, expected)).rejects.toThrow(/manifest of index generation ".*" does not match its checksum .*run `npm run ingest`/);

    await appendToArticle(corpusDir, 'The first shipment is planned for next year.');
    await expect(ingest({ corpusDir, indexDir, embedder, log: quiet })).resolves.toMatchObject({ published: true, reusedArticles: 0 });
    const index = await loadIndex(indexDir, expected);
    for (const entry of index.manifest.articles) {
      const owned = index.chunks.slice(entry.firstChunk, entry.firstChunk + entry.chunkCount);
      expect(owned.every((chunk) => chunk.articleId === entry.id)).toBe(true);
      for (const chunk of owned) expect(index.articles.get(entry.id)!.text.slice(chunk.start, chunk.end)).toBe(chunk.text);
    }
  });

  it("holds each chunk's text as a slice of its article's, and names a chunks file whose text is not the article's, even with every checksum recomputed", async () => {
    const indexDir = await indexOf();
    const index = await loadIndex(indexDir, expected);
    for (const chunk of index.chunks) expect(chunk.text).toBe(index.articles.get(chunk.articleId)!.text.slice(chunk.start, chunk.end));

    // One chunk's stored text says otherwise; the files' sizes and checksums are made to agree.
    const directory = paths.generation(indexDir, (await readCurrentGeneration(indexDir))!);
    const chunksFile = join(directory, 'chunks.jsonl');
    const rows = (await readFile(chunksFile, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as { text: string });
    rows[3]!.text = rows[3]!.text.replace(/[a-z]/, 'X');
    const edited = `${rows.map((row) => JSON.stringify(row)).join('\n')}\n`;
    await writeFile(chunksFile, edited);
    await editManifest(indexDir, (manifest) => void (manifest.files['chunks.jsonl'] = { bytes: Buffer.byteLength(edited), sha256: createHash('sha256').update(edited).digest('hex') }), { recomputeChecksum: true });
    await expect(loadIndex(indexDir, expected)).rejects.toThrow(/stores chunk 3 with text that is not its article's at \d+-\d+; .*npm run ingest/);
  });

  it.each([
    ['counts.chunks', (manifest: Manifest) => void (manifest.counts.chunks += 1)],
    ['embedder.dimensions', (manifest: Manifest) => void (manifest.embedder.dimensions = 50)],
    ['generation', (manifest: Manifest) => void (manifest.generation = 'edited')],
  ])('an edited %s is rebuilt by ingest, never called up to date', async (_field, edit) => {
    const indexDir = await indexOf();
    await editManifest(indexDir, edit);
    await expect(loadIndex(indexDir, expected)).rejects.toThrow(/does not match its checksum/);
    await expect(ingest({ corpusDir: PROJECT_CORPUS, indexDir, embedder, log: quiet })).resolves.toMatchObject({ published: true });
    await expect(loadIndex(indexDir, expected)).resolves.toBeDefined();
  });

  it.each([
    ['a gap in the chunk ranges', (manifest: Manifest) => void (manifest.articles[1]!.firstChunk += 1), /gives article ".*" chunks from \d+ .* but its chunks start at \d+/],
    ['a chunk count beyond the ranges', (manifest: Manifest) => void (manifest.counts.chunks += 3), /chunk ranges covering (\d+) chunks, but counts \d+/],
    ['dimensions that do not fit the vectors file', (manifest: Manifest) => void (manifest.embedder.dimensions = 50), /records 50-dimensional vectors for \d+ chunks \(\d+ bytes\), but vectors.f32 holds \d+ bytes/],
    ['a generation name other than its directory', (manifest: Manifest) => void (manifest.generation = 'edited'), /calls the generation "edited", but it is stored as "\d/],
  ])('names %s even when the checksum was recomputed', async (_case, edit, message) => {
    const indexDir = await indexOf();
    await editManifest(indexDir, edit, { recomputeChecksum: true });
    await expect(loadIndex(indexDir, expected)).rejects.toThrow(message);
    await expect(ingest({ corpusDir: PROJECT_CORPUS, indexDir, embedder, log: quiet })).resolves.toMatchObject({ published: true, reusedArticles: 0 });
  });

  it('a server without a loadable index says why on /readyz and in 503s, without server paths', async () => {
    const indexDir = await indexOf();
    await editManifest(indexDir, (manifest) => void (manifest.counts.chunks += 1));
    const config = loadConfig({ CORPUS_DIR: PROJECT_CORPUS, INDEX_DIR: indexDir, CACHE_DIR });
    const state: ServiceState = {};
    const url = await listen(createApp({ state: () => state, corsOrigins: [] }));
    const reloader = reloadOnNewGeneration(config, embedder, state, { intervalMs: 60_000, watch: false, logger: silentLogger() });
    try {
      await reloader.check();
      const ready = await fetch(`${url}/readyz`);
      const readiness = (await ready.json()) as { reason: string };
      expect(ready.status).toBe(503);
      expect(readiness.reason).toMatch(/manifest of index generation ".*" does not match its checksum .*run `npm run ingest`/);
      const asked = await postJson(`${url}/api/ask`, { question: 'Which countries may receive lethal weapons?' });
      expect(asked.status).toBe(503);
      for (const text of [readiness.reason, asked.body.error.message]) {
        expect(text).not.toContain(indexDir);
        expect(text).not.toContain(tmpdir());
      }
    } finally {
      reloader.stop();
    }
  });

  it('reloads by the generation\'s directory name: an edited generation field is tried once, not every few seconds', async () => {
    const indexDir = await indexOf();
    await editManifest(indexDir, (manifest) => void (manifest.generation = 'edited'), { recomputeChecksum: true });
    const config = loadConfig({ CORPUS_DIR: PROJECT_CORPUS, INDEX_DIR: indexDir, CACHE_DIR });
    const { logger, messages } = await captureLogs();
    const reloader = reloadOnNewGeneration(config, embedder, {}, { intervalMs: 60_000, watch: false, logger });
    for (let check = 0; check < 3; check++) await reloader.check();
    reloader.stop();
    expect(messages()).toHaveLength(1);
    expect(messages()[0]).toMatch(/could not be loaded: .*calls the generation "edited"/);

    // Served, the manifest's field may say anything: the directory is the identity.
    const good = await indexOf();
    const goodConfig = loadConfig({ CORPUS_DIR: PROJECT_CORPUS, INDEX_DIR: good, CACHE_DIR });
    let loads = 0;
    const state: ServiceState = {};
    const load = async () => {
      loads++;
      const service = await createQaService(goodConfig, embedder);
      (service.index as StoredIndex).manifest.generation = 'something else';
      return service;
    };
    const serving = reloadOnNewGeneration(goodConfig, embedder, state, { intervalMs: 60_000, watch: false, logger: silentLogger(), load });
    for (let check = 0; check < 3; check++) await serving.check();
    serving.stop();
    expect(loads).toBe(1);
  });
});

describe('CURRENT', () => {
  it.each(['../../outside', '/etc', 'nested/name', '..', '.hidden'])('naming %s is refused with a clear error, and ingest publishes a proper generation', async (name) => {
    const indexDir = await indexOf();
    // A complete generation outside generations/, which the old loader followed CURRENT to.
    const outside = resolve(paths.generations(indexDir), '../../outside');
    await cp(paths.generation(indexDir, (await readCurrentGeneration(indexDir))!), outside, { recursive: true });
    await writeFile(paths.current(indexDir), `${name}\n`);
    await expect(loadIndex(indexDir, expected)).rejects.toThrow(/CURRENT names ".*", which is not a generation: it must hold the name of one directory directly inside generations\/.*run `npm run ingest`/);
    await expect(ingest({ corpusDir: PROJECT_CORPUS, indexDir, embedder, log: quiet })).resolves.toMatchObject({ published: true });
    await expect(loadIndex(indexDir, expected)).resolves.toBeDefined();
    expect((await stat(join(outside, 'manifest.json'))).isFile()).toBe(true);
  });
});

describe('leftovers of killed ingests', () => {
  async function leftovers(indexDir: string): Promise<string[]> {
    const generations = await readdir(paths.generations(indexDir));
    const current = await readCurrentGeneration(indexDir);
    const previous = (await readManifest(indexDir)).manifest.previousGeneration;
    const staged = (await readdir(indexDir)).filter((entry) => entry !== 'CURRENT' && entry !== 'generations');
    return [...generations.filter((entry) => entry !== current && entry !== previous), ...staged];
  }

  it('the next ingest removes a staged CURRENT and unpublished generations, and keeps the one that was served as previous', async () => {
    const corpusDir = await copyOfCorpus();
    const indexDir = await indexOf(corpusDir);
    const served = (await readCurrentGeneration(indexDir))!;
    // What a kill at the CURRENT rename leaves: a complete generation nobody published (its name
    // sorts after the served one, as a newer one's does), its staged CURRENT, and a partial one.
    const unpublished = `${served.slice(0, -1)}9-unpublished`;
    await cp(paths.generation(indexDir, served), paths.generation(indexDir, unpublished), { recursive: true });
    await mkdir(paths.generation(indexDir, `${unpublished}-2.partial`));
    await writeFile(join(indexDir, 'CURRENT.424242.tmp'), `${unpublished}\n`);

    await appendToArticle(corpusDir, 'The first shipment is planned for next year.');
    const lines: string[] = [];
    const summary = await ingest({ corpusDir, indexDir, embedder, log: (line) => lines.push(line) });
    expect(summary.published).toBe(true);
    expect((await readManifest(indexDir)).manifest.previousGeneration).toBe(served);
    expect((await readdir(paths.generations(indexDir))).sort()).toEqual([served, summary.generation].sort());
    expect(await leftovers(indexDir)).toEqual([]);
    expect(lines.join('\n')).toMatch(/Removed what earlier ingests left behind: .*CURRENT\.424242\.tmp/);
  });

  it.each<CrashPoint>(['current-staged', 'generation-renamed', 'published'])('after a kill -9 at %s, the served generation is complete and the next ingest cleans up', async (point) => {
    const corpusDir = await copyOfCorpus();
    const indexDir = await indexOf(corpusDir);
    const before = (await readCurrentGeneration(indexDir))!;
    await appendToArticle(corpusDir, `Added before a crash at ${point}.`);
    expect(await runIngestProcess(corpusDir, indexDir, point)).toBe('SIGKILL');
    const servedAtKill = (await loadIndex(indexDir, expected)).directory.split('/').at(-1)!;
    expect(point === 'published' ? servedAtKill !== before : servedAtKill === before).toBe(true);

    const next = await ingest({ corpusDir, indexDir, embedder, log: quiet });
    expect(await leftovers(indexDir)).toEqual([]);
    if (next.published) expect((await readManifest(indexDir)).manifest.previousGeneration).toBe(servedAtKill);
    else expect(await readCurrentGeneration(indexDir)).toBe(servedAtKill);
  }, 30_000);
});

describe('the ingest lock', () => {
  it('is taken over, with a log line, from a live process whose pid was reused', async () => {
    const indexDir = join(await temporaryDirectory(), 'index');
    await mkdir(indexDir, { recursive: true });
    // This very process is alive, but started long after the owner recorded here.
    await writeFile(paths.lock(indexDir), JSON.stringify({ pid: process.pid, startTime: '1', host: hostname() }));
    const lines: string[] = [];
    await expect(ingest({ corpusDir: PROJECT_CORPUS, indexDir, embedder, log: (line) => lines.push(line) })).resolves.toMatchObject({ published: true });
    expect(lines.join('\n')).toMatch(new RegExp(`Taking over a stale ingest lock \\(ingest.lock\\): pid ${process.pid} now belongs to a process started at tick \\d+, not to the owner started at tick 1`));
  });

  it('stands when held on another host, whose processes cannot be checked from here', async () => {
    const indexDir = join(await temporaryDirectory(), 'index');
    await mkdir(indexDir, { recursive: true });
    await writeFile(paths.lock(indexDir), JSON.stringify({ pid: 999_999_999, startTime: '1', host: `${hostname()}-elsewhere` }));
    await expect(ingest({ corpusDir: PROJECT_CORPUS, indexDir, embedder, log: quiet })).rejects.toBeInstanceOf(IndexLockedError);
  });

  it('appears with its owner in it: of many simultaneous acquisitions exactly one wins', async () => {
    const indexDir = join(await temporaryDirectory(), 'index');
    await mkdir(indexDir, { recursive: true });
    const attempts = await Promise.allSettled(Array.from({ length: 20 }, () => acquireLock(paths.lock(indexDir), { log: quiet })));
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    expect(JSON.parse(await readFile(paths.lock(indexDir), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname(), startTime: expect.any(String) });
    expect(await readdir(indexDir)).toEqual(['ingest.lock']);
  });
});

describe('hot swaps under load', () => {
  it('serves a newly published generation within 5 s while 50 askers keep the server busy', async () => {
    const corpusDir = await copyOfCorpus();
    const indexDir = await indexOf(corpusDir);
    const config = loadConfig({ CORPUS_DIR: corpusDir, INDEX_DIR: indexDir, CACHE_DIR });
    const state: ServiceState = { service: await createQaService(config, embedder) };
    const before = (await readCurrentGeneration(indexDir))!;
    const url = await listen(createApp({ state: () => state, corsOrigins: [] }));
    const reloader = reloadOnNewGeneration(config, embedder, state, { intervalMs: 5000, logger: silentLogger() });
    let loaded = true;
    let answers = 0;
    const asker = async () => {
      while (loaded) {
        const response = await postJson(`${url}/api/ask`, { question: 'Which countries may receive lethal weapons from Japan?' });
        expect(response.status).toBe(200);
        answers++;
      }
    };
    const askers = Array.from({ length: 50 }, asker);
    try {
      await new Promise((done) => setTimeout(done, 1500));
      await appendToArticle(corpusDir, 'Japan approved the export of two destroyers to an allied navy.');
      expect(await runIngestProcess(corpusDir, indexDir)).toBeNull();
      const deadline = Date.now() + 20_000;
      let servedAt = Number.POSITIVE_INFINITY;
      while (Date.now() < deadline) {
        const readiness = (await (await fetch(`${url}/readyz`)).json()) as { generation: string };
        if (readiness.generation !== before) {
          servedAt = Date.now();
          break;
        }
        await new Promise((done) => setTimeout(done, 50));
      }
      // CURRENT's content is written (and its time stamped) just before the rename that publishes it.
      const lagSeconds = (servedAt - (await stat(paths.current(indexDir))).mtimeMs) / 1000;
      console.log(`hot swap under 50 concurrent askers: first served ${lagSeconds.toFixed(2)} s after publishing (${answers} answers during the test)`);
      expect(lagSeconds).toBeLessThan(5);
      expect(basename((state.service!.index as StoredIndex).directory)).toBe(await readCurrentGeneration(indexDir));
    } finally {
      loaded = false;
      reloader.stop();
      await Promise.all(askers);
    }
  }, 90_000);
});

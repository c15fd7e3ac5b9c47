// The compiled build as users run it: `npm start`'s one Node process, and the package entry
// point that applications import by name.
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { startServerProcess } from '../src/bench/server-process.js';
import { ingest } from '../src/index-store/ingest.js';
import { llmSettings, passageWith, startFakeOpenAI } from './fake-openai.js';
import { CACHE_DIR, offlineEmbedder, PROJECT_CORPUS, postJson, temporaryDirectory } from './helpers.js';

const run = promisify(execFile);

async function draftPdf(line: string): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  document.addPage().drawText(line, { x: 40, y: 700, size: 12, font: await document.embedFont(StandardFonts.Helvetica) });
  return document.save();
}
let indexDir: string;

beforeAll(async () => {
  // Builds dist/ when it is missing or older than the sources, as `npm start` does.
  await run(process.execPath, [resolve('scripts/ensure-build.mjs')]);
  indexDir = join(await temporaryDirectory('qa-compiled-'), 'index');
  await ingest({ corpusDir: PROJECT_CORPUS, indexDir, embedder: offlineEmbedder() });
}, 180_000);

describe('the compiled package', () => {
  it("runs as `npm start`'s one process, with glibc's malloc arenas capped", async () => {
    // The start script as npm runs it, through sh; a user who set nothing gets the cap.
    const { scripts } = JSON.parse(await readFile('package.json', 'utf8')) as { scripts: { start: string } };
    const { MALLOC_ARENA_MAX: _unset, ...inherited } = process.env;
    const env = { ...inherited, PORT: '0', HOST: '127.0.0.1', INDEX_DIR: indexDir, CORPUS_DIR: PROJECT_CORPUS, CACHE_DIR, LOG_LEVEL: 'info' };
    const child = spawn('sh', ['-c', scripts.start], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let output = '';
      const pid = await new Promise<number>((done, fail) => {
        const onData = (data: Buffer) => {
          output += data.toString();
          const listening = output.split('\n').find((line) => line.includes('Listening on'));
          if (listening) done((JSON.parse(listening) as { pid: number }).pid);
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('exit', (code) => fail(new Error(`npm start exited with ${code}: ${output}`)));
      });
      // sh hands its process to the server (exec): no shell is left between it and its caller.
      expect(pid).toBe(child.pid);
      const environment = (await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0');
      expect(environment).toContain('MALLOC_ARENA_MAX=2');
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('serves from one process (the bundled server) and answers with citations that match the article text', async () => {
    const { base, child } = await startServerProcess([resolve('dist/server/main.js')], { INDEX_DIR: indexDir, CORPUS_DIR: PROJECT_CORPUS, CACHE_DIR, LOG_LEVEL: 'info' });
    try {
      expect((await fetch(`${base}/readyz`)).status).toBe(200);
      const { status, body } = await postJson(`${base}/api/ask`, { question: 'Which missiles will Japan send to the United States?' });
      expect(status).toBe(200);
      expect(body.refused).toBe(false);
      expect(body.citations.length).toBeGreaterThan(0);
      const article = await (await fetch(`${base}/api/articles/${body.citations[0].articleId}`)).json();
      expect(article.text.slice(body.citations[0].start, body.citations[0].end)).toBe(body.citations[0].quote);
      // The widget was bundled at build time, not by the running server.
      const widget = await fetch(`${base}/widget.js`);
      expect(widget.status).toBe(200);
      expect((await widget.text()).length).toBeGreaterThan(1000);
      // MCP lives in a chunk of the bundle that is loaded on its first request.
      const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-03-26', capabilities: {}, clientInfo: { name: 'test', version: '1' } } };
      const mcp = await fetch(`${base}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify(initialize) });
      expect(mcp.status).toBe(200);
      expect(await mcp.text()).toContain('serverInfo');
      // So does PDF reading, whose package starts a worker from a file beside its own code.
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(await draftPdf('The new fighter jets are expected to be deployed by 2035.'))], { type: 'application/pdf' }), 'draft.pdf');
      const checked = await fetch(`${base}/api/factcheck/document`, { method: 'POST', body: form });
      expect(checked.status).toBe(200);
      expect(JSON.stringify(await checked.json())).toContain('2035');
    } finally {
      child.kill('SIGTERM');
      const [code] = await once(child, 'exit');
      expect(code).toBe(0);
    }
  });

  it('answers through an OpenAI-compatible model, whose client the bundled server loads from node_modules', async () => {
    const fake = await startFakeOpenAI();
    fake.setChat((info) => ({ content: `The jets are expected to be deployed by 2035 [${passageWith(info, '2035')}].` }));
    const { base, child } = await startServerProcess([resolve('dist/server/main.js')], { ...llmSettings(fake), INDEX_DIR: indexDir, CORPUS_DIR: PROJECT_CORPUS, CACHE_DIR });
    try {
      const { status, body } = await postJson(`${base}/api/ask`, { question: 'When will the fighter jets be deployed?' });
      expect(status).toBe(200);
      expect(body).toMatchObject({ mode: 'llm', refused: false });
      expect(body.fallback).toBeUndefined();
      expect(body.answer).toContain('2035');
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('is importable by its package name, with the service and the LangChain retriever', async () => {
    const script = `
      import { createQaService, ExportRulesRetriever, loadConfig } from 'export-rules-qa';
      const service = await createQaService(loadConfig());
      const documents = await new ExportRulesRetriever({ service, k: 2 }).invoke('Patriot missiles');
      const answer = await service.ask({ question: 'Which missiles will Japan send to the United States?' });
      console.log(JSON.stringify({ documents: documents.map((d) => d.metadata.articleId), citations: answer.citations.length }));`;
    const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, INDEX_DIR: indexDir, CORPUS_DIR: PROJECT_CORPUS, CACHE_DIR } });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(result.documents).toHaveLength(2);
    expect(result.citations).toBeGreaterThan(0);
  });
});

// Shutdown of the real server process: on SIGTERM it stops accepting connections, lets an open
// answer stream finish and exits 0; a stream still open after SHUTDOWN_GRACE_MS is cut off and
// the exit is still 0. A slow fake chat model keeps the stream open for as long as needed.
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../src/index-store/ingest.js';
import { llmSettings, passageWith, startFakeOpenAI, type FakeOpenAI } from './fake-openai.js';
import { CACHE_DIR, offlineEmbedder, parseEventStream, PROJECT_CORPUS, temporaryDirectory } from './helpers.js';

let fake: FakeOpenAI;
let indexDir: string;

interface RunningServer {
  base: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  process: ChildProcess;
  output: () => string;
}

async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve('src/server/main.ts')], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      CORPUS_DIR: PROJECT_CORPUS,
      INDEX_DIR: indexDir,
      CACHE_DIR,
      ...llmSettings(fake),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr!.on('data', (data: Buffer) => (output += data.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.on('exit', (code, signal) => done({ code, signal })));
  const base = await new Promise<string>((done, fail) => {
    const poll = setInterval(() => {
      const listening = /Listening on (http:\/\/[\d.]+:\d+)/.exec(output);
      if (listening) {
        clearInterval(poll);
        done(listening[1]!);
      }
    }, 20);
    void exited.then(({ code }) => {
      clearInterval(poll);
      fail(new Error(`the server exited with ${code} before listening: ${output}`));
    });
  });
  for (let ready = false; !ready; await new Promise((done) => setTimeout(done, 50))) {
    ready = (await fetch(`${base}/readyz`)).status === 200;
  }
  return { base, exited, process: child, output: () => output };
}

/** Opens an answer stream; `text` resolves with everything received when the stream ends or breaks. */
function openAnswerStream(base: string, question: string): { text: Promise<string> } {
  const body = JSON.stringify({ question });
  const text = new Promise<string>((done) => {
    let received = '';
    const outgoing = request(`${base}/api/ask`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'content-length': Buffer.byteLength(body) } }, (response) => {
      response.on('data', (chunk: Buffer) => (received += chunk.toString()));
      response.on('end', () => done(received));
      response.on('error', () => done(received));
      response.on('close', () => done(received));
    });
    outgoing.on('error', () => done(received));
    outgoing.end(body);
  });
  return { text };
}

async function refusesConnections(base: string): Promise<boolean> {
  try {
    await fetch(`${base}/healthz`);
    return false;
  } catch {
    return true;
  }
}

beforeAll(async () => {
  fake = await startFakeOpenAI();
  indexDir = join(await temporaryDirectory(), 'index');
  await ingest({ corpusDir: PROJECT_CORPUS, indexDir, embedder: offlineEmbedder() });
});

describe('shutting down on SIGTERM', () => {
  it('stops accepting, finishes the open answer stream, and exits 0', async () => {
    let chatRequested!: () => void;
    const modelAsked = new Promise<void>((done) => (chatRequested = done));
    fake.setChat((info) => {
      chatRequested();
      return { content: `The jets are expected to be deployed by 2035 [${passageWith(info, '2035')}].`, delayMs: 3000 };
    });
    const server = await startServer({ SHUTDOWN_GRACE_MS: '10000' });
    const stream = openAnswerStream(server.base, 'When will the fighter jets be deployed?');
    await modelAsked;

    const signalled = performance.now();
    server.process.kill('SIGTERM');
    await expect.poll(() => refusesConnections(server.base), { timeout: 2000 }).toBe(true);

    const events = parseEventStream(await stream.text);
    const done = events.find((event) => event.event === 'done');
    expect(done?.data.answer, server.output()).toContain('2035');
    expect(done?.data.citations).toHaveLength(1);
    expect(await server.exited).toEqual({ code: 0, signal: null });
    // The model's delay, not the grace period, decided when the process left.
    expect(performance.now() - signalled).toBeLessThan(8000);
  });

  it('cuts off a stream still open after SHUTDOWN_GRACE_MS and still exits 0', async () => {
    let chatRequested!: () => void;
    const modelAsked = new Promise<void>((done) => (chatRequested = done));
    fake.setChat(() => {
      chatRequested();
      return { content: 'Never delivered.', delayMs: 20_000 };
    });
    const server = await startServer({ SHUTDOWN_GRACE_MS: '300' });
    const stream = openAnswerStream(server.base, 'When will the fighter jets be deployed?');
    await modelAsked;

    const signalled = performance.now();
    server.process.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(performance.now() - signalled).toBeLessThan(3000);
    expect(await stream.text).not.toContain('event: done');
  });
});

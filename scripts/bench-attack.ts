// npm run bench:attack [-- --seconds S]: the stall attack of finding 1 in issue 10, repeated.
// The server runs in its own process. GET /healthz and POST /api/ask latency is measured idle,
// then while 12 clients send fact-check batches: first the reported attack (20 claims of 2,000
// characters, now over the work limit), then the heaviest batches the work limit accepts (20
// claims sharing the batch's character budget). Both run twice: with the rate limit off, so only
// the work limit and the claim rationing defend, and then as deployed behind a proxy, with the
// default per-client rate limit, each attacker one address and each measured request from a
// different user's address.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startServerProcess, type ServerProcess } from '../src/bench/server-process.js';
import { LIMITS } from '../src/config.js';
import { runLoad, runLoadInChild, type LoadRequest, type LoadResult } from '../src/bench/load.js';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '3' }, attackers: { type: 'string', default: '12' }, pinned: { type: 'boolean', default: false } } });
const pinned = values.pinned;
const seconds = Number(values.seconds);
const attackers = Number(values.attackers);

function startServer(env: Record<string, string>): Promise<ServerProcess> {
  return startServerProcess(['--import', 'tsx', resolve('src/server/main.ts')], env);
}

/** The address a request claims through the proxy; ignored by the server with the rate limit off. */
const from = (address: string): Record<string, string> => ({ 'x-forwarded-for': address });
const user = (i: number): string => `198.51.${(i >> 8) & 255}.${i & 255}`;
const attacker = (i: number): string => `203.0.113.${i}`;

function claims(count: number, length: number): string {
  const sentence = 'Japan agreed to sell eleven Mogami-class frigates to Australia under the revised export rules. ';
  return JSON.stringify({ claims: Array.from({ length: count }, (_, i) => `${i} ${sentence.repeat(Math.ceil(length / sentence.length))}`.slice(0, length)) });
}

const health = (i: number): LoadRequest => ({ method: 'GET', path: '/healthz', headers: from(user(i)) });
const questions = ['When are the new fighter jets expected to be deployed?', 'Which missiles will Japan sell to the United States?', 'How many countries can receive lethal equipment?'];
const ask = (i: number): LoadRequest => ({ method: 'POST', path: '/api/ask', body: JSON.stringify({ question: questions[i % questions.length] }), headers: from(user(i)) });

/** healthz and ask measured one request at a time each, side by side, optionally under attack. */
async function measure(base: string, attack?: LoadRequest): Promise<{ healthz: LoadResult; asked: LoadResult; attack?: LoadResult }> {
  const options = { concurrency: 1, seconds, maxRequests: 1_000_000 };
  const cycle = Array.from({ length: attackers }, (_, i) => ({ ...attack!, headers: from(attacker(i)) }));
  const attacking = attack ? runLoadInChild(base, cycle, { concurrency: attackers, seconds, maxRequests: 1_000_000 }) : undefined;
  const [healthz, asked] = await Promise.all([runLoad(base, health, options), runLoad(base, ask, options)]);
  return { healthz, asked, attack: await attacking };
}

function report(label: string, idle: { healthz: LoadResult; asked: LoadResult }, result: { healthz: LoadResult; asked: LoadResult; attack?: LoadResult }): void {
  console.log(label);
  console.log(`  GET /healthz   p50 ${result.healthz.p50Ms.toFixed(1).padStart(7)} ms  p99 ${result.healthz.p99Ms.toFixed(1).padStart(7)} ms  (${(result.healthz.p50Ms / idle.healthz.p50Ms).toFixed(2)}x idle)`);
  console.log(`  POST /api/ask  p50 ${result.asked.p50Ms.toFixed(1).padStart(7)} ms  p99 ${result.asked.p99Ms.toFixed(1).padStart(7)} ms  (${(result.asked.p50Ms / idle.asked.p50Ms).toFixed(2)}x idle)`);
  if (result.attack) {
    const accepted = result.attack.requests - result.attack.errors;
    console.log(`  attack: ${result.attack.requests} batches (${accepted} answered 200, ${result.attack.errors} refused with a 4xx), p50 ${result.attack.p50Ms.toFixed(0)} ms each`);
  }
}

async function attackPhases(title: string, env: Record<string, string>): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'bench-attack-'));
  const { base, child } = await startServer({ CORPUS_DIR: resolve('corpus'), INDEX_DIR: join(root, 'index'), ...env });
  try {
    console.log(`== ${title}`);
    if (pinned) {
      // The server gets core 0 to itself; this process, its measuring clients and the attacker
      // process share core 1, as if the attacker were another machine.
      execFileSync('taskset', ['-a', '-p', '-c', '0', String(child.pid)], { stdio: 'ignore' });
      execFileSync('taskset', ['-a', '-p', '-c', '1', String(process.pid)], { stdio: 'ignore' });
    }
    await runLoad(base, ask, { concurrency: 2, seconds: 1, maxRequests: 10_000 }); // warm-up
    const idle = await measure(base);
    report(`Idle (${seconds} s, one client each for /healthz and /api/ask)`, idle, idle);
    const reported = { method: 'POST' as const, path: '/api/factcheck', body: claims(20, 2000) };
    report(`Under the reported attack: ${attackers} clients sending batches of 20 claims x 2,000 characters`, idle, await measure(base, reported));
    const perClaim = Math.floor(LIMITS.maxBatchClaimChars / LIMITS.maxClaims);
    const heaviest = { method: 'POST' as const, path: '/api/factcheck', body: claims(LIMITS.maxClaims, perClaim) };
    report(`Under the heaviest accepted batches: ${attackers} clients sending ${LIMITS.maxClaims} claims x ${perClaim} characters`, idle, await measure(base, heaviest));
    // The control: the same clients flooding the cheapest request there is. What slowdown remains
    // here is the cost of the request rate itself, which no limit inside the server can remove.
    report(`Control: ${attackers} clients flooding GET /healthz`, idle, await measure(base, { method: 'GET', path: '/healthz' }));
  } finally {
    child.kill();
    await rm(root, { recursive: true, force: true });
  }
}

await attackPhases('Rate limit off: the work limit and claim rationing alone', { RATE_LIMIT_PER_MINUTE: '0' });
await attackPhases('As deployed behind one proxy: default rate limit per client address', { TRUST_PROXY: 'loopback' });

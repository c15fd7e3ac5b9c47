// A small closed-loop HTTP load generator: `concurrency` workers send requests back to back
// for a fixed time and record each latency.
import { fork } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Every latency, sorted, when asked for (to combine rounds). */
  latencies?: number[];
}

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

function send(agent: Agent, url: URL, spec: LoadRequest): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { agent, host: url.hostname, port: url.port, path: spec.path, method: spec.method, headers: { ...spec.headers, ...(spec.body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(spec.body) } : {}) } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(spec.body);
  });
}

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

/**
 * Measures several request kinds in alternating short rounds, so a burst of outside load on a
 * shared machine hits all of them alike and their ratio stays meaningful.
 */
export async function runInterleaved(
  base: string,
  kinds: Record<string, (i: number) => LoadRequest>,
  options: { concurrency: number; seconds: number; rounds: number },
): Promise<Record<string, LoadResult>> {
  const collected: Record<string, LoadResult[]> = {};
  for (let round = 0; round < options.rounds; round++) {
    for (const [name, requests] of Object.entries(kinds)) {
      const result = await runLoad(base, requests, { concurrency: options.concurrency, seconds: options.seconds / options.rounds, maxRequests: 1_000_000, keepLatencies: true });
      (collected[name] ??= []).push(result);
    }
  }
  return Object.fromEntries(Object.entries(collected).map(([name, results]) => [name, combine(results)]));
}

function combine(results: LoadResult[]): LoadResult {
  const latencies = results.flatMap((result) => result.latencies ?? []).sort((a, b) => a - b);
  const seconds = results.reduce((sum, result) => sum + result.seconds, 0);
  const requests = results.reduce((sum, result) => sum + result.requests, 0);
  return {
    requests,
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    seconds,
    perSecond: requests / seconds,
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
  };
}

export async function runLoad(
  base: string,
  requests: (i: number) => LoadRequest,
  options: { concurrency: number; seconds: number; maxRequests: number; keepLatencies?: boolean },
): Promise<LoadResult> {
  const url = new URL(base);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const deadline = performance.now() + options.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline && sent < options.maxRequests) {
        const spec = requests(sent++);
        const begin = performance.now();
        try {
          const status = await send(agent, url, spec);
          if (status !== 200) errors++;
        } catch {
          errors++;
        }
        latencies.push(performance.now() - begin);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const result: LoadResult = { requests: latencies.length, errors, seconds, perSecond: latencies.length / seconds, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99) };
  if (options.keepLatencies) result.latencies = latencies;
  return result;
}

/**
 * runLoad from a child process cycling through `cycle`: an attacker's client work then runs on
 * its own event loop and does not delay the measuring client's, as on a separate machine.
 */
export function runLoadInChild(base: string, cycle: LoadRequest[], options: { concurrency: number; seconds: number; maxRequests: number }): Promise<LoadResult> {
  const child = fork(new URL('./load-child.ts', import.meta.url), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (result) => resolve(result as LoadResult));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`The load process exited with code ${code} before reporting.`)));
    child.send({ base, cycle, options });
  });
}

// Load from wrk (Debian package "wrk"), a C load generator: it takes far less CPU per request
// than a Node client, which matters when client and server share two cores.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadResult } from './load.js';

export function wrkAvailable(): boolean {
  return spawnSync('wrk', ['--version'], { encoding: 'utf8' }).error === undefined;
}

/** A wrk script that POSTs the given JSON bodies in turn. */
export function postScript(path: string, bodies: string[]): string {
  const directory = mkdtempSync(join(tmpdir(), 'wrk-'));
  const file = join(directory, 'post.lua');
  const quoted = bodies.map((body) => `[==[${body}]==]`).join(',\n');
  writeFileSync(
    file,
    `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nlocal bodies = {\n${quoted}\n}\nlocal i = 0\nrequest = function()\n  i = i + 1\n  return wrk.format(nil, "${path}", nil, bodies[(i % #bodies) + 1])\nend\n`,
  );
  return file;
}

function milliseconds(value: string, unit: string): number {
  const factor = unit === 'us' ? 0.001 : unit === 's' ? 1000 : 1;
  return Number(value) * factor;
}

export function runWrk(url: string, options: { concurrency: number; seconds: number; script?: string }): LoadResult {
  const args = ['-t1', `-c${options.concurrency}`, `-d${Math.max(1, Math.round(options.seconds))}s`, '--latency', ...(options.script ? ['-s', options.script] : []), url];
  const { stdout } = spawnSync('wrk', args, { encoding: 'utf8' });
  const perSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(stdout)?.[1] ?? 0);
  const requests = Number(/(\d+) requests in/.exec(stdout)?.[1] ?? 0);
  const errors = Number(/Non-2xx or 3xx responses: (\d+)/.exec(stdout)?.[1] ?? 0);
  const p50 = /50%\s+([\d.]+)(us|ms|s)/.exec(stdout);
  const p99 = /99%\s+([\d.]+)(us|ms|s)/.exec(stdout);
  return {
    requests,
    errors,
    seconds: options.seconds,
    perSecond,
    p50Ms: p50 ? milliseconds(p50[1]!, p50[2]!) : 0,
    p99Ms: p99 ? milliseconds(p99[1]!, p99[2]!) : 0,
  };
}

// Starts the server in a child process on a free port of 127.0.0.1 for the benches, and reports
// when it is listening and ready, with the time that took.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ServerProcess {
  base: string;
  child: ChildProcess;
  readyMs: number;
}

const OUTPUT_KEPT_CHARS = 16_384;

/**
 * `args` are node's arguments (a compiled entry point, or tsx and the sources); `env` adds settings.
 * Resolves once the server is listening and has loaded its index, or only listening with `ready: false`.
 */
export async function startServerProcess(args: string[], env: Record<string, string>, options: { ready?: boolean } = {}): Promise<ServerProcess> {
  const waitForIndex = options.ready ?? true;
  const started = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  // The server logs a line per request: once it is ready, only the last lines are kept (for the
  // message if it exits), and the pipes are still read so that the server never waits on them.
  let output = '';
  let ready = false;
  const base = await new Promise<string>((done, fail) => {
    const onData = (data: Buffer) => {
      output += data.toString();
      if (ready) {
        output = output.slice(-OUTPUT_KEPT_CHARS);
        return;
      }
      // The messages of JSON log lines (or of readable ones): the URL ends at a quote or a space.
      const listening = /Listening on (http:\/\/[^\s"]+)/.exec(output);
      if (listening && (!waitForIndex || /Ready:/.test(output))) {
        ready = true;
        done(listening[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => fail(new Error(`server exited with ${code}: ${output}`)));
  });
  return { base, child, readyMs: performance.now() - started };
}

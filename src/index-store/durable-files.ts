// Small helpers for writing files that survive a crash: write, fsync, then rename.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename } from 'node:fs/promises';

export async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes data to path and fsyncs it before returning. */
export async function writeSynced(path: string, data: string | Uint8Array | Iterable<string>): Promise<void> {
  const handle = await open(path, 'w');
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    else {
      // Line by line: a whole-corpus string could exceed V8's maximum string length.
      let buffer = '';
      for (const piece of data) {
        buffer += piece;
        if (buffer.length > 1 << 20) {
          await handle.write(buffer);
          buffer = '';
        }
      }
      if (buffer) await handle.write(buffer);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces path atomically: readers see either the old content or the new, never a mix. */
export async function replaceAtomically(path: string, data: string, beforeRename?: () => void): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  await writeSynced(temporary, data);
  beforeRename?.();
  await rename(temporary, path);
}

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const piece of createReadStream(path)) hash.update(piece as Buffer);
  return hash.digest('hex');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

// One writer at a time: an exclusive lock file holding the writer's pid. A lock left by a
// process that no longer exists is taken over, so a killed ingest never blocks the next one.
import { open, readFile, unlink } from 'node:fs/promises';
import { IndexLockedError } from '../errors.js';

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface Lock {
  release(): Promise<void>;
}

export async function acquireLock(lockFile: string): Promise<Lock> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return { release: () => unlink(lockFile).catch(() => undefined) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(await readFile(lockFile, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(holder) && holder > 0 && processExists(holder)) {
        throw new IndexLockedError(lockFile, holder);
      }
      // Stale lock from a process that died: remove it and try once more.
      await unlink(lockFile).catch(() => undefined);
    }
  }
  throw new IndexLockedError(lockFile, -1);
}

// One writer at a time: an exclusive lock file naming its owner by pid, process start time and
// host. The file appears under the lock name only with that content in it (written aside, then
// hard-linked, which fails if the name exists), so no reader ever sees an empty lock and takes it
// for stale. The start time tells a live owner from a later process that reuses its pid, so a
// dead ingest never blocks the next one and a live one is never taken over.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename } from 'node:path';
import { IndexLockedError } from '../errors.js';

export interface LockOwner {
  pid: number;
  /** Start time of the owning process, in clock ticks since boot where /proc tells it. */
  startTime?: string;
  host?: string;
  /** Tells this acquisition apart from any other by the same process. */
  token?: string;
}

export interface Lock {
  release(): Promise<void>;
}

export interface LockOptions {
  log?: (line: string) => void;
}

export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Field 22 of /proc/<pid>/stat; undefined where there is no /proc (the pid alone is checked then). */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: count fields after its closing one.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function parseOwner(text: string): LockOwner | undefined {
  try {
    const parsed = JSON.parse(text) as unknown;
    // Older versions wrote the bare pid.
    const owner = (typeof parsed === 'number' ? { pid: parsed } : parsed) as Partial<LockOwner> | null;
    return owner && Number.isSafeInteger(owner.pid) && owner.pid! > 0 ? (owner as LockOwner) : undefined;
  } catch {
    return undefined;
  }
}

/** Why the lock's owner can no longer hold it, or undefined while it may. */
function staleReason(owner: LockOwner | undefined): string | undefined {
  if (!owner) return 'the lock file names no owner';
  // Another machine's processes cannot be checked from here: its lock stands.
  if (owner.host !== undefined && owner.host !== hostname()) return undefined;
  if (!processExists(owner.pid)) return `its owner, pid ${owner.pid}, is no longer running`;
  const startTime = processStartTime(owner.pid);
  if (owner.startTime !== undefined && startTime !== undefined && startTime !== owner.startTime) {
    return `pid ${owner.pid} now belongs to a process started at tick ${startTime}, not to the owner started at tick ${owner.startTime}`;
  }
  return undefined;
}

/**
 * Moves a stale lock aside before deleting it, so that two ingests taking it over at once cannot
 * delete each other's fresh lock: only the one whose rename caught the stale content removes it.
 */
async function removeStaleLock(lockFile: string, staleText: string, token: string): Promise<void> {
  const aside = `${lockFile}.${process.pid}.${token}.stale`;
  try {
    await rename(lockFile, aside);
  } catch {
    return; // Already gone: another ingest took it over first.
  }
  if ((await readFile(aside, 'utf8').catch(() => '')) !== staleText) await link(aside, lockFile).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

function ownLock(): LockOwner {
  return { pid: process.pid, startTime: processStartTime(process.pid), host: hostname(), token: randomBytes(8).toString('hex') };
}

export async function acquireLock(lockFile: string, options: LockOptions = {}): Promise<Lock> {
  const log = options.log ?? console.error;
  const owner = ownLock();
  const content = JSON.stringify(owner);
  const staged = `${lockFile}.${process.pid}.${owner.token}.tmp`;
  await writeFile(staged, content);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await link(staged, lockFile);
        return { release: () => releaseLock(lockFile, content) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const heldText = await readFile(lockFile, 'utf8').catch(() => undefined);
      if (heldText === undefined) continue; // Released in between: try again.
      const holder = parseOwner(heldText);
      const reason = staleReason(holder);
      if (!reason) throw new IndexLockedError(basename(lockFile), holder!.pid);
      log(`Taking over a stale ingest lock (${basename(lockFile)}): ${reason}.`);
      await removeStaleLock(lockFile, heldText, owner.token!);
    }
    throw new IndexLockedError(basename(lockFile), -1);
  } finally {
    await unlink(staged).catch(() => undefined);
  }
}

/** Removes the lock only while it is still this acquisition's: a lock taken over is not ours to delete. */
async function releaseLock(lockFile: string, content: string): Promise<void> {
  if ((await readFile(lockFile, 'utf8').catch(() => undefined)) === content) await unlink(lockFile).catch(() => undefined);
}

/** Staged or set-aside lock files of processes that died between writing and removing them. */
export function isDeadProcessLockFile(lockFileName: string, entry: string): boolean {
  const match = new RegExp(`^${lockFileName.replace('.', '\\.')}\\.(\\d+)\\.[0-9a-f]+\\.(tmp|stale)$`).exec(entry);
  return match !== null && !processExists(Number(match[1]));
}

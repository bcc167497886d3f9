import { lstatSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lock, unlockSync } from 'proper-lockfile';

/**
 * Only one process may run the embedded Azurite on a data folder: two would each keep the
 * database in memory and overwrite each other's saves.
 */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by ${pid > 0 ? `process ${pid}` : 'another process'} (a running bot, or "npm run storage"). Stop it first, or point this command at the same storage with STORAGE_CONNECTION_STRING (see README, "Several instances").`,
    );
    this.name = 'DataDirBusyError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Timings tests shorten. A killed holder's lock is taken over once it is `staleMs` old. */
export interface LockTimings {
  staleMs?: number;
  /** How often (ms) a waiting start tries again, while a killed holder's lock goes stale. */
  retryMs?: number;
  /** How long a start waits for a killed holder's lock to go stale (default 1.5 × staleMs). */
  waitMs?: number;
}

const STALE_MS = 5_000;

/**
 * The lock is proper-lockfile's: a directory made atomically (mkdir), its mtime refreshed every
 * second while held, taken over by proper-lockfile once it is stale; a holder whose lock was taken
 * (it stopped for longer than that) notices at its next refresh and stops. The holder's pid is
 * written beside it so that a start while the holder lives is refused at once with its
 * pid; after a holder was killed, a start waits until its lock is stale (at most 5 s) rather than
 * removing it itself, which two starting processes could both do (check-then-act).
 */
export async function lockDataDir(dataDir: string, timings: LockTimings = {}): Promise<() => void> {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, 'hwb.lock');
  // Beside the lock, not in it: proper-lockfile removes a stale lock with rmdir, which needs it empty.
  const pidFile = join(dataDir, 'hwb.lock.pid');
  const owner = (): number => {
    try {
      const pid = Number(readFileSync(pidFile, 'utf8'));
      return Number.isInteger(pid) && pid > 0 ? pid : 0;
    } catch {
      return 0;
    }
  };
  removeOldStyleLock(path, dataDir);
  const staleMs = timings.staleMs ?? STALE_MS;
  const options = {
    lockfilePath: path,
    realpath: false,
    stale: staleMs,
    update: Math.max(1_000, Math.floor(staleMs / 5)),
    // Another process took the lock over (this one was stopped for longer than `stale`): two
    // would now write the same files, so this one stops, its acknowledged changes in the journal.
    onCompromised: (e: Error) => {
      console.error(`Stopping: the lock on the data folder ${dataDir} was lost (${e.message}); another process may be using it.`);
      process.exit(1);
    },
  };
  try {
    await lock(dataDir, options);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
    const pid = owner();
    if (pid > 0 && pid !== process.pid && alive(pid)) throw new DataDirBusyError(dataDir, pid);
    // The holder is gone (or is still writing its pid): wait for its lock to go stale.
    const retryMs = timings.retryMs ?? 500;
    try {
      await lock(dataDir, { ...options, retries: { retries: Math.ceil((timings.waitMs ?? staleMs * 1.5) / retryMs), factor: 1, minTimeout: retryMs, maxTimeout: retryMs } });
    } catch (again) {
      if ((again as NodeJS.ErrnoException).code === 'ELOCKED') throw new DataDirBusyError(dataDir, owner());
      throw again;
    }
  }
  writeFileSync(pidFile, String(process.pid));
  // Released synchronously: the process often exits right after, and a lock left behind would
  // make the next start wait for it to go stale.
  return () => {
    rmSync(pidFile, { force: true });
    try {
      unlockSync(dataDir, { lockfilePath: path, realpath: false });
    } catch {
      // Already released, or lost (then onCompromised has spoken).
    }
  };
}

/** Before proper-lockfile the lock was a file holding a pid: honoured once, then replaced. */
function removeOldStyleLock(path: string, dataDir: string): void {
  let isFile = false;
  try {
    isFile = lstatSync(path).isFile();
  } catch {
    return;
  }
  if (!isFile) return;
  const pid = Number(readFileSync(path, 'utf8'));
  if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) throw new DataDirBusyError(dataDir, pid);
  rmSync(path, { force: true });
}

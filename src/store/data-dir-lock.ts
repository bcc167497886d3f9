import { lstatSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
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
 * second while held, taken over once it is stale; a holder whose lock was taken (it stopped for
 * longer than that) notices at its next refresh and stops. The holder's pid is written beside it
 * so that a start while the holder lives is refused at once with its pid; after a holder was
 * killed, a start waits until its lock is stale (at most 5 s).
 *
 * proper-lockfile's takeover of a stale lock is check-then-act (stat, rmdir, mkdir): of two
 * starts that both find it stale, the second's rmdir can remove the lock the first has just
 * made, and both run. So every attempt is made under a guard (another directory made with
 * mkdir, held for the few milliseconds of one attempt): one start at a time looks at the lock.
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
  const retryMs = timings.retryMs ?? 500;
  const deadline = Date.now() + (timings.waitMs ?? staleMs * 1.5);
  for (;;) {
    const attempt = await underGuard(join(dataDir, 'hwb.lock.guard'), staleMs, () => lock(dataDir, options));
    if (attempt.kind === 'done') break;
    if (attempt.kind === 'failed') {
      if ((attempt.error as NodeJS.ErrnoException).code !== 'ELOCKED') throw attempt.error;
      const pid = owner();
      if (pid > 0 && pid !== process.pid && alive(pid)) throw new DataDirBusyError(dataDir, pid);
    }
    // The holder is gone (or is still writing its pid), or another start is looking: wait for the lock to go stale.
    if (Date.now() + retryMs > deadline) throw new DataDirBusyError(dataDir, owner());
    await sleep(retryMs);
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

/**
 * Runs `attempt` while holding `guard` (made with mkdir, removed after). Busy: another start holds
 * it. A guard older than `staleMs` was left by a start killed mid-attempt, and is removed.
 */
async function underGuard(guard: string, staleMs: number, attempt: () => Promise<unknown>): Promise<{ kind: 'done' } | { kind: 'busy' } | { kind: 'failed'; error: unknown }> {
  try {
    mkdirSync(guard);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    try {
      if (statSync(guard).mtimeMs < Date.now() - staleMs) rmSync(guard, { recursive: true, force: true });
    } catch {
      // Gone meanwhile: the next try takes it.
    }
    return { kind: 'busy' };
  }
  try {
    await attempt();
    return { kind: 'done' };
  } catch (error) {
    return { kind: 'failed', error };
  } finally {
    rmSync(guard, { recursive: true, force: true });
  }
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

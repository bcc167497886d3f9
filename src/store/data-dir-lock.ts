import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Only one process may run the embedded Azurite on a data folder: two would each keep the
 * database in memory and overwrite each other's saves. The lock holds the owner's pid; a lock
 * whose process is gone (killed) is taken over.
 */
export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${pid} (a running bot, or "npm run storage"). Stop it first, or point this command at the same storage with STORAGE_CONNECTION_STRING (see README, "Several instances").`,
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

export function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'hwb.lock');
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const owner = Number(readFileSync(file, 'utf8'));
    if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) throw new DataDirBusyError(dataDir, owner);
    writeFileSync(file, String(process.pid));
  }
  return () => rmSync(file, { force: true });
}

import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirBusyError, lockDataDir } from '../../src/store/data-dir-lock';

/** The pid of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('the data-folder lock (proper-lockfile)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'hwb-lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a killed holder\'s stale lock is taken over by exactly one of several racing starts; the others are refused', async () => {
    // What a bot killed with SIGKILL leaves: the lock directory, unrefreshed, and its pid.
    mkdirSync(join(dir, 'hwb.lock'));
    writeFileSync(join(dir, 'hwb.lock.pid'), String(deadPid()));
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(dir, 'hwb.lock'), old, old);
    // Stale after 30 s (the killed holder's lock is 60 s old): on a starved machine the winner's
    // fresh lock must not go stale mid-test too, or a loser's retry takes it over and the winner,
    // finding its lock lost, stops the process (onCompromised) as it should in production.
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => lockDataDir(dir, { retryMs: 200, waitMs: 1_000, staleMs: 30_000 })));
    const won = results.filter((r) => r.status === 'fulfilled');
    assert.equal(won.length, 1, JSON.stringify(results.map((r) => r.status)));
    for (const r of results) if (r.status === 'rejected') assert.ok(r.reason instanceof DataDirBusyError, String(r.reason));
    (won[0] as PromiseFulfilledResult<() => void>).value();
    assert.equal(existsSync(join(dir, 'hwb.lock')), false, 'released');
  });

  it('a lock held by a live process is refused at once, naming it; an old-style lock file of a dead process is replaced', async () => {
    const release = await lockDataDir(dir);
    const other = mkdtempSync(join(tmpdir(), 'hwb-lock-'));
    try {
      // Another process's live lock: this test runner's parent stands in for it.
      writeFileSync(join(dir, 'hwb.lock.pid'), String(process.ppid));
      await assert.rejects(lockDataDir(dir), (e: unknown) => e instanceof DataDirBusyError && e.pid === process.ppid);
      writeFileSync(join(other, 'hwb.lock'), String(deadPid()));
      (await lockDataDir(other))();
    } finally {
      release();
      rmSync(other, { recursive: true, force: true });
    }
  });
});

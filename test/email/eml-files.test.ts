import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import pino from 'pino';
import { checkInForm } from '../../src/app/check-in';
import { periodFromLabel } from '../../src/domain/period';
import { emlFileName, NodemailerEmailSender, type EmlFiles } from '../../src/email/nodemailer-email-sender';
import type { LeadNotice } from '../../src/email/notice-email';
import { aPerson, aPriority, aStrategy } from '../domain/builders';

function reminder(): LeadNotice {
  const strategy = aStrategy().build();
  const priority = aPriority('W1').titled('Childhood Immunisations').build();
  const period = periodFromLabel('2026-Q3', { dueAfterDays: 14 });
  const to = aPerson('kay').named('Kay Darby').build();
  const form = checkInForm({ strategy, priority, period, person: to, history: [], covers: [], names: new Map(), submissionId: 'sub-00000001' });
  return { kind: 'reminder', to, priority, period, form };
}

/** The real file system, with every open, write, fsync, close and rename written down in order. */
function watchedFiles(root: string, events: string[]): EmlFiles {
  const name = (p: unknown) => relative(root, String(p)) || '.';
  return {
    mkdir: (async (path: string, options: { recursive: true }) => {
      events.push(`mkdir ${name(path)}`);
      return fsp.mkdir(path, options);
    }) as EmlFiles['mkdir'],
    rename: async (from, to) => {
      events.push(`rename ${name(from)} -> ${name(to)}`);
      return fsp.rename(from, to);
    },
    open: (async (path: string, flags: string) => {
      const handle = await fsp.open(path, flags);
      const n = name(path);
      return Object.assign(Object.create(handle) as fsp.FileHandle, {
        writeFile: async (data: Buffer) => (events.push(`write ${n}`), handle.writeFile(data)),
        sync: async () => (events.push(`fsync ${n}`), handle.sync()),
        close: async () => (events.push(`close ${n}`), handle.close()),
      });
    }) as EmlFiles['open'],
  };
}

describe('.eml files (email without SMTP_URL)', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'hwb-eml-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('are flushed to disk, file and folder (and a folder made for them), before the send resolves and the outbox marks them sent', async () => {
    const events: string[] = [];
    const key = 'reminder|s/W1|2026-Q3|open|kay';
    const sender = new NodemailerEmailSender({ from: 'HWB <hwb@council.example.org>', mailDir: join(root, 'data', 'mail'), linkFor: async () => 'http://x/checkin?token=t', files: watchedFiles(root, events) }, pino({ level: 'silent' }));
    try {
      await sender.send({ name: 'Kay Darby', email: 'kay.darby@example.org' }, reminder(), key);
      events.push('send resolved');
    } finally {
      sender.close();
    }
    const eml = `data/mail/${emlFileName(key)}`;
    assert.deepEqual(events, [
      'mkdir data/mail',
      `write ${eml}.tmp`,
      `fsync ${eml}.tmp`,
      `close ${eml}.tmp`,
      `rename ${eml}.tmp -> ${eml}`,
      'fsync data/mail',
      'close data/mail',
      // `data` was made for the mail folder: its entry lives in the folder above.
      'fsync .',
      'close .',
      'send resolved',
    ]);
    assert.deepEqual(readdirSync(join(root, 'data', 'mail')), [emlFileName(key)]);
    assert.match(readFileSync(join(root, eml), 'utf8'), /Subject: Check-in due 15 Oct 2026/);
  });
});

import { createHash } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { dirname, join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Notice } from '../domain/notice';
import { NotifierError, type EmailSender } from '../domain/ports';
import { isLeadNotice, renderNoticeEmail, renderWelcomeEmail, type LeadNotice, type NoticeEmail } from './notice-email';

/**
 * Email through nodemailer: an SMTP relay (the council's, or Exchange Online's
 * smtp.office365.com:587) when SMTP_URL is set; otherwise each message is written as an .eml file
 * under DATA_DIR/mail, so a local run shows exactly what would have been sent.
 */
export interface EmailSettings {
  /** smtp://user:pass@relay:587 (or smtps://…); empty = write .eml files. */
  smtpUrl?: string;
  from: string;
  /** Where .eml files go without SMTP_URL. */
  mailDir: string;
  /** The personal check-in link for `priority` (the notice's, or one of its projects), made by src/links (the composition root hands it over). */
  linkFor(notice: LeadNotice, priority: LeadNotice['priority']): Promise<string>;
  /** The file system the .eml files are written with (tests watch its fsyncs); node:fs/promises by default. */
  files?: EmlFiles;
}

/** The calls writing an .eml file durably needs. */
export type EmlFiles = Pick<typeof fsp, 'open' | 'rename' | 'mkdir'>;

/** A Message-ID from the outbox key: the same message always has the same id, which relays can use to drop a repeat. */
export function messageIdFor(messageKey: string, from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'hwb-bot.invalid';
  return `<${createHash('sha256').update(messageKey).digest('hex').slice(0, 32)}@${domain}>`;
}

/** A file name from the outbox key: readable, and safe on every file system. */
export function emlFileName(messageKey: string): string {
  return `${messageKey.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 160)}-${createHash('sha256').update(messageKey).digest('hex').slice(0, 8)}.eml`;
}

export class NodemailerEmailSender implements EmailSender {
  private readonly transport: Transporter;

  constructor(
    private readonly settings: EmailSettings,
    private readonly log: Logger,
  ) {
    this.transport = settings.smtpUrl ? nodemailer.createTransport(settings.smtpUrl) : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  /** Where messages go, for the start banner. */
  get description(): string {
    return this.settings.smtpUrl ? `SMTP relay ${new URL(this.settings.smtpUrl).host}` : `.eml files in ${this.settings.mailDir} (no SMTP_URL)`;
  }

  async send(to: { name: string; email: string }, notice: Notice, messageKey: string): Promise<void> {
    const email = await this.render(notice);
    const message = { from: this.settings.from, to: { name: to.name, address: to.email }, subject: email.subject, text: email.text, html: email.html, messageId: messageIdFor(messageKey, this.settings.from) };
    try {
      const info = await this.transport.sendMail(message);
      if (!this.settings.smtpUrl) await this.writeEml(messageKey, info.message as Buffer);
      this.log.info({ to: to.email, key: messageKey }, 'email sent');
    } catch (e) {
      throw asNotifierError(e);
    }
  }

  /** A lead's notices (with a web page to answer on) and the welcome; anything else stays in Teams. */
  private async render(notice: Notice): Promise<NoticeEmail> {
    if (notice.kind === 'welcome') return renderWelcomeEmail(notice);
    if (!isLeadNotice(notice)) throw new NotifierError(`a ${notice.kind} notice is not sent by email`, false);
    const answering = notice.projects ? notice.projects.map((p) => p.priority) : [notice.priority, ...(notice.workstreamProjects ?? [])];
    return renderNoticeEmail(notice, await Promise.all(answering.map((p) => this.settings.linkFor(notice, p))));
  }

  close(): void {
    this.transport.close();
  }

  /**
   * Written under a temporary name, flushed to disk, renamed, and the folder flushed, all before
   * `send` resolves: the outbox marks the message sent only after that, so a power cut cannot
   * leave "sent" in the outbox with no message (or half of one) in the folder.
   */
  private async writeEml(messageKey: string, raw: Buffer): Promise<void> {
    const fs = this.settings.files ?? fsp;
    const dir = this.settings.mailDir;
    // A folder made now is itself an entry in its parent: flushed too, or a power cut can lose it and all in it.
    const made = await fs.mkdir(dir, { recursive: true });
    const file = join(dir, emlFileName(messageKey));
    const tmp = await fs.open(`${file}.tmp`, 'w');
    try {
      await tmp.writeFile(raw);
      await tmp.sync();
    } finally {
      await tmp.close();
    }
    await fs.rename(`${file}.tmp`, file);
    await syncFolder(fs, dir);
    if (made !== undefined) await syncFolder(fs, dirname(made));
  }
}

/** Flushes a folder's entries (a rename, a new file) to disk. */
async function syncFolder(fs: EmlFiles, dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** An SMTP 5xx is final (the relay refused the address); 4xx, timeouts and dropped connections may pass later. */
function asNotifierError(e: unknown): NotifierError {
  if (e instanceof NotifierError) return e;
  const err = e as Error & { responseCode?: number; code?: string };
  const final = err.responseCode !== undefined && err.responseCode >= 500;
  return new NotifierError(`${err.responseCode ?? err.code ?? 'error'}: ${err.message}`, !final, err.responseCode);
}

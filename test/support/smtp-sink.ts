import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback (smtp-server), standing in for the council's relay: it takes
 * every message nodemailer sends over SMTP, and keeps it parsed back by mailparser.
 */
export class SmtpSink {
  readonly messages: ParsedMail[] = [];
  /** Envelope recipients, in arrival order (RCPT TO, not the header). */
  readonly envelopes: string[][] = [];
  private server?: SMTPServer;
  url = '';

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          simpleParser(Buffer.concat(chunks))
            .then((mail) => {
              this.messages.push(mail);
              this.envelopes.push(session.envelope.rcptTo.map((r) => r.address));
              callback();
            })
            .catch((e: Error) => callback(e));
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = this.server.server.address() as AddressInfo;
    this.url = `smtp://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Messages to one address. */
  to(address: string): ParsedMail[] {
    return this.messages.filter((_, i) => this.envelopes[i]!.includes(address));
  }
}

/** The personal check-in link in a message's text. */
export function checkInLinkIn(mail: ParsedMail): string {
  const m = /(http:\/\/\S+\/checkin\?token=\S+)/.exec(mail.text ?? '');
  if (!m) throw new Error(`no check-in link in "${mail.subject}"`);
  return m[1]!;
}

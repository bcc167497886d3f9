import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { startApp, type AppOverrides, type RunningApp } from '../../src/start-app';
import { loadConfig } from '../../src/config';
import { TestClock } from './test-clock';
import { validateCard } from './validate-card';
import { ADELE, ALEX, GRACE, MEGAN, message, type TeamsUser } from './activities';
import { ConnectorStandIn } from './connector-stand-in';
import { testConnectionString, uniquePrefix } from './storage';

export const FIXTURE_SEEDS = join(__dirname, '..', 'fixtures', 'seeds');

export interface InvokeAnswer {
  status: number;
  body: { statusCode: number; type: string; value: unknown };
}

/**
 * The real app (restify + CloudAdapter + Azure Tables on Azurite), on a free loopback port,
 * talking to a connector stand-in. Tests post Teams-shaped activities to /api/messages.
 */
export class BotHarness {
  app!: RunningApp;
  connector = new ConnectorStandIn();
  readonly clock: TestClock;

  constructor(
    now = '2026-11-24T10:00:00Z',
    private readonly env: Record<string, string> = {},
    /** A logger to read (the default is silent) and shortened timings. */
    private readonly overrides: Pick<AppOverrides, 'log' | 'botTimings' | 'graphCredential' | 'issueBoardLink'> = {},
  ) {
    this.clock = new TestClock(now);
    this.dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'hwb-harness-'));
  }

  /** Its own data folder: emails to leads outside Teams land in `<dataDir>/mail` as .eml files. */
  readonly dataDir: string;

  async start(): Promise<this> {
    if (!this.connector.url) await this.connector.start();
    for (const u of [ALEX, MEGAN, ADELE, GRACE]) this.connector.members.set(u.id, { id: u.id, name: u.name, aadObjectId: u.aadObjectId, email: `${u.name.split(' ')[0]!.toLowerCase()}@example.com` });
    // STORAGE_CONNECTION_STRING '' in env: the bot's own embedded Azurite in dataDir (the browser tests run without the global one).
    const config = loadConfig({ PORT: '0', STORAGE_CONNECTION_STRING: this.env.STORAGE_CONNECTION_STRING ?? testConnectionString(), TABLE_PREFIX: this.env.TABLE_PREFIX ?? uniquePrefix(), SEEDS_DIR: FIXTURE_SEEDS, LOG_LEVEL: 'silent', SCHEDULER: 'off', DATA_DIR: this.dataDir, ...this.env });
    this.app = await startApp(config, { clock: this.clock, log: pino({ level: process.env.TEST_LOG ?? 'silent' }), ...this.overrides });
    return this;
  }

  async stop(): Promise<void> {
    await this.app?.stop();
    if (this.ownsConnector) await this.connector.stop();
    if (!this.env.DATA_DIR) rmSync(this.dataDir, { recursive: true, force: true });
  }

  private ownsConnector = true;

  /** Share another harness's connector (a second instance of the same bot). */
  useConnector(connector: ConnectorStandIn): this {
    this.connector = connector;
    this.ownsConnector = false;
    return this;
  }

  /** Moves the clock and runs one scheduler tick, as node-cron would at that minute. */
  async tickAt(iso: string): Promise<void> {
    this.clock.set(iso);
    await this.app.scheduler.tick();
  }

  get serviceUrl(): string {
    return this.connector.url;
  }

  async post(activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
    const res = await fetch(`${this.app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(activity) });
    return { status: res.status, text: await res.text() };
  }

  async invoke(activity: Record<string, unknown>): Promise<InvokeAnswer> {
    const { status, text } = await this.post(activity);
    return { status, body: JSON.parse(text) as InvokeAnswer['body'] };
  }

  /** `text` from `user` in their personal chat: the card the bot answers with, checked valid at Adaptive Cards 1.5. */
  async ask(user: TeamsUser, text: string): Promise<Record<string, unknown>> {
    this.connector.reset();
    await this.post(message(user, this.serviceUrl, text));
    const card = this.connector.lastCard();
    assert.deepEqual(validateCard(card), [], `the answer to "${text}" is not a valid card`);
    return card;
  }
}

/** All the visible text of a card, for assertions that read like what a person sees. */
export function cardText(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      for (const k of ['text', 'title', 'value', 'label']) if (typeof o[k] === 'string') out.push(o[k] as string);
      for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
    }
  };
  walk(card);
  return out.join('\n').replace(/\\(.)/g, '$1');
}

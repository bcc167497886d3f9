import { strict as assert } from 'node:assert';
import type { TokenCredential } from '@azure/identity';
import { ALEX, MEGAN, installation } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';
import { GraphStandIn } from '../support/graph-stand-in';

/**
 * GRAPH_ENABLED=true: the reporting cycle installs the app through Microsoft Graph (a stand-in
 * answering as Graph does) for a lead with an Entra object id and no chat, and reminds them in
 * the personal chat that gives. Thursday 1 Oct 2026 opens 2026-Q3 on the test board: Alex (19)
 * has installed the app; Megan (9 and W2: object id and email) has no chat; Nia (10: object id
 * only) has none either.
 */
const OPENING = '2026-10-01T08:31:00Z';
const MANIFEST_ID = 'ff29706a-017a-429e-9175-1c13509b6703';
const CATALOG_ID = 'e3e29acb-8c79-412b-b746-e6c39ff4cd22';
const NIA = '00000000-0000-0000-0000-0000000000042';
const chatOf = (objectId: string) => `19:${objectId}_bot@unq.gbl.spaces`;
const credential: TokenCredential = { getToken: () => Promise.resolve({ token: 'graph-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

describe('installing the app through Microsoft Graph for leads in no chat (GRAPH_ENABLED=true)', function () {
  this.timeout(60_000);
  const graph = new GraphStandIn();
  let bot: BotHarness;
  before(async () => {
    await graph.start();
  });
  after(() => graph.stop());
  afterEach(async () => bot?.stop());

  /** The board before the opening day: Alex installed, Nia leads 10; Graph as the test sets it. */
  const start = async (env: Record<string, string>) => {
    graph.consent = true;
    graph.catalogue.clear();
    graph.catalogue.set(MANIFEST_ID, CATALOG_ID);
    graph.installed.clear();
    graph.requests.length = 0;
    bot = await new BotHarness(OPENING, env, { graphCredential: credential }).start();
    await bot.app.deps.people.putPerson({ id: 'nia-okafor', name: 'Nia Okafor', aadObjectId: NIA, boardManager: false });
    const p10 = (await bot.app.deps.strategies.getPriority('test-board-2025-28', '10'))!;
    await bot.app.deps.strategies.putPriority({ ...p10, leads: ['nia-okafor'], deputies: [] });
    await bot.post(installation(ALEX, bot.serviceUrl));
    bot.connector.reset();
  };
  const enabled = () => ({ GRAPH_ENABLED: 'true', TEAMS_APP_ID: MANIFEST_ID, GRAPH_BASE_URL: graph.url });
  const sentTo = (conversationId: string) => bot.connector.sent().filter((c) => decodeURIComponent(c.conversationId) === conversationId);
  const reminderNotes = async () =>
    (await bot.app.storage.outbox.list('2026-09-01', '2026-12-31'))
      .filter((e) => e.kind === 'reminder')
      .map((e) => `${e.recipientId} ${e.status} ${e.note}`)
      .sort();
  const reach = async () => cardText(await bot.ask(ALEX, 'reach'));

  it('201: Megan and Nia get the app installed and their reminders in the new personal chat; reach says "installed through Graph"', async () => {
    await start(enabled());
    await bot.tickAt(OPENING);
    const posts = graph.requests.filter((r) => r.method === 'POST').map((r) => r.path).sort();
    assert.deepEqual(posts, [`/users/${MEGAN.aadObjectId}/teamwork/installedApps`, `/users/${NIA}/teamwork/installedApps`].sort());
    assert.equal(sentTo(chatOf(MEGAN.aadObjectId!)).length, 2, 'Megan: 9 and W2 in her new chat');
    assert.match(cardText(sentTo(chatOf(NIA))[0]!.body.attachments), /Check-in for 2026-Q3/);
    assert.deepEqual(await reminderNotes(), ['alex-wilber sent via Teams', 'megan-bowen sent via Teams', 'megan-bowen sent via Teams', 'nia-okafor sent via Teams']);
    const record = await bot.app.deps.conversations.get(`user:${NIA}`);
    assert.equal(record?.origin, 'graph');
    assert.equal(record?.personId, 'nia-okafor');
    assert.equal((record?.reference as { serviceUrl: string }).serviceUrl, bot.serviceUrl, 'the connector address the stored chats use');
    const text = await reach();
    assert.match(text, /Nia Okafor\nlead 10\.[^\n]*\nTeams chat \(installed through Graph\)/);
    assert.match(text, /Megan Bowen\nlead 9\.[^\n]*\nTeams chat \(installed through Graph\)/);
    // Installed once: the next tick finds the chats stored and asks Graph nothing.
    graph.requests.length = 0;
    await bot.tickAt('2026-10-01T08:32:00Z');
    assert.deepEqual(graph.requests, []);
  });

  it('409: an app installed earlier still gives the chat, and the reminder goes there', async () => {
    await start(enabled());
    graph.installed.set(NIA, 'earlier-install');
    await bot.tickAt(OPENING);
    assert.equal(sentTo(chatOf(NIA)).length, 1);
    assert.ok((await reminderNotes()).includes('nia-okafor sent via Teams'));
  });

  it('403 (no admin consent): Nia stays unreachable and reach says why; Megan, with an email address, is emailed', async () => {
    await start(enabled());
    graph.consent = false;
    await bot.tickAt(OPENING);
    assert.equal(sentTo(chatOf(NIA)).length, 0);
    assert.equal(await bot.app.deps.conversations.get(`user:${NIA}`), undefined);
    const notes = await reminderNotes();
    assert.ok(notes.some((n) => /^nia-okafor undeliverable .*Graph refused \(403\): admin consent for TeamsAppInstallation\.ReadWriteSelfForUser\.All is missing/.test(n)), notes.join('\n'));
    assert.ok(notes.includes('megan-bowen sent via email (meganb@example.com)'), notes.join('\n'));
    const text = await reach();
    assert.match(text, /Nia Okafor\nlead 10\.[^\n]*\nnot reachable: last send failed: Graph refused \(403\): admin consent for TeamsAppInstallation\.ReadWriteSelfForUser\.All is missing[^\n]*; not in the board team; no email address/);
    assert.doesNotMatch(text, /Graph not configured/);
    // A refusal is not asked again at every tick (as with a refused roster chat).
    graph.requests.length = 0;
    await bot.tickAt('2026-10-01T08:32:00Z');
    assert.equal(graph.requests.filter((r) => r.method === 'POST').length, 0);
  });

  it('without GRAPH_ENABLED: Graph is never asked; Megan is emailed and Nia is "Graph not configured"', async () => {
    await start({});
    await bot.tickAt(OPENING);
    assert.deepEqual(graph.requests, []);
    assert.deepEqual(await reminderNotes(), ['alex-wilber sent via Teams', 'megan-bowen sent via email (meganb@example.com)', 'megan-bowen sent via email (meganb@example.com)', 'nia-okafor undeliverable not reachable: not in the board team; Graph not configured; no email address']);
    assert.match(await reach(), /Nia Okafor\nlead 10\.[^\n]*\nnot reachable: not in the board team; Graph not configured; no email address/);
  });
});

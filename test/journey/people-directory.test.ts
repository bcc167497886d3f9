import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { TokenCredential } from '@azure/identity';
import { ADELE, cardAction, installation, press, type TeamsUser } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';
import { GraphStandIn } from '../support/graph-stand-in';
import { validateCard } from '../support/validate-card';

/**
 * Issue 22, with Microsoft Graph configured (GRAPH_ENABLED=true, a stand-in answering as Graph
 * does): Teams' people picker sends only the picked person's Entra object id, and the bot looks
 * them up in the organisation's directory for their name, mailbox and organisation, so the
 * manager types nothing. Real seeds, 24 Nov 2026; the annual 2026 period opens on Monday
 * 4 Jan 2027 (09:30 London).
 */
const SEEDS = join(__dirname, '..', '..', 'seeds');
const OPENING = '2027-01-04T09:31:00Z';
const S = 'leicester-2022-27';
const MANIFEST_ID = 'ff29706a-017a-429e-9175-1c13509b6703';
const CATALOG_ID = 'e3e29acb-8c79-412b-b746-e6c39ff4cd22';
/** In the directory, new to the board. */
const PRIYA = '6f1c2d3e-4b5a-4c6d-8e7f-90a1b2c3d4e5';
/** Kay Darby as a guest of the tenant: the seeds know her by email only. */
const KAY_GUEST = '0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d';
const credential: TokenCredential = { getToken: () => Promise.resolve({ token: 'graph-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

describe('a person picked in Teams\' people picker is looked up in Microsoft Graph (real seeds)', function () {
  this.timeout(90_000);
  const graph = new GraphStandIn();
  let bot: BotHarness;
  before(async () => {
    await graph.start();
  });
  after(() => graph.stop());
  afterEach(async () => bot?.stop());

  const start = async () => {
    graph.users.clear();
    graph.users.set(PRIYA, { displayName: 'Priya Shah', mail: 'priya.shah@leicester.gov.uk', userPrincipalName: 'priya.shah@leicester.gov.uk', companyName: 'Leicester City Council', department: 'Public Health' });
    graph.users.set(KAY_GUEST, { displayName: 'Kay Darby', mail: 'kay.darby@example.org', userPrincipalName: 'kay.darby_example.org#EXT#@leicestercc.onmicrosoft.com' });
    graph.catalogue.clear();
    graph.catalogue.set(MANIFEST_ID, CATALOG_ID);
    graph.installed.clear();
    graph.directoryConsent = true;
    graph.throttle(0, 0);
    graph.outage(0);
    bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: SEEDS, GRAPH_ENABLED: 'true', TEAMS_APP_ID: MANIFEST_ID, GRAPH_BASE_URL: graph.url }, { graphCredential: credential }).start();
    // Adele has the app: her chat gives the Bot Connector's address for chats Graph opens.
    await bot.post(installation(ADELE, bot.serviceUrl));
    graph.requests.length = 0;
  };

  /** `people <n>`, then Change: the change card with Teams' people picker. */
  const changeCard = async (user: TeamsUser, priority: string) => {
    const people = await bot.ask(user, `people ${priority}`);
    const { verb, data } = press(people, 'Change');
    const answer = await bot.invoke(cardAction(user, bot.serviceUrl, verb, data));
    return answer.body.value as Record<string, unknown>;
  };
  /** Presses Make the change with the picker's value as Teams sends it: the picked person's object id. */
  const pick = async (user: TeamsUser, card: Record<string, unknown>, objectId: string) => {
    const { verb, data } = press(card, 'Make the change', { person: objectId });
    const answer = await bot.invoke(cardAction(user, bot.serviceUrl, verb, data));
    assert.equal(answer.status, 200);
    return answer.body as { type: string; value: unknown };
  };
  const userLookups = () => graph.requests.filter((r) => r.path.startsWith('/users/') && !r.path.includes('/teamwork/'));

  it('Adele picks someone new: they are created with Graph\'s name, mailbox and organisation, lead at once, and reached in Teams at the opening', async () => {
    await start();
    const card = await changeCard(ADELE, '6');
    assert.match(cardText(card), /Someone picked above needs nothing more: their name, email and organisation come from your organisation's directory/);
    const saved = await pick(ADELE, card, PRIYA);
    assert.deepEqual(validateCard(saved.value as Record<string, unknown>), []);
    assert.match(cardText(saved.value), /Changed\nLead of 6\. We will[^\n]*: No lead → Priya Shah\. Priya Shah is new to the board\./);
    assert.deepEqual(userLookups().map((r) => r.path), [`/users/${PRIYA}?$select=id,displayName,mail,userPrincipalName,companyName,department`]);
    const priya = (await bot.app.storage.people.listPeople()).find((p) => p.aadObjectId === PRIYA);
    assert.deepEqual(priya, { id: 'priya-shah', name: 'Priya Shah', aadObjectId: PRIYA, email: 'priya.shah@leicester.gov.uk', organisation: 'Leicester City Council', boardManager: false });
    assert.deepEqual((await bot.app.storage.strategies.getPriority(S, '6'))?.leads, ['priya-shah']);

    // At the opening the cycle installs the app for her through Graph and reminds her in that chat, not by email.
    await bot.tickAt(OPENING);
    assert.ok(graph.requests.some((r) => r.method === 'POST' && r.path === `/users/${PRIYA}/teamwork/installedApps`));
    const reminder = (await bot.app.storage.outbox.list('2027-01-01', '2027-01-31')).find((e) => e.key === `reminder|${S}/6|2026|open|priya-shah`);
    assert.deepEqual([reminder?.status, reminder?.note], ['sent', 'via Teams']);
    const reach = cardText(await bot.ask(ADELE, 'reach'));
    assert.match(reach, /Priya Shah\nLeicester City Council\nlead 6\. We will[^\n]*\nTeams chat \(installed through Graph\)/);
  });

  it('a guest the board knows by email (Kay Darby): the picked id is added to her, no second Kay', async () => {
    await start();
    const saved = await pick(ADELE, await changeCard(ADELE, '7'), KAY_GUEST);
    assert.match(cardText(saved.value), /Lead of 7\. We will[^\n]*: No lead → Kay Darby\.(?! Kay Darby is new)/);
    const kays = (await bot.app.storage.people.listPeople()).filter((p) => p.name === 'Kay Darby');
    assert.equal(kays.length, 1);
    assert.equal(kays[0]!.aadObjectId, KAY_GUEST);
    assert.equal(kays[0]!.email, 'kay.darby@example.org', 'her mailbox, not the guest sign-in name');
    assert.deepEqual((await bot.app.storage.strategies.getPriority(S, '7'))?.leads, [kays[0]!.id]);
  });

  it('404: someone not in the directory is refused in words, and nothing is written', async () => {
    await start();
    const versionBefore = (await bot.app.storage.boardPeople.get('leicester-city'))?.version;
    const answer = await pick(ADELE, await changeCard(ADELE, '6'), '00000000-0000-0000-0000-00000000dead');
    assert.match(cardText(answer.value), /Not in your directory\nThat person is not in your organisation's directory/);
    assert.deepEqual((await bot.app.storage.strategies.getPriority(S, '6'))?.leads, []);
    assert.equal((await bot.app.storage.boardPeople.get('leicester-city'))?.version, versionBefore);
    assert.deepEqual(await bot.app.storage.changes.list('leicester-city'), []);
  });

  it('503 three times, or a long Retry-After: a "try again" message that leaves the card, and nothing half-saved; pressed again, it is made', async () => {
    await start();
    const card = await changeCard(ADELE, '6');
    const peopleBefore = (await bot.app.storage.people.listPeople()).length;
    const versionBefore = (await bot.app.storage.boardPeople.get('leicester-city'))?.version;
    graph.outage(3);
    const answer = await pick(ADELE, card, PRIYA);
    assert.equal(answer.type, 'application/vnd.microsoft.activity.message', 'a message: the card stays as it is');
    assert.match(String(answer.value), /^Could not look them up\. Your organisation's directory \(Microsoft Graph\) did not answer in time, so nothing was changed\. Please try again in a minute/);
    assert.equal(userLookups().length, 3, 'three requests, then given up');
    // Throttled for longer than a card can wait: given up at once, saying when to try again.
    graph.throttle(1, 30);
    assert.match(String((await pick(ADELE, card, PRIYA)).value), /^Could not look them up\. [^\n]*Please try again in 30 seconds: press the button again/);
    assert.equal(userLookups().length, 4);
    assert.equal((await bot.app.storage.people.listPeople()).length, peopleBefore);
    assert.deepEqual((await bot.app.storage.strategies.getPriority(S, '6'))?.leads, []);
    assert.equal((await bot.app.storage.boardPeople.get('leicester-city'))?.version, versionBefore);
    assert.deepEqual(await bot.app.storage.changes.list('leicester-city'), []);
    // The same card, pressed again once Graph answers.
    assert.match(cardText((await pick(ADELE, card, PRIYA)).value), /No lead → Priya Shah/);
  });

  it('403 (no consent for User.Read.All): as without Graph, the card\'s typed name is used, and without one it is asked for', async () => {
    await start();
    graph.directoryConsent = false;
    const card = await changeCard(ADELE, '6');
    assert.match(cardText(await pick(ADELE, card, PRIYA).then((a) => a.value)), /Their name, please/);
    const { verb, data } = press(card, 'Make the change', { person: PRIYA, name: 'Priya Shah', organisation: 'Public Health, Leicester City Council' });
    const named = await bot.invoke(cardAction(ADELE, bot.serviceUrl, verb, data));
    assert.match(cardText(named.body.value), /No lead → Priya Shah\. Priya Shah is new to the board\./);
    const priya = (await bot.app.storage.people.listPeople()).find((p) => p.aadObjectId === PRIYA);
    assert.deepEqual(priya, { id: 'priya-shah', name: 'Priya Shah', aadObjectId: PRIYA, organisation: 'Public Health, Leicester City Council', boardManager: false });
  });
});

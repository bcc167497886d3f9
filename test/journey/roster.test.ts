import { strict as assert } from 'node:assert';
import type { Member } from '../support/connector-stand-in';
import { ADELE, ALEX, GRACE, installation, MEGAN, TEAM_ID, teamInstall, teamInstallation, teamMembersAdded, type TeamsUser } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';

/** People in the board's list who never opened the bot; the roster lists them in other ways. */
const PRIYA: TeamsUser = { id: '29:priya', name: 'Priya Shah', aadObjectId: '00000000-0000-0000-0000-0000000000040' };
const OMAR: TeamsUser = { id: '29:omar', name: 'Omar Haddad', aadObjectId: '00000000-0000-0000-0000-0000000000041' };
const NIA: TeamsUser = { id: '29:nia', name: 'Nia Okafor', aadObjectId: '00000000-0000-0000-0000-0000000000042' };
const ZOE: TeamsUser = { id: '29:zoe', name: 'Zoe Clarke', aadObjectId: '00000000-0000-0000-0000-0000000000043' };

const chat = (u: TeamsUser) => `a:personal-${u.id}`;
const member = (u: TeamsUser, extra: Partial<Member> = {}): Member => ({ id: u.id, name: u.name, aadObjectId: u.aadObjectId!, email: `${u.name.split(' ')[0]!.toLowerCase()}@example.com`, ...extra });
const welcomesTo = (bot: BotHarness, u: TeamsUser) => bot.connector.sentTo(chat(u)).filter((c) => /Welcome, /.test(cardText(c.body.attachments)));

describe('reaching people from the board team\'s roster (over the real endpoint and the connector stand-in)', function () {
  this.timeout(60_000);
  let bot: BotHarness;

  // Each test starts from its own bot and storage: the board before the install, then the steps it needs.
  beforeEach(async () => {
    // The day before 2026-Q3 opens (1 Oct), so the opening-day reminder can be ticked at the end.
    bot = await new BotHarness('2026-09-30T12:00:00Z').start();
    bot.connector.limits = { perAppPerSecond: 50, perConversationPerSecond: 7 };
    const people = bot.app.deps.people;
    // Priya is known by email only (the roster gives another case); Omar by UPN only; Nia by object id only.
    await people.putPerson({ id: 'priya-shah', name: 'Priya Shah', email: 'priya.shah@example.com', organisation: 'Test City Council', boardManager: false });
    await people.putPerson({ id: 'omar-haddad', name: 'Omar Haddad', email: 'omar.haddad@example.nhs.uk', boardManager: false });
    await people.putPerson({ id: 'nia-okafor', name: 'Nia Okafor', aadObjectId: NIA.aadObjectId!, boardManager: false });
    await people.putPerson({ id: 'zoe-clarke', name: 'Zoe Clarke', email: 'zoe@example.com', boardManager: false });
    const p10 = (await bot.app.deps.strategies.getPriority('test-board-2025-28', '10'))!;
    await bot.app.deps.strategies.putPriority({ ...p10, leads: ['priya-shah'], deputies: ['nia-okafor'] });
    // Alex opened the bot already.
    await bot.post(installation(ALEX, bot.serviceUrl));
    // 120 members: the five above who have no chat, Alex, and 114 people the board does not know.
    const strangers = Array.from({ length: 114 }, (_, i): Member => ({ id: `29:guest-${i}`, name: `Guest ${i}`, aadObjectId: `10000000-0000-0000-0000-${String(i).padStart(12, '0')}`, email: `guest${i}@example.org` }));
    const known = [
      member(ALEX),
      member(MEGAN, { email: 'meganb@example.com' }),
      member(ADELE, { email: 'adelev@example.com' }),
      member(GRACE, { email: 'grace@example.com' }),
      member(PRIYA, { email: 'Priya.Shah@Example.com' }),
      member(OMAR, { email: undefined, userPrincipalName: 'OMAR.HADDAD@example.nhs.uk' }),
    ];
    bot.connector.rosters.set(TEAM_ID, [...strangers.slice(0, 40), ...known, ...strangers.slice(40)]);
    bot.connector.reset();
  });
  afterEach(async () => bot.stop());

  /** Step: the app is installed in the board team, and the roster read that follows has finished. */
  const installedInTeam = async () => {
    await bot.post(teamInstall(ALEX, bot.serviceUrl));
    await bot.app.roster.idle();
  };
  /** Step: Nia (outside the tenant) and Zoe join the team. */
  const niaAndZoeJoin = async () => {
    bot.connector.rosters.get(TEAM_ID)!.push(member(NIA, { email: undefined, outsideTenant: true }), member(ZOE));
    bot.connector.reset();
    await bot.post(teamMembersAdded(ALEX, bot.serviceUrl, [NIA, ZOE]));
    await bot.app.roster.idle();
  };

  it('installed in the team: reads all 120 members in three pages and opens a chat with each of the 5 known people who have none', async () => {
    await installedInTeam();
    assert.deepEqual(bot.connector.rosterReads.map((r) => [r.teamId, r.served]), [[TEAM_ID, 50], [TEAM_ID, 50], [TEAM_ID, 20]]);
    assert.ok(bot.connector.rosterReads.every((r) => (r.pageSize ?? 0) > 50), 'the bot asked for more than a page holds; the stand-in capped it at 50');
    const created = bot.connector.creates;
    assert.deepEqual(created.map((c) => c.status), [201, 201, 201, 201, 201]);
    assert.deepEqual(created.map((c) => (c.body.members as { id: string }[])[0]!.id).sort(), [ADELE, GRACE, MEGAN, OMAR, PRIYA].map((u) => u.id).sort());
    for (const c of created) {
      assert.equal(c.body.isGroup, false);
      assert.equal(c.body.tenantId, '00000000-0000-0000-0000-000000000001');
      assert.deepEqual(c.body.channelData, { tenant: { id: '00000000-0000-0000-0000-000000000001' } });
    }
    for (const [u, personId] of [[MEGAN, 'megan-bowen'], [ADELE, 'adele-vance'], [GRACE, 'grace-taylor'], [PRIYA, 'priya-shah'], [OMAR, 'omar-haddad']] as const) {
      const welcomes = welcomesTo(bot, u);
      assert.equal(welcomes.length, 1, `one welcome for ${u.name}`);
      assert.match(cardText(welcomes[0]!.body.attachments), new RegExp(`Welcome, ${u.name}`));
      const record = await bot.app.deps.conversations.get(`user:${u.aadObjectId}`);
      assert.equal(record?.origin, 'roster', u.name);
      assert.equal(record?.personId, personId);
      assert.equal((record?.reference as { conversation: { id: string } }).conversation.id, chat(u));
    }
    assert.match(cardText(welcomesTo(bot, PRIYA)[0]!.body.attachments), /You lead: 10\. We will increase early detection/);
    // Alex installed: no conversation is created for him, and his record stays as the install left it.
    assert.equal(welcomesTo(bot, ALEX).length, 0);
    assert.equal((await bot.app.deps.conversations.get(`user:${ALEX.aadObjectId}`))?.origin, 'installed');
    assert.deepEqual((await bot.app.deps.reach.get('priya-shah'))?.teams, [TEAM_ID]);
    assert.ok(await bot.app.deps.conversations.get(`team:${TEAM_ID}`), 'the team is kept for the daily re-read');
    assert.equal(bot.connector.overLimit, 0, 'no request over Teams\' limits');
  });

  it('a second install event and a member joining read the roster again but welcome nobody twice', async () => {
    await installedInTeam();
    const before = bot.connector.creates.length;
    bot.connector.reset();
    await bot.post(teamInstallation(ALEX, bot.serviceUrl));
    await bot.post(teamMembersAdded(ALEX, bot.serviceUrl, [{ id: '29:guest-new', name: 'Guest New' }]));
    await bot.app.roster.idle();
    assert.equal(bot.connector.rosterReads.length, 9, 'three more reads of three pages');
    assert.equal(bot.connector.creates.length, before);
    assert.deepEqual(bot.connector.cards().filter((c) => /Welcome, /.test(cardText(c))), []);
  });

  it('a member outside the tenant is refused (403): recorded, and the others still get their chat', async () => {
    await installedInTeam();
    await niaAndZoeJoin();
    const recent = bot.connector.creates.slice(-2);
    assert.deepEqual(recent.map((c) => [(c.body.members as { id: string }[])[0]!.id, c.status]).sort(), [[NIA.id, 403], [ZOE.id, 201]]);
    assert.equal(welcomesTo(bot, ZOE).length, 1);
    assert.equal(await bot.app.deps.conversations.get(`user:${NIA.aadObjectId}`), undefined);
    assert.match((await bot.app.deps.reach.get('nia-okafor'))?.lastFailure?.note ?? '', /^403: .*not in the tenant/);
    // A refusal is not asked again at every join: the next read leaves Nia alone for a week.
    const creates = bot.connector.creates.length;
    await bot.app.scheduler.syncRosters();
    assert.equal(bot.connector.creates.length, creates);
  });

  it('someone whose chat the bot opened and who then installs the app is not welcomed again', async () => {
    await installedInTeam();
    bot.connector.reset();
    await bot.post(installation(MEGAN, bot.serviceUrl));
    await bot.app.roster.idle();
    assert.equal(welcomesTo(bot, MEGAN).length, 0);
    const record = await bot.app.deps.conversations.get(`user:${MEGAN.aadObjectId}`);
    assert.equal(record?.origin, 'roster', 'the chat is still the one the bot opened');
  });

  it('the daily re-read opens a chat for someone who joined without an event, and only for them', async () => {
    await installedInTeam();
    const FERN: TeamsUser = { id: '29:fern', name: 'Fern Ali', aadObjectId: '00000000-0000-0000-0000-0000000000044' };
    await bot.app.deps.people.putPerson({ id: 'fern-ali', name: 'Fern Ali', aadObjectId: FERN.aadObjectId!, boardManager: false });
    bot.connector.rosters.get(TEAM_ID)!.push(member(FERN));
    const creates = bot.connector.creates.length;
    bot.connector.reset();
    await bot.app.scheduler.syncRosters();
    assert.deepEqual(bot.connector.creates.slice(creates).map((c) => [(c.body.members as { id: string }[])[0]!.id, c.status]), [[FERN.id, 201]]);
    assert.equal(welcomesTo(bot, FERN).length, 1);
  });

  it('reach (a board manager): every lead, deputy and board manager with how the bot reaches them, or why not', async () => {
    await installedInTeam();
    await niaAndZoeJoin();
    const text = cardText(await bot.ask(ALEX, 'reach'));
    assert.match(text, /^How the bot reaches people\n5 people: Teams chat 4 · email 0 · not reachable 1\n/);
    assert.match(text, /Nia Okafor\ndeputy 10\. We will increase early detection[^\n]*\nnot reachable: last send failed: 403: .*not in the tenant.*; in the board team but no chat could be opened; Graph not configured; no email address/);
    assert.match(text, /Alex Wilber\nlead 19\. We will reduce the number of falls[^\n;]*; board manager, Test City\nTeams chat \(installed the app\)/);
    assert.match(text, /Megan Bowen\nlead 9\. We will take action[^\n]*, W2\. Healthy Weight\nTeams chat \(opened from the team roster\)/);
    assert.match(text, /Adele Vance\nTest City Council\ndeputy 9\. We will take action[^\n]*, 19\. We will reduce[^\n]*\nTeams chat \(opened from the team roster\)/);
    assert.match(text, /Priya Shah\nTest City Council\nlead 10\. We will increase early detection[^\n]*\nTeams chat \(opened from the team roster\)/);
    // Not a lead, deputy or board manager of a live priority: not listed.
    assert.doesNotMatch(text, /Grace Taylor|Omar Haddad/);
    assert.match(cardText(await bot.ask(MEGAN, 'reach')), /Only board managers can do that/);
    assert.match(cardText(await bot.ask(MEGAN, 'help')), /reach\nBoard managers: how the bot reaches each lead/);
  });

  it('on the opening day of 2026-Q3 the check-in card reaches a lead who never opened the bot', async () => {
    await installedInTeam();
    bot.connector.reset();
    await bot.tickAt('2026-10-01T08:31:00Z'); // 09:31 BST, after the 09:30 send time
    const toPriya = bot.connector.sentTo(chat(PRIYA)).map((c) => `${String(c.body.text ?? '')}\n${cardText(c.body.attachments)}`);
    assert.equal(toPriya.length, 1, toPriya.join('\n---\n'));
    assert.match(toPriya[0]!, /The 2026-Q3 check-in for 10\. We will increase early detection.* is open\./);
    assert.match(toPriya[0]!, /Check-in for 2026-Q3/);
  });
});

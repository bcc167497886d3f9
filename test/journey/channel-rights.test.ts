import { strict as assert } from 'node:assert';
import { claimBoardChannel } from '../../src/app/board-channel';
import { boardChannelKey } from '../../src/domain/board';
import { aPerson, aStrategy } from '../domain/builders';
import { inMemoryApp } from '../app/in-memory-app';
import { ALEX, CHANNEL_ID, channelMessage, installation, MEGAN, teamInstall, TENANT } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';

/**
 * The board's digest channel belongs to the board: a team install by anyone but one of its
 * managers leaves it where it is, and activities from another organisation's tenant are refused.
 */
const OTHER_TEAM = '19:someone-elses-team@thread.tacv2';
const OTHER_TENANT = '99999999-0000-0000-0000-000000000009';
const channelOf = async (bot: BotHarness) => ((await bot.app.deps.conversations.get(boardChannelKey('test-city')))?.reference as { conversation?: { id?: string } } | undefined)?.conversation?.id;

describe('the board channel belongs to the board', () => {
  let bot: BotHarness;
  beforeEach(async () => (bot = await new BotHarness('2026-10-20T10:00:00Z', { ALLOWED_TENANTS: TENANT }).start()));
  afterEach(async () => bot.stop());

  it('a team install by someone who manages no board is welcomed and leaves the digest going to the board\'s channel', async () => {
    await bot.post(channelMessage(ALEX, bot.serviceUrl, 'use this channel for digests'));
    assert.equal(await channelOf(bot), CHANNEL_ID);
    bot.connector.reset();
    const install = teamInstall(MEGAN, bot.serviceUrl);
    await bot.post({ ...install, conversation: { ...(install.conversation as object), id: OTHER_TEAM }, channelData: { tenant: { id: TENANT }, team: { id: OTHER_TEAM, name: 'Megan\'s team' }, eventType: 'teamMemberAdded' } });
    assert.equal(await channelOf(bot), CHANNEL_ID, 'the channel did not move');
    const posts = bot.connector.sentTo(OTHER_TEAM);
    assert.equal(posts.length, 1);
    assert.match(cardText(posts[0]!.body.attachments), /Hello from the HWB Progress Bot[\s\S]*A board manager chooses where the escalation digest is posted/);
    assert.equal(bot.connector.cards().filter((c) => /Digest channel (set|moved)/.test(cardText(c))).length, 0, 'no manager is told of a move that did not happen');
    // The digest still goes to the board's channel.
    bot.connector.reset();
    await bot.post(channelMessage(ALEX, bot.serviceUrl, 'digest now', CHANNEL_ID, '9'));
    assert.equal(bot.connector.sentTo(CHANNEL_ID).length, 1);
    assert.equal(bot.connector.sentTo(OTHER_TEAM).length, 0);
  });

  it('a team install by a board manager makes that channel the board\'s', async () => {
    await bot.post(teamInstall(ALEX, bot.serviceUrl));
    assert.equal(await channelOf(bot), '19:board-team@thread.tacv2');
    assert.match(cardText(bot.connector.lastCard()), /Board channel set[\s\S]*Test City Health and Wellbeing Board/);
  });

  it('"use this channel for digests" from someone who manages no board is refused, and nothing moves', async () => {
    await bot.post(channelMessage(ALEX, bot.serviceUrl, 'use this channel for digests'));
    await bot.post(channelMessage(MEGAN, bot.serviceUrl, 'use this channel for digests', '19:megans-channel@thread.tacv2'));
    assert.match(cardText(bot.connector.lastCard()), /Only board managers can do that/);
    assert.equal(await channelOf(bot), CHANNEL_ID);
  });

  it('an activity from another tenant is refused with 403 and nothing is stored; the board\'s tenant is answered', async () => {
    const install = installation(ALEX, bot.serviceUrl);
    const foreign = { ...install, conversation: { ...(install.conversation as object), tenantId: OTHER_TENANT }, channelData: { tenant: { id: OTHER_TENANT } } };
    const refused = await bot.post(foreign);
    assert.equal(refused.status, 403);
    assert.deepEqual(await bot.app.deps.conversations.list(), []);
    const teamFromElsewhere = teamInstall(ALEX, bot.serviceUrl);
    assert.equal((await bot.post({ ...teamFromElsewhere, conversation: { ...(teamFromElsewhere.conversation as object), tenantId: OTHER_TENANT }, channelData: { tenant: { id: OTHER_TENANT }, team: { id: OTHER_TEAM } } })).status, 403);
    assert.equal(await channelOf(bot), undefined);
    assert.equal(bot.connector.sent().length, 0);
    const accepted = await bot.post(install);
    assert.ok(accepted.status < 300, `status ${accepted.status}`);
    assert.equal((await bot.app.deps.conversations.list()).length, 1);
  });
});

describe('setting a board channel tells the board\'s other managers, by name', () => {
  it('one manager moves it: the other is told who did it; a manager of another board is not', async () => {
    const strategies = [{ ...aStrategy('a').build(), board: 'North Health and Wellbeing Board' }, { ...aStrategy('b').build(), board: 'South Health and Wellbeing Board' }];
    const ann = { ...aPerson('ann').named('Ann North').build(), boardManager: true, manages: ['north'] };
    const bob = { ...aPerson('bob').named('Bob North').build(), boardManager: true, manages: ['north'] };
    const sue = { ...aPerson('sue').named('Sue South').build(), boardManager: true, manages: ['south'] };
    const { deps, notifier, install } = await inMemoryApp({ now: '2026-10-20T10:00:00Z', strategies, priorities: [], people: [ann, bob, sue] });
    for (const p of ['ann', 'bob', 'sue']) await install(p);
    const claim = (id: string) => ({ channelId: id, reference: { conversation: { id } } });
    const first = await claimBoardChannel({ ...deps, notifier }, { known: ann }, claim('19:north-1'));
    assert.deepEqual([first.kind, first.kind === 'registered' && first.moved], ['registered', false]);
    const moved = await claimBoardChannel({ ...deps, notifier }, { known: ann }, claim('19:north-2'));
    assert.ok(moved.kind === 'registered' && moved.moved);
    const told = notifier.sent.filter((s) => s.notice.kind === 'board-channel');
    assert.deepEqual(told.map((t) => [t.to, t.notice.kind === 'board-channel' && t.notice.by, t.notice.kind === 'board-channel' && t.notice.moved]), [['chat-bob', 'Ann North', false], ['chat-bob', 'Ann North', true]]);
    await assert.rejects(claimBoardChannel({ ...deps, notifier }, { known: sue }, claim('19:north-3'), 'north'), /does not manage/);
    assert.equal(((await deps.conversations.get(boardChannelKey('north')))?.reference as { conversation: { id: string } }).conversation.id, '19:north-2');
  });
});

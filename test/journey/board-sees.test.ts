import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { ALEX, AMY, cardAction, channelMessage, CHANNEL_ID, installation, membersAdded, message, submitFrom } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';
import { validateCard } from '../support/validate-card';
import { loadPicture, strategiesOf, allBoards } from '../../src/app/board-picture';
import { boardReport } from '../../src/app/report';
import { isStrategyLive } from '../../src/domain/strategy';

const SEEDS = join(__dirname, '..', '..', 'seeds');
const CITY = 'Leicester City Health and Wellbeing Board';
const COUNTY = 'Leicestershire Health and Wellbeing Board';
const S = 'leicester-2022-27';

/**
 * What the board sees (issue 19), on the real seeds, 24 Nov 2026: most live priorities have no
 * lead in people.json, so nobody was asked about them; they are "No lead", never "overdue".
 */
describe('what the board sees, on the real seeds', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  before(async () => (bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: SEEDS }).start()));
  after(async () => bot.stop());

  /** The picture's No lead count per live strategy of a board: what every view must say. */
  const noLeadOfBoard = async (name: string) => {
    const board = (await allBoards(bot.app.deps)).find((b) => b.name === name)!;
    const live = (await strategiesOf(bot.app.deps, [board])).filter((s) => isStrategyLive(s, '2026-11-24'));
    const picture = await loadPicture(bot.app.deps, live);
    return { picture, noLead: picture.strategies.reduce((n, sp) => n + sp.noLead, 0), unled: picture.strategies.flatMap((sp) => sp.priorities.filter((p) => p.standing === 'no-lead').map((p) => p.priority.number)) };
  };

  it('the Leicester City digest lists no priority nobody was asked about as overdue, and says how many have no lead', async () => {
    const { noLead, unled } = await noLeadOfBoard(CITY);
    assert.ok(noLead > 0 && unled.includes('1') && !unled.includes('19'), `${noLead}: ${unled.join(', ')}`);
    const card = await bot.ask(ALEX, 'digest now leicester city');
    const text = cardText(bot.connector.cards().find((c) => /Escalation digest/.test(cardText(c)))!);
    assert.match(text, new RegExp(`No lead assigned \\(${noLead}\\)\\nNobody is asked for these check-ins, so none of them is counted as overdue\\. To give one a lead, a board manager types "lead <number> <email or name>"`));
    const overdue = /Overdue \(([^)]*)\)\n([\s\S]*?)(?=\n[A-Z][^\n]*\(\d|$)/.exec(text);
    assert.ok(overdue, text);
    for (const n of unled) assert.doesNotMatch(overdue[2]!, new RegExp(`(^|\\n)${n}\\. `), `priority ${n} has no lead: not overdue`);
    assert.match(overdue[2]!, /^19\. We will reduce the number of falls/);
    assert.match(text, new RegExp(`Not reported \\d+ \\(overdue \\d+, no lead ${noLead}\\)`));
    // Asked in the personal chat, a board with no channel is answered here, and the message names the board.
    assert.match(cardText(card), new RegExp(`No board channel yet for ${CITY}`));
  });

  it('summary, status, the paper and reach say the same No lead number', async () => {
    const { noLead, picture } = await noLeadOfBoard(CITY);
    const summary = cardText(await bot.ask(ALEX, 'summary leicester city'));
    assert.match(summary, new RegExp(`of which no lead\\nNobody \\(no lead, no deputy\\) is asked: give it a lead\\n${noLead}\\b`));
    const status = cardText(await bot.ask(ALEX, 'status W3'));
    assert.match(status, /No lead: nobody is asked for the [^\n]* check-in, so it is not counted as overdue/);
    assert.doesNotMatch(status, /Overdue: the/);
    const paper = await boardReport(bot.app.deps, S);
    assert.equal(paper.noLead, picture.strategies.find((sp) => sp.strategy.key === S)!.noLead);
    assert.match(paper.ragRows.find((r) => r.rating === 'Not reported')!.definition, new RegExp(`\\(${paper.noLead} with no lead`));
    const reach = cardText(await bot.ask(ALEX, 'reach'));
    assert.match(reach, new RegExp(`No lead, Leicester City: ${noLead} priorities nobody is asked about`));
    const county = await noLeadOfBoard(COUNTY);
    assert.match(reach, new RegExp(`No lead, Leicestershire: ${county.noLead} priorities`));
    // Roles by name: a priority by its number and name, a board manager with their boards.
    assert.match(reach, /lead 19\. We will reduce the number of falls/);
    assert.match(reach, /board manager, Leicester City and Leicestershire/);
    const overdue = cardText(await bot.ask(ALEX, 'overdue leicester city'));
    assert.match(overdue, new RegExp(`Not listed: ${noLead} priorities with no lead`));
  });

  it('a project\'s point for escalation reaches the digest under its workstream, red, and the paper\'s points for the board', async () => {
    const card = await bot.ask(AMY, 'projects W2');
    const submit = submitFrom(card, { p2_rag: 'red', p2_update: 'Maternity weight service paused.', p2_escalation: 'Board to note maternity obesity rising.' });
    const answer = await bot.invoke(cardAction(AMY, bot.serviceUrl, submit.verb, submit.data));
    assert.match(cardText(answer.body.value), /received/);
    bot.connector.reset();
    await bot.post(message(ALEX, bot.serviceUrl, 'digest now leicester city'));
    const digest = cardText(bot.connector.cards().find((c) => /Escalation digest/.test(cardText(c)))!);
    assert.match(digest, /Point for escalation raised \(1 project\)\nW2\. Healthy Weight\nProject "Establishing local opportunity to improving healthy weight in pregnancy": Board to note maternity obesity rising\./);
    assert.match(digest, /Red \(1 project\)\nW2\. Healthy Weight/);
    assert.match(digest, /Projects: ● Red 1/);
    const red = cardText(await bot.ask(ALEX, 'red leicester city'));
    assert.match(red, /Rated Red this period \(1 project\)[\s\S]*is Red for 2026-Q3\. Point for escalation: Board to note maternity obesity rising\./);
    const paper = await boardReport(bot.app.deps, S);
    assert.ok(paper.escalations.some((e) => /^W2\. Healthy Weight, project "Establishing local opportunity/.test(e.name) && e.point === 'Board to note maternity obesity rising.'), JSON.stringify(paper.escalations));
  });

  it('report offers a manager of both boards each strategy of each board', async () => {
    const text = cardText(await bot.ask(ALEX, 'report'));
    const all = (await bot.app.deps.strategies.listStrategies()).map((s) => s.title);
    assert.equal(all.length, 4);
    for (const title of all) assert.ok(text.includes(title), `${title} offered`);
    assert.ok(text.indexOf(CITY) < text.indexOf(COUNTY));
  });
});

describe('digest now: one board per channel (real seeds)', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  before(async () => (bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: SEEDS }).start()));
  after(async () => bot.stop());

  it('in Leicester City\'s channel only its digest is posted; Leicestershire\'s goes to the sender\'s personal chat', async () => {
    await bot.post(installation(ALEX, bot.serviceUrl));
    await bot.post(channelMessage(ALEX, bot.serviceUrl, 'use this channel for digests leicester city', CHANNEL_ID, '1'));
    bot.connector.reset();
    await bot.post(channelMessage(ALEX, bot.serviceUrl, 'digest now', CHANNEL_ID, '2'));
    const inChannel = bot.connector.sentTo(CHANNEL_ID).map((c) => cardText(c.body.attachments));
    const digests = inChannel.filter((t) => /Escalation digest/.test(t));
    assert.equal(digests.length, 1, inChannel.join('\n---\n'));
    assert.match(digests[0]!, new RegExp(CITY));
    assert.ok(inChannel.every((t) => !t.includes(COUNTY) || /personal chat/.test(t)), 'no other board\'s digest here');
    assert.ok(inChannel.some((t) => new RegExp(`Digest sent to your personal chat\\n${COUNTY} has no board channel yet`).test(t)), inChannel.join('\n---\n'));
    const personal = bot.connector.sentTo(`a:personal-${ALEX.id}`).map((c) => cardText(c.body.attachments));
    assert.equal(personal.filter((t) => /Escalation digest/.test(t) && t.includes(COUNTY)).length, 1);
    for (const c of bot.connector.cards()) assert.deepEqual(validateCard(c), []);
  });
});

describe('the welcome, once per install (real seeds)', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  beforeEach(async () => (bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: SEEDS }).start()));
  afterEach(async () => bot.stop());
  const welcomes = () => bot.connector.cards().filter((c) => /Welcome, Alex Wilber/.test(cardText(c))).length;

  it('installationUpdate then conversationUpdate: one welcome', async () => {
    await bot.post(installation(ALEX, bot.serviceUrl));
    await bot.post(membersAdded(ALEX, bot.serviceUrl));
    assert.equal(welcomes(), 1);
  });

  it('conversationUpdate then installationUpdate, an hour apart: one welcome', async () => {
    await bot.post(membersAdded(ALEX, bot.serviceUrl));
    bot.clock.set('2026-11-24T11:00:00Z');
    await bot.post(installation(ALEX, bot.serviceUrl));
    assert.equal(welcomes(), 1);
  });

  it('both at once: one welcome', async () => {
    await Promise.all([bot.post(installation(ALEX, bot.serviceUrl)), bot.post(membersAdded(ALEX, bot.serviceUrl)), bot.post(installation(ALEX, bot.serviceUrl))]);
    assert.equal(welcomes(), 1);
  });

  it('removed and installed again: welcomed again, once', async () => {
    await bot.post(installation(ALEX, bot.serviceUrl));
    await bot.post({ ...installation(ALEX, bot.serviceUrl), action: 'remove' });
    await Promise.all([bot.post(installation(ALEX, bot.serviceUrl)), bot.post(membersAdded(ALEX, bot.serviceUrl))]);
    assert.equal(welcomes(), 2);
  });
});

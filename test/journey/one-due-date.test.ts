import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { ALEX, cardAction, installation } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';
import { saveFrom } from '../support/board-calendars';
import { runCli } from '../support/cli-runner';
import { testConnectionString, uniquePrefix } from '../support/storage';

const SEEDS = join(__dirname, '..', '..', 'seeds');
const ALEX_CHAT = 'a:personal-29:alex';

/**
 * One due date everywhere, on the real seeds. Alex sets Leicester City's next meeting, Thursday
 * 4 Feb 2027: answers for 2026 are then due 10 working days before, Thursday 21 Jan, not 14 days
 * after the period opens (Friday 15 Jan, the install's rule). Priority 19 (annual, Alex leads it)
 * then shows 21 Jan in its reminder, its check-in card, `status`, `hwb-bot schedule`, the board's
 * page and the `overdue` list: the calendar the cycle runs on, read by every view.
 */
describe('one due date everywhere, from the board\'s own calendar (real seeds)', function () {
  this.timeout(60_000);
  let bot: BotHarness;
  // The bot and the command line on one store.
  let env: Record<string, string>;
  beforeEach(async () => {
    env = { STORAGE_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix(), SEEDS_DIR: SEEDS, LOG_LEVEL: 'silent' };
    bot = await new BotHarness('2026-12-21T10:00:00Z', env).start();
    await bot.post(installation(ALEX, bot.serviceUrl));
    const { verb, data } = saveFrom(await bot.ask(ALEX, 'calendar leicester city'), { meetingDates: '2027-02-04' });
    const saved = cardText((await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data))).body.value);
    assert.match(saved, /Calendar saved[\s\S]*4 Feb 2027\nanswers due 21 Jan 2027/);
    bot.connector.reset();
  });
  afterEach(async () => bot.stop());

  it('the reminder, the check-in card from `checkin` and `status` all give 21 Jan', async () => {
    // Monday 4 Jan 2027 09:31 GMT (1 Jan is a bank holiday): the 2026 reminder for 19.
    await bot.tickAt('2027-01-04T09:31:00Z');
    const reminder = bot.connector.sentTo(ALEX_CHAT).find((c) => /2026 check-in for 19\./.test(String(c.body.text ?? '')));
    assert.ok(reminder, bot.connector.sentTo(ALEX_CHAT).map((c) => String(c.body.text)).join('\n'));
    assert.match(String(reminder.body.text), /Please answer by 21 Jan 2027\./);
    assert.match(cardText(reminder.body.attachments), /Due\n21 Jan 2027/);

    // Monday 18 Jan: past the install's 15 Jan, before the board's 21 Jan.
    bot.clock.set('2027-01-18T10:00:00Z');
    const card = cardText(await bot.ask(ALEX, 'checkin 19'));
    assert.match(card, /2026/);
    assert.match(card, /Due\n21 Jan 2027/);
    const status = cardText(await bot.ask(ALEX, 'status 19'));
    assert.match(status, /No answer yet for 2026; due 21 Jan 2027/);
    assert.match(status, /Due\n21 Jan 2027 \(2026\)/);
    assert.doesNotMatch(status, /Overdue|15 Jan 2027/);
  });

  it('`hwb-bot schedule` lists 19\'s messages on 21 Jan\'s due date: nudges before it, "due today" on it, "overdue" the day after', async () => {
    const r = await runCli(env, 'schedule', '--from', '2027-01-04', '--to', '2027-01-29', '--json');
    assert.equal(r.code, 0, r.err);
    const lines = (JSON.parse(r.out) as { messages: { kind: string; date: string; priority?: string; due?: string }[] }).messages.filter((m) => m.priority === 'leicester-2022-27/19');
    assert.ok(lines.length > 0, r.out.slice(0, 500));
    assert.deepEqual([...new Set(lines.map((m) => m.due))], ['2027-01-21']);
    const on = (kind: string) => lines.filter((m) => m.kind === kind).map((m) => m.date);
    assert.deepEqual(on('reminder'), ['2027-01-04']);
    assert.deepEqual(on('due-today'), ['2027-01-21']);
    assert.deepEqual(on('overdue'), ['2027-01-22']);
    assert.ok(on('nudge').every((d) => d < '2027-01-21' && d > '2027-01-04'), on('nudge').join(', '));
  });

  it('the board\'s page on 18 Jan shows 19 not yet due; on 22 Jan `overdue` lists it 1 day overdue, due 21 Jan', async () => {
    bot.clock.set('2027-01-18T10:00:00Z');
    const page = await (await fetch(await bot.app.issueBoardLink('alex-wilber', 'leicester-city'))).text();
    const row = /<tr class="priority" data-ref="leicester-2022-27\/19">[\s\S]*?<\/tr>/.exec(page)?.[0] ?? '';
    assert.match(row, /data-period="2026" data-state="not-yet-due"/);
    assert.doesNotMatch(cardText(await bot.ask(ALEX, 'overdue leicester city')), /19\. We will reduce the number of falls/);

    bot.clock.set('2027-01-22T10:00:00Z');
    const overdue = cardText(await bot.ask(ALEX, 'overdue leicester city'));
    assert.match(overdue, /19\. We will reduce the number of falls[^\n]*\n?[\s\S]*?1 day overdue \(due 21 Jan 2027\)/);
    const later = await (await fetch(await bot.app.issueBoardLink('alex-wilber', 'leicester-city'))).text();
    assert.match(/<tr class="priority" data-ref="leicester-2022-27\/19">[\s\S]*?<\/tr>/.exec(later)?.[0] ?? '', /data-period="2026" data-state="overdue"/);
  });

  it('the board\'s escalation rules too: with "overdue" switched off on its calendar, neither `overdue` nor the board\'s page lists 19, as its digest does not', async () => {
    const { verb, data } = saveFrom(await bot.ask(ALEX, 'calendar leicester city'), { rule_overdue: 'false' });
    assert.match(cardText((await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data))).body.value), /rule overdue: on → off/);
    bot.clock.set('2027-01-22T10:00:00Z');
    assert.doesNotMatch(cardText(await bot.ask(ALEX, 'overdue leicester city')), /19\. We will reduce the number of falls/);
    const page = await (await fetch(await bot.app.issueBoardLink('alex-wilber', 'leicester-city'))).text();
    assert.doesNotMatch(page, />19\. We will reduce the number of falls/);
    // Still overdue in the grid: the rule says what the board is told about, not whether an answer is late.
    assert.match(/<tr class="priority" data-ref="leicester-2022-27\/19">[\s\S]*?<\/tr>/.exec(page)?.[0] ?? '', /data-period="2026" data-state="overdue"/);
  });

  it('the views read the boards\' calendars at most once between them, not once per priority (Leicester City has 22)', async () => {
    bot.clock.set('2027-01-18T10:00:00Z');
    // Every read of the calendar store, by the views and by the store that gives each priority its board's frequency.
    const store = bot.app.storage.calendars;
    let reads = 0;
    const [get, list] = [store.get.bind(store), store.list.bind(store)];
    store.get = (key) => ((reads += 1), get(key));
    store.list = () => ((reads += 1), list());
    const readsFor = async (act: () => Promise<unknown>) => {
      reads = 0;
      await act();
      return reads;
    };
    const counts = {
      checkin: await readsFor(() => bot.ask(ALEX, 'checkin 19')),
      status: await readsFor(() => bot.ask(ALEX, 'status 19')),
      summary: await readsFor(() => bot.ask(ALEX, 'summary leicester city')),
      page: await readsFor(async () => (await fetch(await bot.app.issueBoardLink('alex-wilber', 'leicester-city'))).text()),
    };
    // The calendars are served from the read cache (read-cache.ts): at most one read of the store
    // loads them for every view after it (before the cache: 3, 3, 2 and 2, one per priorities read).
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    assert.ok(total <= 1, `${JSON.stringify(counts)} reads of the calendar store`);
  });
});

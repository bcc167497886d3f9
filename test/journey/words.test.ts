import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { listByReason } from '../../src/app/board-view';
import { LIST_MORE_VERB, LIST_PAGE, reasonListCard } from '../../src/cards/list-card';
import { allActions, ALEX, cardAction, message, submitFrom } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';

const SEEDS = join(__dirname, '..', '..', 'seeds');

/**
 * Words a board member reads (issue 19, item 11), on the real seeds over the bot's endpoint:
 * PLUS groups by their names, priorities named without a stray full stop inside sentences and
 * lists, and list pages that go on and back saying which items they show.
 */
describe('words on the real seeds', function () {
  let bot: BotHarness;
  before(async () => (bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: SEEDS }).start()));
  after(async () => bot.stop());

  it('status names an answer\'s PLUS group as the strategy does ("Severe mental illness (SMI)"), never by its key', async () => {
    await bot.post(message(ALEX, bot.serviceUrl, 'checkin 19'));
    const { verb, data } = submitFrom(bot.connector.lastCard(), { rag: 'green', update: 'Falls clinics opened in two more wards.', plus_smi: 'Home visits offered to people with SMI.', ragReason: 'Wards report fewer falls.' });
    await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data));
    const stored = await bot.app.deps.checkIns.get('leicester-2022-27', '19', '2025');
    assert.equal(stored?.plusGroups.smi, 'Home visits offered to people with SMI.');
    const status = cardText(await bot.ask(ALEX, 'status 19'));
    assert.match(status, /PLUS group: Severe mental illness \(SMI\)\nHome visits offered to people with SMI\./);
    assert.doesNotMatch(status, /PLUS group: smi/);
  });

  it('a priority\'s name drops its title\'s closing full stop, so no sentence or list reads ".;", ".:" or ". is"', async () => {
    const texts = [cardText(await bot.ask(ALEX, 'help')), cardText(await bot.ask(ALEX, 'overdue')), cardText(await bot.ask(ALEX, 'status 19'))];
    bot.connector.reset();
    await bot.post(message(ALEX, bot.serviceUrl, 'digest now leicester city'));
    texts.push(...bot.connector.cards().map(cardText));
    const all = texts.join('\n');
    // Title in seeds: "We will reduce the number of falls for people aged 65+ in Leicester."
    assert.match(all, /19\. We will reduce the number of falls for people aged 65\+ in Leicester(\n|$| ·)/);
    assert.doesNotMatch(all, /\.[;:]|\. is /);
  });

  it('a list past one page (the real overdue entries, many times over): each page says which items it shows, and any page past the first goes back', async () => {
    // On the real seeds' own day no list is longer than a page any more (no lead is not overdue),
    // so the real entries are repeated to 22, as the seeds listed before.
    const real = await listByReason(bot.app.deps, { aadObjectId: ALEX.aadObjectId }, 'overdue', 'leicester city');
    assert.ok(real.length > 0);
    const entries = Array.from({ length: 22 }, (_, i) => ({ ...real[i % real.length]!, number: String(i + 1) }));
    const labels = (c: unknown) => allActions(c).filter((a) => a.verb === LIST_MORE_VERB).map((a) => [String(a.title), (a.data as { offset: number }).offset]);
    assert.deepEqual(labels(reasonListCard('Overdue check-ins', entries, '', 'overdue')), [[`Show ${LIST_PAGE + 1}–22 of 22`, LIST_PAGE]]);
    const last = reasonListCard('Overdue check-ins', entries, '', 'overdue', LIST_PAGE);
    assert.deepEqual(labels(last), [[`Back to 1–${LIST_PAGE}`, 0]]);
    assert.doesNotMatch(JSON.stringify(last), /of \d+ more/);
  });
});

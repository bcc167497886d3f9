import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { boardReport } from '../../src/app/report';
import { reportMarkdown } from '../../src/report/report-text';
import { ALEX, cardAction, inputsOf, press, submitFrom } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';
import { validateCard } from '../support/validate-card';

const SEEDS = join(__dirname, '..', '..', 'seeds');
const S = 'leicester-2022-27';
const LAST_UPDATE = 'Falls service recommissioned across the city; waiting list cleared.';

/**
 * Fresh answers (issue 19 item 2), on the real seeds. Alex Wilber leads priority 19 (falls),
 * answered once a year: on 10 Mar 2025 he answers 2024; on 24 Nov 2026 the card for 2025 starts
 * empty, with the 2024 answer above its inputs.
 */
describe('fresh answers: the check-in starts empty, last period\'s answer shown above it (real seeds)', function () {
  this.timeout(30_000);
  let bot: BotHarness;

  beforeEach(async () => {
    bot = await new BotHarness('2025-03-10T10:00:00Z', { SEEDS_DIR: SEEDS }).start();
    const card = await bot.ask(ALEX, 'checkin 19');
    assert.match(cardText(card), /^Check-in for 2024\n/);
    const { verb, data } = press(card, 'Submit check-in', { rag: 'green', update: LAST_UPDATE, nextSteps: 'Evaluate the pilot.' });
    assert.match(cardText((await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data))).body.value), /Check-in received for 2024/);
    bot.clock.set('2026-11-24T10:00:00Z');
  });
  afterEach(async () => bot.stop());

  const stored = () => bot.app.deps.checkIns.get(S, '19', '2025');

  it('the card\'s inputs start empty; the 2024 answer is above them, labelled with its period; Submit on the untouched card stores nothing', async () => {
    const card = await bot.ask(ALEX, 'checkin 19');
    const text = cardText(card);
    assert.match(text, /^Check-in for 2025\n/);
    assert.match(text, new RegExp(`Last answer, 2024: Green\\n${LAST_UPDATE}\\n`));
    assert.match(text, /Start from last answer/);
    const values = Object.fromEntries(inputsOf(card).map((i) => [i.id, i.value]));
    assert.deepEqual([values.rag, values.update, values.nextSteps], ['', '', ''], 'nothing of 2024 is in the inputs');
    // The Teams client does not send a card whose required inputs are empty...
    assert.throws(() => press(card, 'Submit check-in'), /rag is required \("Choose Red, Amber or Green\."\)/);
    // ...and the bot, sent one anyway, saves nothing and says what is missing.
    const { verb, data } = submitFrom(card, {});
    const answer = cardText((await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data))).body.value);
    assert.match(answer, /Nothing was saved: 2 answers need fixing/);
    assert.equal(await stored(), undefined);
  });

  it('"Start from last answer" fills the inputs; the same update again is refused without "No change since last period", and stored with it', async () => {
    const card = await bot.ask(ALEX, 'checkin 19');
    const fill = press(card, 'Start from last answer');
    const filledAnswer = await bot.invoke(cardAction(ALEX, bot.serviceUrl, fill.verb, fill.data));
    const filled = filledAnswer.body.value as Record<string, unknown>;
    assert.deepEqual(validateCard(filled), []);
    const values = Object.fromEntries(inputsOf(filled).map((i) => [i.id, i.value]));
    assert.deepEqual([values.rag, values.update, values.nextSteps, values.noChange], ['green', LAST_UPDATE, 'Evaluate the pilot.', 'false']);
    assert.match(cardText(filled), /^Check-in for 2025\n/, 'still this period\'s card');

    // Submitted as filled: the same words as 2024's, and the lead has not said nothing changed.
    const same = press(filled, 'Submit check-in');
    const refused = cardText((await bot.invoke(cardAction(ALEX, bot.serviceUrl, same.verb, same.data))).body.value);
    assert.match(refused, /Nothing was saved: one answer needs fixing/);
    assert.match(refused, /This update is the 2024 update word for word\. If nothing has changed, tick "No change since last period"; otherwise say what happened this period\./);
    assert.equal(await stored(), undefined);

    const ticked = press(filled, 'Submit check-in', { noChange: 'true' });
    const receipt = cardText((await bot.invoke(cardAction(ALEX, bot.serviceUrl, ticked.verb, ticked.data))).body.value);
    assert.match(receipt, /✔ Check-in received for 2025/);
    const saved = await stored();
    assert.deepEqual([saved?.rag, saved?.update, saved?.noChange], ['green', LAST_UPDATE, true]);

    // The paper prints it as such.
    const paper = await boardReport(bot.app.deps, S);
    assert.equal(paper.statements.find((s) => s.number === '19')?.update, `No change since last period. ${LAST_UPDATE}`);
    // (Markdown may escape the full stop.)
    assert.match(reportMarkdown(paper), /No change since last period\\?\. Falls service recommissioned/);
  });

  it('a new update needs no tick; a tick beside a changed update is refused', async () => {
    const card = await bot.ask(ALEX, 'checkin 19');
    const fill = press(card, 'Start from last answer');
    const filled = (await bot.invoke(cardAction(ALEX, bot.serviceUrl, fill.verb, fill.data))).body.value as Record<string, unknown>;
    const contradicted = press(filled, 'Submit check-in', { update: 'Falls clinics opened in two more wards.', noChange: 'true' });
    assert.match(cardText((await bot.invoke(cardAction(ALEX, bot.serviceUrl, contradicted.verb, contradicted.data))).body.value), /You ticked "No change since last period", but the update differs from the 2024 one\./);
    assert.equal(await stored(), undefined);
    const fresh = press(filled, 'Submit check-in', { update: 'Falls clinics opened in two more wards.' });
    assert.match(cardText((await bot.invoke(cardAction(ALEX, bot.serviceUrl, fresh.verb, fresh.data))).body.value), /✔ Check-in received for 2025/);
    assert.equal((await stored())?.noChange, undefined);
  });
});

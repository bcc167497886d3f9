import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { ADELE, ALEX, allActions, cardAction, installation, MEGAN, press, type TeamsUser } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';
import { uniquePrefix } from '../support/storage';
import { validateCard } from '../support/validate-card';

/**
 * Issue 22, "retire a person", on the real seeds (24 Nov 2026). Kay Darby co-leads W1 with Megan
 * Bowen on Leicester City; Alex first makes her the only lead of 1, then retires her: 1 is left
 * with no lead, W1 with Megan, and both Leicester City managers are asked to reassign.
 */
const SEEDS = join(__dirname, '..', '..', 'seeds');
const S = 'leicester-2022-27';
const OPENING = '2027-01-04T09:31:00Z';

async function pressOn(bot: BotHarness, user: TeamsUser, card: Record<string, unknown>, title: string | RegExp, typed: Record<string, string> = {}) {
  const { verb, data } = press(card, title, typed);
  return send(bot, user, verb, data);
}

async function send(bot: BotHarness, user: TeamsUser, verb: string, data: Record<string, unknown>) {
  const answer = await bot.invoke(cardAction(user, bot.serviceUrl, verb, data));
  assert.equal(answer.status, 200);
  const value = answer.body.value as Record<string, unknown>;
  if (typeof value === 'object') assert.deepEqual(validateCard(value), [], 'the answer is a valid card');
  return value;
}

/** The cards the bot sent into one person's chat since the last `ask`. */
function chatCards(bot: BotHarness, user: TeamsUser): Record<string, unknown>[] {
  return bot.connector.sentTo(`a:personal-${user.id}`).flatMap((c) => ((c.body.attachments as { content: Record<string, unknown> }[] | undefined) ?? []).map((a) => a.content));
}

describe('retire a person: their assignments become "No lead" and the managers are asked to reassign (real seeds)', function () {
  this.timeout(90_000);

  it('Alex retires Kay Darby: status shows No lead, both managers are asked to reassign, history people shows it, she gets no reminder, and a restart keeps it', async () => {
    const env = { SEEDS_DIR: SEEDS, TABLE_PREFIX: uniquePrefix() };
    const bot = await new BotHarness('2026-11-24T10:00:00Z', env).start();
    try {
      // Both managers installed the bot: the request to reassign reaches them in their chat.
      for (const manager of [ADELE, ALEX]) assert.equal((await bot.post(installation(manager, bot.serviceUrl))).status, 200);
      await pressOn(bot, ALEX, await bot.ask(ALEX, 'lead 1 kay.darby@example.org'), 'Confirm');
      assert.deepEqual((await bot.app.storage.strategies.getPriority(S, '1'))?.leads, ['kay-darby']);

      // From the people card: Retire… beside her name asks first.
      const people = await bot.ask(ALEX, 'people leicester city');
      const retireKay = allActions(people).find((a) => a.title === 'Retire…' && (a.data as Record<string, unknown>).person === 'kay-darby');
      assert.ok(retireKay, 'the people card has Retire… for Kay');
      const asked = await send(bot, ALEX, String(retireKay.verb), retireKay.data as Record<string, unknown>);
      const confirm = await bot.ask(ALEX, 'retire Kay Darby');
      assert.equal(cardText(asked), cardText(confirm), 'the card and the shortcut ask the same');
      const text = cardText(confirm);
      assert.match(text, /^Retire Kay Darby \(NHS Leicester, Leicester and Rutland ICB\)\?\nOn Leicester City Health and Wellbeing Board they stop being \(and who is left\):\n/);
      assert.match(text, /• Lead of 1\. We will improve the built environment[^\n]* → No lead\n/);
      assert.match(text, /• Lead of W1\.[^\n]* → Megan Bowen\n/);
      assert.match(text, /Kay Darby is marked retired and gets no more reminders/);
      // Nothing is written before Confirm.
      assert.deepEqual((await bot.app.storage.strategies.getPriority(S, '1'))?.leads, ['kay-darby']);

      const done = await pressOn(bot, ALEX, confirm, 'Confirm');
      assert.match(cardText(done), /^Kay Darby retired\nMarked retired: no more reminders\. 2 roles removed, 1 now with no lead; the managers were asked to reassign\.\nPeople of Leicester City/);
      assert.deepEqual((await bot.app.storage.strategies.getPriority(S, '1'))?.leads, []);
      assert.deepEqual((await bot.app.storage.strategies.getPriority(S, 'W1'))?.leads, ['megan-bowen']);
      const kay = (await bot.app.storage.people.getPerson('kay-darby'))!;
      assert.equal(kay.retired, '2026-11-24');
      assert.equal(kay.email, 'kay.darby@example.org', 'kept, not deleted');

      // Both managers of Leicester City are asked, through the outbox, with the way back to the people card.
      for (const manager of [ADELE, ALEX]) {
        const notice = chatCards(bot, manager).find((c) => /Please reassign/.test(cardText(c)));
        assert.ok(notice, `${manager.name} is asked to reassign`);
        assert.deepEqual(validateCard(notice), []);
        assert.match(cardText(notice), /^Please reassign: Kay Darby retired\nAlex Wilber retired Kay Darby from Leicester City Health and Wellbeing Board\. 1 priority or project now has no lead, so nobody is asked for its check-in\.\n• Lead of 1\. We will improve[^\n]*: No lead\n• Lead of W1\.[^\n]*: Megan Bowen\n/);
      }
      const ledger = (await bot.app.storage.outbox.list('2026-11-24', '2026-11-24')).filter((e) => e.kind === 'managers-reassign');
      assert.deepEqual(ledger.map((e) => [e.recipientId, e.status]).sort(), [['adele-vance', 'sent'], ['alex-wilber', 'sent']]);
      const adeleNotice = chatCards(bot, ADELE).find((c) => /Please reassign/.test(cardText(c)))!;
      assert.match(cardText(await pressOn(bot, ADELE, adeleNotice, 'Open the people card')), /^People of Leicester City Health and Wellbeing Board\n/);

      const status = cardText(await bot.ask(ALEX, `status ${S}/1`));
      assert.match(status, /No lead: nobody is asked/);
      assert.doesNotMatch(status, /Kay Darby/);
      const page = await (await fetch(await bot.app.issueBoardLink('alex-wilber', 'leicester-city'))).text();
      assert.match(/<tr class="priority" data-ref="leicester-2022-27\/1">[\s\S]*?<\/tr>/.exec(page)?.[0] ?? '', /<td>No lead<\/td>/, 'the board page says No lead');
      const digest = async () => {
        await bot.ask(ALEX, 'digest now leicester city');
        return cardText(bot.connector.cards().find((c) => /Escalation digest/.test(cardText(c)))!);
      };
      assert.match(await digest(), /No lead assigned \(\d+\)[\s\S]*1\. We will improve the built environment/);

      const history = cardText(await bot.ask(ALEX, 'history people leicester city'));
      assert.match(history, /Lead of 1\. We will improve[^\n]*\nKay Darby → No lead\nAlex Wilber, 24 Nov 2026, 10:00/);
      assert.match(history, /Lead of W1\.[^\n]*\nMegan Bowen, Kay Darby → Megan Bowen\nAlex Wilber/);
      const changes = await bot.app.storage.changes.list('leicester-city');
      assert.deepEqual(
        changes.filter((c) => c.before.includes('Kay Darby')).map((c) => [c.subject, c.after]).sort(),
        [
          [`lead of ${S}/1`, 'No lead'],
          [`lead of ${S}/W1`, 'Megan Bowen'],
        ],
        'one audit entry per assignment removed',
      );

      // The opening reminders: W1 goes to Megan, nothing to Kay.
      await bot.tickAt(OPENING);
      const january = await bot.app.storage.outbox.list('2027-01-01', '2027-01-31');
      assert.ok(january.some((e) => e.key.startsWith(`reminder|${S}/W1|`) && e.key.endsWith('|megan-bowen')));
      assert.deepEqual(january.filter((e) => e.key.endsWith('|kay-darby')), []);
    } finally {
      await bot.stop();
    }

    const again = await new BotHarness('2026-11-25T10:00:00Z', env).start();
    try {
      assert.deepEqual((await again.app.storage.strategies.getPriority(S, '1'))?.leads, []);
      assert.equal((await again.app.storage.people.getPerson('kay-darby'))?.retired, '2026-11-24');
      assert.match(cardText(await again.ask(ALEX, `status ${S}/1`)), /No lead: nobody is asked/);
      assert.match(cardText(await again.ask(ALEX, 'history people leicester city')), /Lead of 1\.[^\n]*\nKay Darby → No lead/);
      // Named again, she is back.
      await pressOn(again, ALEX, await again.ask(ALEX, 'lead 1 kay.darby@example.org'), 'Confirm');
      assert.equal((await again.app.storage.people.getPerson('kay-darby'))?.retired, undefined);
    } finally {
      await again.stop();
    }
  });

  it('Megan (Leicestershire only) cannot retire anyone from Leicester City, by chat or with a forged card; retiring Alex from her board leaves his Leicester City roles, and says so', async () => {
    const bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: SEEDS }).start();
    try {
      assert.match(cardText(await bot.ask(MEGAN, 'retire Kay Darby')), /^Not available to you\nOnly board managers can retire Kay Darby: what they lead, deputise or manage is on Leicester City Health and Wellbeing Board, which only its own managers can change\./);
      const version = (await bot.app.storage.boardPeople.get('leicester-city'))?.version ?? '';
      const forged = await send(bot, MEGAN, 'people/retire', { person: 'kay-darby', versions: { 'leicester-city': version, leicestershire: version } });
      assert.match(cardText(forged), /Not available to you/);
      assert.deepEqual((await bot.app.storage.strategies.getPriority(S, 'W1'))?.leads, ['megan-bowen', 'kay-darby']);
      assert.equal((await bot.app.storage.people.getPerson('kay-darby'))?.retired, undefined);

      const confirm = await bot.ask(MEGAN, 'retire alexw@example.com');
      const text = cardText(confirm);
      assert.match(text, /^Retire Alex Wilber\?\nThey stop managing Leicestershire Health and Wellbeing Board\.\nNot changed on Leicester City Health and Wellbeing Board: you do not manage it \(its managers can retire them there\)\.\n• Lead of 19\.[^\n]*\n• Lead of W2\.[^\n]*\n• Manager of the board\nAlex Wilber stays on the other board/);
      const done = await pressOn(bot, MEGAN, confirm, 'Confirm');
      assert.match(cardText(done), /^Alex Wilber retired\nRetired from the boards you manage\. No longer a manager of Leicestershire Health and Wellbeing Board\./);
      const alex = (await bot.app.storage.people.getPerson('alex-wilber'))!;
      assert.deepEqual([alex.manages, alex.retired], [['leicester-city'], undefined]);
      assert.deepEqual((await bot.app.storage.strategies.getPriority(S, '19'))?.leads, ['alex-wilber']);
      assert.deepEqual(
        (await bot.app.storage.changes.list('leicestershire')).map((c) => [c.subject, c.before, c.after]),
        [['managers', 'Alex Wilber, Megan Bowen', 'Megan Bowen']],
      );
    } finally {
      await bot.stop();
    }
  });

  it('the last manager of a board cannot be retired, and a confirmation made before another manager\'s change is refused as stale', async () => {
    const bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: SEEDS }).start();
    try {
      await pressOn(bot, ALEX, await bot.ask(ALEX, 'manager remove Megan Bowen from leicestershire'), 'Confirm');
      assert.match(cardText(await bot.ask(ALEX, 'retire Alex Wilber')), /^A board needs a manager\nAlex Wilber is the last manager of Leicestershire Health and Wellbeing Board, so nothing was changed\. Add another manager first \("manager add" and their email\), then retire them\./);
      assert.deepEqual((await bot.app.storage.people.getPerson('alex-wilber'))?.manages, ['leicester-city', 'leicestershire']);

      const confirm = await bot.ask(ALEX, 'retire Adele Vance');
      await pressOn(bot, ADELE, await bot.ask(ADELE, 'lead 4 Amy Hathway'), 'Confirm');
      const stale = await pressOn(bot, ALEX, confirm, 'Confirm');
      assert.match(cardText(stale), /^Someone else changed this first\n[^\n]*nothing was changed[^\n]*\nRetire Adele Vance\?/);
      assert.deepEqual((await bot.app.storage.strategies.getPriority(S, '19'))?.deputies, ['adele-vance']);
      // Confirmed again on the new version, it is done.
      assert.match(cardText(await pressOn(bot, ALEX, stale, 'Confirm')), /^Adele Vance retired\n/);
      assert.deepEqual((await bot.app.storage.strategies.getPriority(S, '19'))?.deputies, []);
    } finally {
      await bot.stop();
    }
  });
});

import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADELE, ALEX, AMY, cardAction, GRACE, MEGAN, press, type TeamsUser } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';
import { uniquePrefix } from '../support/storage';
import { validateCard } from '../support/validate-card';

/**
 * Issue 22, on the real seeds (24 Nov 2026): 34 of 35 live Leicester priorities have no lead.
 * A board manager gives them one in Teams — by chat or on the people card with Teams' people
 * picker — and the bot uses the new lead at once, with no restart: reminders, status, reach,
 * the digest. The annual 2026 period and 2026-Q4 open on Monday 4 Jan 2027 (09:30 London).
 */
const SEEDS = join(__dirname, '..', '..', 'seeds');
const OPENING = '2027-01-04T09:31:00Z';
const S = 'leicester-2022-27';

/** Presses a button on a card the bot sent, as Teams would (inputs merged into the data). */
async function pressOn(bot: BotHarness, user: TeamsUser, card: Record<string, unknown>, title: string | RegExp, typed: Record<string, string> = {}) {
  const { verb, data } = press(card, title, typed);
  const answer = await bot.invoke(cardAction(user, bot.serviceUrl, verb, data));
  assert.equal(answer.status, 200);
  const value = answer.body.value as Record<string, unknown>;
  if (typeof value === 'object') assert.deepEqual(validateCard(value), [], 'the answer is a valid card');
  return answer.body;
}

describe('board managers keep the board\'s people current in Teams (real seeds)', function () {
  this.timeout(90_000);

  it('Alex makes Kay Darby (email only) the lead of 1 by chat: status, reach and the digest show her at once, the opening reminder is emailed to her, and history people shows who did it', async () => {
    const bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: SEEDS }).start();
    try {
      const digest = async () => {
        await bot.ask(ALEX, 'digest now leicester city');
        return cardText(bot.connector.cards().find((c) => /Escalation digest/.test(cardText(c)))!);
      };
      const before = await digest();
      assert.match(before, /No lead assigned \(\d+\)/);
      const confirm = await bot.ask(ALEX, 'lead 1 kay.darby@example.org');
      assert.match(cardText(confirm), /Make Kay Darby the lead of 1\. We will improve the built environment[^\n]*\?\nBoard\nLeicester City Health and Wellbeing Board\nBefore\nNo lead\nAfter\nKay Darby/);
      // Nothing is written before Confirm.
      assert.deepEqual((await bot.app.storage.strategies.getPriority(S, '1'))?.leads, []);
      const saved = await pressOn(bot, ALEX, confirm, 'Confirm');
      assert.match(cardText(saved.value), /Changed\nLead of 1\. We will improve[^\n]*: No lead → Kay Darby\./);

      assert.match(cardText(await bot.ask(ALEX, `status ${S}/1`)), /Kay Darby/);
      const reach = cardText(await bot.ask(ALEX, 'reach'));
      assert.match(reach, /Kay Darby\nNHS Leicester, Leicester and Rutland ICB\nlead 1\. We will improve the built environment[^\n]*\n[^\n]*kay\.darby@example\.org/);
      const after = await digest();
      const noLead = (t: string) => Number(/No lead assigned \((\d+)\)/.exec(t)?.[1]);
      assert.equal(noLead(after), noLead(before) - 1, 'one priority fewer with no lead');

      await bot.tickAt(OPENING);
      const ledger = await bot.app.storage.outbox.list('2027-01-01', '2027-01-31');
      const kay = ledger.find((e) => e.key === `reminder|${S}/1|2026|open|kay-darby`);
      assert.equal(kay?.status, 'sent');
      assert.equal(kay?.note, 'via email (kay.darby@example.org)');

      const history = cardText(await bot.ask(ALEX, 'history people leicester city'));
      assert.match(history, /Changes to the people of Leicester City Health and Wellbeing Board\n[^\n]*\nLead of 1\. We will improve[^\n]*\nNo lead → Kay Darby\nAlex Wilber, 24 Nov 2026, 10:00/);
      const stored = await bot.app.storage.changes.list('leicester-city');
      assert.deepEqual(stored.map((c) => [c.by, c.subject, c.before, c.after]), [['alex-wilber', `lead of ${S}/1`, 'No lead', 'Kay Darby']]);
    } finally {
      await bot.stop();
    }
  });

  it('on the card: Change opens Teams\' people picker; the object id Teams sends assigns a Teams user, a new one is asked for a name, someone outside the tenant by email', async () => {
    const bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: SEEDS }).start();
    try {
      const people = await bot.ask(ADELE, 'people 2');
      assert.match(cardText(people), /People of Leicester City Health and Wellbeing Board[\s\S]*2\. We will[^\n]*\nNo lead\n—/);
      const change = (await pressOn(bot, ADELE, people, 'Change')).value as Record<string, unknown>;
      const picker = JSON.stringify(change);
      assert.match(picker, /"type":"Input.ChoiceSet","id":"person"[^}]*"choices":\[\],"choices.data":\{"type":"Data.Query","dataset":"graph.microsoft.com\/users"\}/);
      // Amy is known by her Entra object id: the picker's value is enough.
      const amy = await pressOn(bot, ADELE, change, 'Make the change', { person: AMY.aadObjectId! });
      assert.match(cardText(amy.value), /Lead of 2\. We will[^\n]*: No lead → Amy Hathway\./);
      // Someone new from the organisation: Teams sends only the id, so the card asks for the name.
      const versionNow = (await bot.app.storage.boardPeople.get('leicester-city'))!.version;
      const fresh = { ...change, actions: [{ ...(change.actions as Record<string, unknown>[])[0], data: { verb: 'people/change', board: 'leicester-city', version: versionNow } }] };
      const unnamed = await pressOn(bot, ADELE, fresh, 'Make the change', { role: 'deputy', person: '00000000-0000-0000-0000-00000000abcd' });
      assert.match(cardText(unnamed.value), /Their name, please/);
      const named = await pressOn(bot, ADELE, fresh, 'Make the change', { role: 'deputy', person: '00000000-0000-0000-0000-00000000abcd', name: 'Lynne Ellis', organisation: 'Leicester City Council' });
      assert.match(cardText(named.value), /Deputy of 2\. We will[^\n]*: No deputy → Lynne Ellis\. Lynne Ellis is new to the board\./);
      const lynne = (await bot.app.storage.people.listPeople()).find((p) => p.name === 'Lynne Ellis');
      assert.deepEqual(lynne, { id: 'lynne-ellis', name: 'Lynne Ellis', aadObjectId: '00000000-0000-0000-0000-00000000abcd', organisation: 'Leicester City Council', boardManager: false });
      const p2 = await bot.app.storage.strategies.getPriority(S, '2');
      assert.deepEqual([p2?.leads, p2?.deputies], [['amy-hathway'], ['lynne-ellis']]);
      // Outside the tenant: email, name and organisation on the same card.
      const v3 = (await bot.app.storage.boardPeople.get('leicester-city'))!.version;
      const card3 = (await pressOn(bot, ADELE, await bot.ask(ADELE, 'people 3'), 'Change')).value as Record<string, unknown>;
      assert.match(cardText(card3), /Change people of Leicester City/);
      const byEmail = await pressOn(bot, ADELE, card3, 'Make the change', { email: 'sam.okafor@example.net', name: 'Sam Okafor', organisation: 'Voluntary Action LeicesterShire' });
      assert.match(cardText(byEmail.value), /Lead of 3\. We will[^\n]*: No lead → Sam Okafor\. Sam Okafor is new to the board, reached by email\./);
      assert.notEqual((await bot.app.storage.boardPeople.get('leicester-city'))!.version, v3);
      assert.match(cardText(await bot.ask(ALEX, 'reach')), /Sam Okafor\nVoluntary Action LeicesterShire\nlead 3\./);
    } finally {
      await bot.stop();
    }
  });

  it('refused: a manager of the other board (by chat and with a card naming this board), a lead, and a stranger; nothing changes', async () => {
    const bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: SEEDS }).start();
    try {
      assert.match(cardText(await bot.ask(MEGAN, 'lead 1 kay.darby@example.org')), /Not available to you\nOnly board managers can change who leads 1\. We will improve/);
      assert.match(cardText(await bot.ask(MEGAN, 'people leicester city')), /Only board managers can see or change the people of Leicester City/);
      // Megan forges the card's data: the board comes from the priority, the rights from her.
      const version = (await bot.app.storage.boardPeople.get('leicester-city'))?.version ?? '';
      const forged = await bot.invoke(cardAction(MEGAN, bot.serviceUrl, 'people/change', { board: 'leicestershire', version, role: 'lead', op: 'set', unit: `${S}/1`, email: 'kay.darby@example.org' }));
      assert.match(cardText(forged.body.value), /Not available to you/);
      const managers = await bot.invoke(cardAction(MEGAN, bot.serviceUrl, 'people/change', { board: 'leicester-city', version, role: 'manager', op: 'add', personId: 'megan-bowen' }));
      assert.match(cardText(managers.body.value), /Not available to you/);
      assert.match(cardText(await bot.ask(AMY, 'lead 1 kay.darby@example.org')), /Not available to you|Only board managers/);
      assert.match(cardText(await bot.ask(GRACE, 'people')), /I do not know you yet/);
      assert.deepEqual((await bot.app.storage.strategies.getPriority(S, '1'))?.leads, []);
      assert.deepEqual(await bot.app.storage.changes.list('leicester-city'), []);
      // Megan's own board is hers to change; the last manager cannot be removed.
      assert.match(cardText(await bot.ask(MEGAN, 'manager remove Alex Wilber from leicestershire')), /Remove Alex Wilber as a manager of Leicestershire/);
      assert.match(cardText(await bot.ask(ALEX, 'manager remove Alex Wilber from leicester city')), /Remove Alex Wilber as a manager of Leicester City/);
    } finally {
      await bot.stop();
    }
  });

  it('two managers change the same board at once: one wins, the other is told and shown the new state', async () => {
    const bot = await new BotHarness('2026-11-24T10:00:00Z', { SEEDS_DIR: SEEDS }).start();
    try {
      const alexCard = await bot.ask(ALEX, 'lead 4 kay.darby@example.org');
      const adeleCard = await bot.ask(ADELE, 'lead 4 Amy Hathway');
      const [a, b] = await Promise.all([pressOn(bot, ALEX, alexCard, 'Confirm'), pressOn(bot, ADELE, adeleCard, 'Confirm')]);
      const texts = [cardText(a.value), cardText(b.value)];
      assert.equal(texts.filter((t) => /^Changed\n/.test(t)).length, 1, texts.join('\n---\n'));
      const lost = texts.find((t) => /^Someone else changed this first/.test(t));
      assert.ok(lost, texts.join('\n---\n'));
      const lead = (await bot.app.storage.strategies.getPriority(S, '4'))!.leads;
      assert.equal(lead.length, 1);
      const winner = lead[0] === 'kay-darby' ? 'Kay Darby' : 'Amy Hathway';
      assert.match(lost, new RegExp(`4\\. We will[^\\n]*\\n${winner}\\n`), 'the loser sees the winner\'s change');
      assert.equal((await bot.app.storage.changes.list('leicester-city')).length, 1);
    } finally {
      await bot.stop();
    }
  });

  it('a restart keeps every change, and a changed seed file does not undo them (the start says so in one line)', async () => {
    const env = { SEEDS_DIR: SEEDS, TABLE_PREFIX: uniquePrefix() };
    const first = await new BotHarness('2026-11-24T10:00:00Z', env).start();
    try {
      await pressOn(first, ALEX, await first.ask(ALEX, 'lead 5 kay.darby@example.org'), 'Confirm');
      await pressOn(first, ALEX, await first.ask(ALEX, 'manager add Amy Hathway to leicester-city'), 'Confirm');
    } finally {
      await first.stop();
    }
    // The seed file changes: 5 gets another lead, Amy is no manager, and Adele no longer manages Leicester City.
    const dir = mkdtempSync(join(tmpdir(), 'hwb-seeds-'));
    cpSync(SEEDS, dir, { recursive: true });
    const file = JSON.parse(readFileSync(join(dir, 'people.json'), 'utf8')) as { people: { id: string; manages?: string[] }[]; assignments: unknown[] };
    file.assignments.push({ strategy: S, priority: '5', leads: ['amy-hathway'], deputies: [] });
    file.people.find((p) => p.id === 'adele-vance')!.manages = [];
    writeFileSync(join(dir, 'people.json'), JSON.stringify(file));
    const lines: string[] = [];
    const log = (await import('pino')).default({ level: 'info' }, { write: (l: string) => lines.push(l) });
    const second = await new BotHarness('2026-11-25T10:00:00Z', { ...env, SEEDS_DIR: dir }, { log }).start();
    try {
      assert.deepEqual((await second.app.storage.strategies.getPriority(S, '5'))?.leads, ['kay-darby']);
      const people = cardText(await second.ask(ALEX, 'people leicester city'));
      assert.match(people, /Board managers\nAdele Vance, Alex Wilber, Amy Hathway/);
      const kept = lines.filter((l) => /were changed in Teams: kept, not replaced/.test(l));
      assert.equal(kept.length, 1, lines.join(''));
      assert.match(kept[0]!, /people of leicester-city were changed in Teams[^"]*hwb-bot seed load --people --force/);
      assert.match(cardText(await second.ask(ALEX, 'history people')), /Lead of 5\.[^\n]*\nNo lead → Kay Darby/);
    } finally {
      await second.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

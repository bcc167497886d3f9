import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { ALEX, installation } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';
import { seedsWithPeople } from '../support/seeds-with-people';
import { uniquePrefix } from '../support/storage';
import { checkInLinkIn, SmtpSink } from '../support/smtp-sink';

/**
 * Leads outside the council's Teams tenant: the reporting cycle reaches them by email, through a
 * real SMTP server on loopback, or as .eml files when no relay is configured. Thursday 1 Oct 2026
 * opens 2026-Q3 (due 15 Oct) on the test board: Alex has a Teams chat, Megan (9 and W2) has none.
 */
const OPENING = '2026-10-01T08:31:00Z';
const REAL_SEEDS = join(__dirname, '..', '..', 'seeds');
const RAG_LINES = [/Red: Little or no progress has been made\./, /Amber: Some progress has been made, but we have not met our expectations\./, /Green: Good progress has been made\. Our expectations have been met or exceeded\./];

describe('reaching leads by email', () => {
  let smtp: SmtpSink;
  beforeEach(async () => {
    smtp = await new SmtpSink().start();
  });
  afterEach(async () => smtp.stop());

  it('a lead with no Teams chat gets each reminder by email: recipient, subject, personal link, the RAG definitions; a lead with a chat gets Teams', async () => {
    const bot = await new BotHarness(OPENING, { SMTP_URL: smtp.url, MAIL_FROM: 'Leicester HWB <hwb@example.org>' }).start();
    try {
      await bot.post(installation(ALEX, bot.serviceUrl));
      bot.connector.reset();
      await bot.tickAt(OPENING);

      assert.deepEqual(smtp.envelopes, [['meganb@example.com'], ['meganb@example.com']]);
      const subjects = smtp.messages.map((m) => m.subject).sort();
      assert.deepEqual(subjects, ['Check-in due 15 Oct 2026: 9. We will take action to reduce levels of unhealthy weight across all ages (2026-Q3)', 'Check-in due 15 Oct 2026: W2. Healthy Weight (2026-Q3)']);
      const mail = smtp.messages.find((m) => m.subject?.includes('9. We will'))!;
      assert.equal(mail.from?.text, '"Leicester HWB" <hwb@example.org>');
      assert.match(mail.text ?? '', /Dear Megan Bowen,/);
      assert.match(mail.text ?? '', /The 2026-Q3 check-in for 9\. We will take action .* is open\. Please answer by 15 Oct 2026\./);
      assert.match(mail.text ?? '', /Strategy: Test Board Health and Wellbeing Strategy 2025-2028/);
      for (const line of RAG_LINES) {
        assert.match(mail.text ?? '', line);
        assert.match(String(mail.html).replace(/<[^>]+>/g, ''), line, 'the HTML reads the same once its tags are set aside');
      }
      const link = checkInLinkIn(mail);
      assert.ok(link.startsWith(`${bot.app.url}/checkin?token=`), link);
      assert.ok(String(mail.html).includes(`href="${link.replace(/&/g, '&amp;')}"`), 'the HTML has the same link');
      // The link opens the check-in card for that priority and period.
      const page = await fetch(link);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /Check-in for 2026-Q3/);

      // Alex, who has a chat, was reminded in Teams and not by email.
      assert.equal(bot.connector.sent().length, 1);
      assert.match(cardText(bot.connector.lastCard()), /Check-in for 2026-Q3/);
      const ledger = await bot.app.storage.outbox.list('2026-09-01', '2026-12-31');
      const notes = ledger.filter((e) => e.kind === 'reminder').map((e) => `${e.recipientId} ${e.status} ${e.note}`).sort();
      assert.deepEqual(notes, ['alex-wilber sent via Teams', 'megan-bowen sent via email (meganb@example.com)', 'megan-bowen sent via email (meganb@example.com)']);
    } finally {
      await bot.stop();
    }
  });

  it('two instances on one storage, then a restart: each email is sent once', async () => {
    const prefix = uniquePrefix();
    const env = { SMTP_URL: smtp.url, TABLE_PREFIX: prefix };
    const a = await new BotHarness(OPENING, env).start();
    const b = await new BotHarness(OPENING, env).useConnector(a.connector).start();
    try {
      await Promise.all([a.tickAt(OPENING), b.tickAt(OPENING), a.tickAt(OPENING), b.tickAt(OPENING)]);
      // Nobody installed the bot here: Alex (19) and Megan (9, W2) are all reached by email.
      assert.equal(smtp.messages.length, 3);
      await a.stop();
      const c = await new BotHarness(OPENING, env).useConnector(b.connector).start();
      try {
        await Promise.all([b.tickAt('2026-10-01T08:45:00Z'), c.tickAt('2026-10-01T08:45:00Z')]);
      } finally {
        await c.stop();
      }
      assert.equal(smtp.messages.length, 3, 'nothing again after the restart');
      assert.deepEqual(smtp.envelopes.flat().sort(), ['alexw@example.com', 'meganb@example.com', 'meganb@example.com']);
      assert.equal(new Set(smtp.messages.map((m) => m.messageId)).size, 3, 'each message has its own id');
    } finally {
      await b.stop();
    }
  });

  it('with no SMTP_URL each message is an .eml file under DATA_DIR/mail, written once', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hwb-mail-'));
    const bot = await new BotHarness(OPENING, { DATA_DIR: dataDir }).start();
    try {
      assert.match(bot.app.mail, /\.eml files in .*mail/);
      await bot.tickAt(OPENING);
      await bot.tickAt('2026-10-01T08:45:00Z');
      const files = readdirSync(join(dataDir, 'mail')).sort();
      assert.equal(files.length, 3);
      assert.ok(files.every((f) => f.endsWith('.eml') && f.startsWith('reminder')), files.join(', '));
      const mails = await Promise.all(files.map((f) => simpleParser(readFileSync(join(dataDir, 'mail', f)))));
      assert.deepEqual(mails.map((m) => m.to && !Array.isArray(m.to) ? m.to.value[0]!.address : '').sort(), ['alexw@example.com', 'meganb@example.com', 'meganb@example.com']);
      for (const m of mails) {
        assert.match(m.text ?? '', RAG_LINES[1]!);
        assert.match(checkInLinkIn(m), /\/checkin\?token=/);
      }
    } finally {
      await bot.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('on the real seeds Kay Darby, W1 co-lead by email only, gets one email with a working link for W1 and for each project its leads answer', async () => {
    const bot = await new BotHarness(OPENING, { SEEDS_DIR: REAL_SEEDS, SMTP_URL: smtp.url }).start();
    try {
      await bot.tickAt(OPENING);
      const kays = smtp.to('kay.darby@example.org');
      assert.equal(kays.length, 1, 'one email for W1 and its projects');
      const text = kays[0]!.text ?? '';
      assert.match(kays[0]!.subject ?? '', /W1\. Childhood Immunisations \(2026-Q3\)/);
      const links = [...text.matchAll(/(http:\/\/\S+\/checkin\?token=\S+)/g)].map((m) => m[1]!);
      assert.equal(links.length, 4, text);
      assert.match(text, /W1's 3 projects name no lead of their own, so the workstream's leads answer them[^\n]*\n- Antenatal Vaccinations:\n {2}http\S+\n- Babies and Pre-school Children:\n {2}http\S+\n- School-age and Adolescents:\n {2}http\S+\n/);
      // Each link opens its own card: W1's, then each project's.
      const titles = [];
      for (const link of links) {
        const page = await fetch(link);
        assert.equal(page.status, 200, link);
        titles.push(/<h1>([^<]*)<\/h1>/.exec(await page.text())?.[1]);
      }
      assert.deepEqual(titles, [
        'Check-in for 2026-Q3: W1. Childhood Immunisations',
        'Check-in for 2026-Q3: W1. Antenatal Vaccinations',
        'Check-in for 2026-Q3: W1. Babies and Pre-school Children',
        'Check-in for 2026-Q3: W1. School-age and Adolescents',
      ]);
      const card = JSON.parse(/<script type="application\/json" id="card-json">([\s\S]*?)<\/script>/.exec(await (await fetch(links[2]!)).text())![1]!) as unknown;
      assert.match(cardText(card), /Babies and Pre-school Children/);
      assert.doesNotMatch(cardText(card), /Antenatal Vaccinations/);
    } finally {
      await bot.stop();
    }
  });

  it('a lead with no chat and no email: the outbox says why, and each board manager is told by name once for the period', async () => {
    const dir = seedsWithPeople((p) => {
      const megan = p.people.find((x) => x.id === 'megan-bowen')!;
      delete megan.email;
      megan.organisation = 'Leicestershire Partnership NHS Trust';
    });
    const bot = await new BotHarness(OPENING, { SEEDS_DIR: dir, SMTP_URL: smtp.url }).start();
    try {
      await bot.post(installation(ALEX, bot.serviceUrl));
      bot.connector.reset();
      await bot.tickAt(OPENING);
      const cards = bot.connector.sent().map((c) => cardText((c.body.attachments as { content: unknown }[] | undefined)?.[0]?.content));
      const told = cards.filter((t) => /Cannot reach/.test(t));
      assert.equal(told.length, 1, 'Alex, the one board manager, is told once for both priorities');
      assert.match(told[0]!, /Cannot reach Megan Bowen \(Leicestershire Partnership NHS Trust\)/);
      assert.match(told[0]!, /9\. We will take action to reduce levels of unhealthy weight across all ages; W2\. Healthy Weight/);
      assert.match(told[0]!, /no email address/);
      assert.equal(smtp.messages.length, 0);
      const ledger = await bot.app.storage.outbox.list('2026-09-01', '2026-12-31');
      const megans = ledger.filter((e) => e.kind === 'reminder' && e.recipientId === 'megan-bowen');
      assert.deepEqual(megans.map((e) => e.status), ['undeliverable', 'undeliverable']);
      assert.match(megans[0]!.note ?? '', /^not reachable: not in the board team; Graph not configured; no email address$/);

      // The nudge days later: Megan is still unreachable, and the managers are not told again.
      bot.connector.reset();
      await bot.tickAt('2026-10-12T08:31:00Z');
      assert.equal(bot.connector.sent().filter((c) => /Cannot reach/.test(cardText((c.body.attachments as { content: unknown }[] | undefined)?.[0]?.content))).length, 0);
      assert.ok(bot.connector.sent().length > 0, 'the nudge day did send something (to Alex)');
    } finally {
      await bot.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

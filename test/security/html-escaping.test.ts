import { strict as assert } from 'node:assert';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BotHarness, cardText } from '../support/bot-harness';
import { submitFrom } from '../support/activities';
import { seedsWithPeople } from '../support/seeds-with-people';
import { checkInLinkIn, SmtpSink } from '../support/smtp-sink';

/**
 * Text people typed, and names and titles from seeds, reach HTML in two places: the reminder
 * email and the web check-in page. Each is written by the one HTML template (src/web/html.ts), which escapes every
 * interpolation. Here a lead's name, a priority's title and an update hold markup and every
 * quote; each must come out as text. The email is read back with mailparser from a real SMTP
 * server; the page over the bot's real HTTP server. 1 Oct 2026 opens 2026-Q3 on the test board,
 * and Megan (9 and W2, no Teams chat) is reminded by email.
 */
const OPENING = '2026-10-01T08:31:00Z';
const NAME = `Megan "Meg" O'Bowen <script>window.pwned = 1</script>`;
const TITLE = `Weight <script>alert('x')</script> & "more" \`tick\` <img src=x onerror=alert(1)>`;
const UPDATE = `Sessions run <script>fetch("/steal")</script> in all 8 PCNs; it's "done" <b>bold</b> \`x\``;

/** What the template (hono's html helper) writes for each character that means something in HTML. */
const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

describe('names, titles and updates with markup show as text in the email and on the check-in page', () => {
  let seeds: string;
  let smtp: SmtpSink;
  let bot: BotHarness;

  before(() => {
    seeds = seedsWithPeople((p) => {
      p.people.find((x) => x.id === 'megan-bowen')!.name = NAME;
    });
    const file = join(seeds, 'test-board-2025-28.json');
    const board = JSON.parse(readFileSync(file, 'utf8')) as { priorities: { key: string; title: string }[] };
    board.priorities.find((p) => p.key === '9')!.title = TITLE;
    writeFileSync(file, JSON.stringify(board));
  });
  after(() => rmSync(seeds, { recursive: true, force: true }));
  beforeEach(async () => {
    smtp = await new SmtpSink().start();
    bot = await new BotHarness(OPENING, { SEEDS_DIR: seeds, SMTP_URL: smtp.url }).start();
  });
  afterEach(async () => {
    await bot.stop();
    await smtp.stop();
  });

  async function reminderFor9() {
    await bot.tickAt(OPENING);
    const mail = smtp.to('meganb@example.com').find((m) => m.subject?.includes('9. Weight'));
    assert.ok(mail, `no reminder for 9 among: ${smtp.messages.map((m) => m.subject).join('; ')}`);
    return mail;
  }

  /** The page's HTML without its card data block: what a browser parses as markup. */
  const markupOf = (page: string) => page.replace(/<script type="application\/json" id="card-json">[^<]*<\/script>/, '');

  it('in the email: the name and the title escaped in the HTML, as typed in the plain text', async () => {
    const mail = await reminderFor9();
    const html = String(mail.html);
    assert.equal(mail.subject, `Check-in due 15 Oct 2026: 9. ${TITLE} (2026-Q3)`);
    assert.ok(html.includes(`<p>Dear ${escaped(NAME)},</p>`), 'the name, escaped');
    assert.ok(html.includes(`<td style="padding:4px 0">9. ${escaped(TITLE)}</td>`), 'the title, escaped');
    assert.ok(html.includes(`<title>${escaped(`Check-in due 15 Oct 2026: 9. ${TITLE} (2026-Q3)`)}</title>`));
    assert.doesNotMatch(html, /<script|<img|onerror=alert\(1\)>/);
    assert.ok(!html.includes(`"Meg"`) && !html.includes(`O'Bowen`), 'no quote is left as it was');
    assert.match(mail.text ?? '', new RegExp(`Dear ${NAME.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')},`));
    assert.ok((mail.text ?? '').includes(`9. ${TITLE}`), 'the plain text shows the title as typed');
    // The link still works from the HTML: escaped in href, the same address as in the text.
    const link = checkInLinkIn(mail);
    assert.ok(html.includes(`href="${escaped(link)}"`), 'the HTML has the same link');
  });

  it('on the page: the title escaped in <title> and <h1>; the name, title and a saved update travel in the card data as text', async () => {
    const link = checkInLinkIn(await reminderFor9());
    const first = await (await fetch(link)).text();
    assert.ok(first.includes(`<title>${escaped(`Check-in for 2026-Q3: 9. ${TITLE}`)} · HWB Progress Bot</title>`));
    assert.ok(first.includes(`<h1>${escaped(`Check-in for 2026-Q3: 9. ${TITLE}`)}</h1>`));
    // The only scripts are the two files and the data block; no tag from the data.
    assert.deepEqual(markupOf(first).match(/<script[^>]*>/g)?.map((s) => /src="\/checkin\/assets\/([a-z-]+)\./.exec(s)?.[1]), ['adaptivecards', 'check-in']);
    assert.doesNotMatch(markupOf(first), /<img|<b>|window\.pwned/);
    const block = /<script type="application\/json" id="card-json">([^<]*)<\/script>/.exec(first);
    assert.ok(block, 'the card data block ends where it should: no "<" inside it');
    const card = JSON.parse(block[1]!) as Record<string, unknown>;
    assert.ok(cardText(card).includes(NAME), 'the name, as typed');
    assert.ok(cardText(card).includes(TITLE), 'the title, as typed');

    const token = new URL(link).searchParams.get('token')!;
    const res = await fetch(`${bot.app.url}/checkin/submit?token=${encodeURIComponent(token)}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(submitFrom(card, { rag: 'green', update: UPDATE })) });
    assert.equal(((await res.json()) as { kind: string }).kind, 'receipt');
    assert.equal((await bot.app.deps.checkIns.get('test-board-2025-28', '9', '2026-Q3'))?.update, UPDATE);

    const again = await (await fetch(link)).text();
    assert.doesNotMatch(markupOf(again), /<b>|steal/);
    const edited = JSON.parse(/<script type="application\/json" id="card-json">([^<]*)<\/script>/.exec(again)![1]!) as Record<string, unknown>;
    assert.ok(cardText(edited).includes(UPDATE), 'the saved update, as typed, in the card');
  });
});

import { strict as assert } from 'node:assert';
import { boardPage, viewerOf } from '../../src/app/board-page';
import { strategySummary } from '../../src/app/summary';
import { allBoards } from '../../src/app/board-picture';
import { ALEX, cardAction, GRACE, submitFrom } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';

/**
 * The board's page over HTTP, on the real app (fixture seeds, Azurite): the link `board` gives,
 * the counts `summary` gives, rights re-read from storage at each request, and refusals in words.
 */
describe("the board's page", () => {
  let bot: BotHarness;
  let boardKey: string;
  before(async () => {
    bot = await new BotHarness('2026-10-20T10:00:00Z').start();
    boardKey = (await allBoards(bot.app.deps))[0]!.key;
  });
  after(async () => bot.stop());

  const linkIn = (card: unknown): string => {
    const url = /"url":"([^"]+\/boards\/[^"]+)"/.exec(JSON.stringify(card))?.[1];
    assert.ok(url, `no board link in ${JSON.stringify(card).slice(0, 300)}`);
    return url;
  };
  const get = async (url: string) => {
    const res = await fetch(url);
    return { status: res.status, text: await res.text(), headers: res.headers };
  };
  const counts = (html: string, strategy: string) => {
    const block = new RegExp(`data-strategy="${strategy}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
    const n = (key: string) => Number(new RegExp(`data-count="${key}"><span class="n">(\\d+)`).exec(block)?.[1]);
    return { red: n('red'), amber: n('amber'), green: n('green'), notReported: n('not-reported'), notYetDue: n('not-yet-due') };
  };

  it('"board" gives a manager a link; the page shows the counts summary gives, a strict CSP and no inline script', async () => {
    const card = await bot.ask(ALEX, 'board');
    assert.match(cardText(card), /the board's page[\s\S]*works for 30 minutes/);
    const page = await get(linkIn(card));
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'self'; script-src 'self'; style-src 'self'/);
    assert.doesNotMatch(page.text, /<script>|<style|style="/);
    const view = await strategySummary(bot.app.deps, 'test-board-2025-28');
    assert.deepEqual(counts(page.text, 'test-board-2025-28'), { ...view.summary.rag, notYetDue: view.summary.notYetDue });
  });

  it('shows a just-submitted answer in the grid, linking to it on the priority page with its text', async () => {
    await bot.ask(ALEX, 'checkin');
    const { verb, data } = submitFrom(bot.connector.lastCard(), { rag: 'red', update: 'Falls clinic <closed> for refurbishment.', ragReason: 'Waiting list doubled.' });
    await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data));
    const page = await get(await bot.app.issueBoardLink('alex-wilber', boardKey));
    const row = /<tr class="priority" data-ref="test-board-2025-28\/19">[\s\S]*?<\/tr>/.exec(page.text)?.[0] ?? '';
    assert.match(row, /data-period="2026-Q3" data-state="red"><a href="([^"]+)"/);
    const href = /data-period="2026-Q3" data-state="red"><a href="([^"]+)"/.exec(row)![1]!.replace(/&amp;/g, '&');
    assert.match(href, /\/boards\/[^/]+\/priorities\/test-board-2025-28\/19\?token=.+#answer-2026-Q3$/);
    const priority = await get(`${bot.app.url}${href.split('#')[0]}`);
    assert.equal(priority.status, 200);
    assert.match(priority.text, /id="answer-2026-Q3"[\s\S]*Falls clinic &lt;closed&gt; for refurbishment\./);
  });

  it("a lead's link shows the whole board's counts but only their own priorities' rows; another's priority page is refused", async () => {
    const page = await get(await bot.app.issueBoardLink('megan-bowen', boardKey));
    assert.equal(page.status, 200);
    const refs = [...page.text.matchAll(/<tr class="(?:priority|project)" data-ref="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(refs.includes('test-board-2025-28/9') && refs.includes('test-board-2025-28/W2'), refs.join(' '));
    assert.ok(!refs.includes('test-board-2025-28/19'), 'a priority Megan does not lead is not shown');
    const view = await strategySummary(bot.app.deps, 'test-board-2025-28');
    assert.deepEqual(counts(page.text, 'test-board-2025-28'), { ...view.summary.rag, notYetDue: view.summary.notYetDue });
    const other = await get(`${bot.app.url}/boards/${boardKey}/priorities/test-board-2025-28/19?token=${new URL(await bot.app.issueBoardLink('megan-bowen', boardKey)).searchParams.get('token')}`);
    assert.equal(other.status, 403);
    assert.match(other.text, /Only board managers and its lead or deputy can see 19\./);
    assert.doesNotMatch(other.text, /Falls clinic/);
  });

  it('a link for another board, a forged link and an expired one are refused in words, with nothing shown', async () => {
    const token = new URL(await bot.app.issueBoardLink('alex-wilber', 'another-board')).searchParams.get('token')!;
    const other = await get(`${bot.app.url}/boards/${boardKey}?token=${token}`);
    assert.equal(other.status, 403);
    assert.match(other.text, /This link is for another board/);
    const good = new URL(await bot.app.issueBoardLink('alex-wilber', boardKey)).searchParams.get('token')!;
    const forged = await get(`${bot.app.url}/boards/${boardKey}?token=${good.slice(0, -3)}abc`);
    assert.equal(forged.status, 401);
    assert.match(forged.text, /not complete or has been changed/);
    bot.clock.set('2026-10-20T10:31:00Z');
    const expired = await get(`${bot.app.url}/boards/${boardKey}?token=${good}`).finally(() => bot.clock.set('2026-10-20T10:00:00Z'));
    assert.equal(expired.status, 410);
    assert.match(expired.text, /This link has expired/);
    for (const r of [other, forged, expired]) assert.doesNotMatch(r.text, /data-ref=|data-count=/);
  });

  it('rights are read from storage at each request: someone with no part in the board is refused', async () => {
    const url = await bot.app.issueBoardLink('grace-taylor', boardKey);
    const page = await get(url);
    // Grace leads nothing in the fixture seeds and manages no board.
    assert.equal(page.status, 403);
    assert.match(page.text, /Not available to you/);
    const card = await bot.ask(GRACE, 'board');
    assert.match(cardText(card), /Not available to you/);
  });

  it('the CSV has the rows shown, after the filters', async () => {
    const link = new URL(await bot.app.issueBoardLink('alex-wilber', boardKey));
    const csv = await get(`${bot.app.url}/boards/${boardKey}/grid.csv?token=${link.searchParams.get('token')}&status=no-lead`);
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    assert.match(lines[0]!, /^strategy,theme,number,priority,project,lead,status now,days overdue,/);
    assert.ok(lines.length >= 2 && lines.slice(1).every((l) => /,No lead,/.test(l)), csv.text);
    assert.match(csv.text, /,10,We will increase early detection/);
  });

  it('the use case: a manager sees every row; a lead the rows they lead or deputise (and their projects)', async () => {
    const deps = bot.app.deps;
    const manager = await viewerOf(deps, 'alex-wilber', boardKey);
    const lead = await viewerOf(deps, 'megan-bowen', boardKey);
    assert.equal(manager.viewer.role, 'manager');
    assert.equal(lead.viewer.role, 'lead');
    const all = await boardPage(deps, manager.viewer, manager.board);
    const mine = await boardPage(deps, lead.viewer, lead.board);
    const rows = (v: typeof all) => v.groups.flatMap((g) => g.rows.map((r) => r.ref));
    assert.ok(rows(all).length > rows(mine).length);
    assert.ok(rows(mine).every((r) => /\/(9|W2)(~.*)?$/.test(r)), rows(mine).join(' '));
    assert.deepEqual(
      mine.summaries.map((s) => s.summary),
      all.summaries.map((s) => s.summary),
      "a lead sees the whole board's counts",
    );
    await assert.rejects(boardPage(deps, manager.viewer, manager.board, { asAt: '31/12/2026' }), /bad as-at date/);
  });
});

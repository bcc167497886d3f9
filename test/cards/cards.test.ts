/**
 * Every card builder, fed the real seeds' priorities and hostile text, checked with the official
 * Adaptive Cards object model at 1.5 (the version Teams renders) and against the card size limit.
 * Cards are pure functions of views, so no storage is needed here; the journeys in test/journey
 * send the same cards through the bot's HTTP endpoint.
 */
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import fc from 'fast-check';
import { allActions } from '../support/activities';
import { cardText } from '../support/bot-harness';
import type { CheckInForm, ReceiptView } from '../../src/app/check-in';
import type { DigestView } from '../../src/app/digest';
import type { StatusView } from '../../src/app/status';
import { checkInCard } from '../../src/cards/check-in-card';
import { digestCard } from '../../src/cards/digest-card';
import { CARD_BYTE_LIMIT, cardBytes, cardMarkdown, type Card } from '../../src/cards/elements';
import { helpCard } from '../../src/cards/help-card';
import { historyCard } from '../../src/cards/history-card';
import { reasonListCard } from '../../src/cards/list-card';
import { reachCard } from '../../src/cards/reach-card';
import type { ReachRow } from '../../src/app/reach';
import { describeRoute, routeFor } from '../../src/domain/reach';
import { messageCard } from '../../src/cards/message-card';
import { managersOverdueCard, managersReassignCard, managersUnreachableCard } from '../../src/cards/notice-cards';
import { peopleCard, PEOPLE_RETIRE_ASK_VERB } from '../../src/cards/people-card';
import * as views from './card-views';
import { noMatchCard, pickPriorityCard } from '../../src/cards/pick-priority-card';
import { receiptCard } from '../../src/cards/receipt-card';
import { reportCard } from '../../src/cards/report-card';
import { statusCard } from '../../src/cards/status-card';
import { summaryCard } from '../../src/cards/summary-card';
import { validateCard } from '../support/validate-card';
import { welcomeCard } from '../../src/cards/welcome-card';
import type { CheckIn } from '../../src/domain/check-in';
import { REASON_TITLES, REASONS } from '../../src/domain/escalation';
import { directionOfTravel, latestReading } from '../../src/domain/kpi';
import { DEFAULT_PERIOD_POLICY, periodFromLabel } from '../../src/domain/period';
import type { Priority, Strategy } from '../../src/domain/strategy';
import { DEFAULT_ESCALATION_RULES } from '../../src/domain/escalation';
import { boardPicture, statesFromCheckIns } from '../../src/domain/picture';
import { summaryOf } from '../../src/domain/strategy-summary';

/** A strategy's counts from its picture (on one period when given, as the papers print them). */
function summarise(strategy: Strategy, priorities: Priority[], checkIns: CheckIn[], period?: string) {
  const picture = boardPicture({ strategies: [strategy], priorities, states: statesFromCheckIns(checkIns), olderAnswers: checkIns, rules: DEFAULT_ESCALATION_RULES, policy: DEFAULT_PERIOD_POLICY, asAt: '2026-11-24', ...(period ? { periodOf: new Map([[strategy.key, period]]) } : {}) });
  return summaryOf(picture.strategies[0]!, picture.asAt);
}
import { toDomain } from '../../src/seed/load-seeds';
import { readSeedSet, seedFilesIn } from '../../src/seed/seed-files';

const TZ = 'Europe/London';
const set = readSeedSet(seedFilesIn(join(__dirname, '../../seeds')));
const seeds = set.strategies.map(({ seed }) => toDomain(seed, set.people?.seed));
const allPriorities = seeds.flatMap((s) => s.priorities);
const strategyTitles = Object.fromEntries(seeds.map((s) => [s.strategy.key, s.strategy.title]));

function assertValid(name: string, c: Card): void {
  assert.deepEqual(validateCard(c), [], `${name} does not validate`);
  assert.ok(cardBytes(c) <= CARD_BYTE_LIMIT, `${name} is ${cardBytes(c)} bytes, over ${CARD_BYTE_LIMIT}`);
}

function history(strategy: Strategy, priority: Priority, checkIns: Omit<CheckIn, 'version'>[]): CheckIn[] {
  return checkIns.filter((c) => c.strategyKey === strategy.key && c.priorityKey === priority.key).map((c) => ({ ...c, version: 1 }));
}

function statusViewOf(strategy: Strategy, priority: Priority, entries: CheckIn[]): StatusView {
  const latest = entries[entries.length - 1];
  return {
    strategy: { key: strategy.key, title: strategy.title, board: strategy.board, plusGroups: strategy.plusGroups },
    themeTitle: strategy.themes.find((t) => t.key === priority.themeKey)?.title ?? priority.themeKey,
    priority,
    leads: priority.leads,
    deputies: priority.deputies,
    ...(latest ? { latest } : {}),
    recent: entries.slice(-6).map((c) => ({ period: c.period, ...(c.rag ? { rag: c.rag } : {}) })),
    kpis: priority.kpis.map((kpi) => ({ kpi, latest: latestReading(kpi), direction: directionOfTravel(kpi) })),
    overdue: false,
    stale: false,
    edits: 0,
    live: priority.status === 'active',
  };
}

function checkInViewOf(strategy: Strategy, priority: Priority, values: Record<string, string> = {}, errors: Record<string, string> = {}): CheckInForm {
  return {
    strategy: { key: strategy.key, title: strategy.title },
    priority,
    period: periodFromLabel('2026-Q4', DEFAULT_PERIOD_POLICY),
    plusGroups: strategy.plusGroups,
    answeringAs: 'Megan Bowen',
    values,
    errors,
    baseVersion: 0,
    submissionId: 'sub-1',
  };
}

function checkInOf(priority: Priority, text: string): CheckIn {
  return {
    strategyKey: priority.strategyKey,
    priorityKey: priority.key,
    period: '2026-Q4',
    rag: 'amber',
    update: text,
    nextSteps: text,
    risks: text,
    escalation: text,
    ragReason: text.slice(0, 300),
    plusGroups: { 'care-experienced': text },
    kpiReadings: {},
    submittedBy: 'megan',
    submittedByName: 'Megan Bowen',
    submittedAt: '2026-11-24T10:00:00Z',
    version: 1,
    submissionId: 'sub-1',
  };
}

/** Every string a TextBlock or FactSet shows (markdown), and every TextRun (literal). */
function texts(node: unknown, out: { markdown: string[]; literal: string[] } = { markdown: [], literal: [] }) {
  if (Array.isArray(node)) node.forEach((n) => texts(n, out));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.markdown.push(o.text);
    if (o.type === 'TextRun' && typeof o.text === 'string') out.literal.push(o.text);
    if (Array.isArray(o.facts)) for (const f of o.facts as { title: string; value: string }[]) out.markdown.push(f.title, f.value);
    for (const v of Object.values(o)) texts(v, out);
  }
  return out;
}

describe('cards', () => {
  it('the seeds give the cards something real to show', () => {
    assert.ok(allPriorities.length >= 20, `only ${allPriorities.length} priorities in seeds/`);
    assert.ok(allPriorities.some((p) => p.kpis.length > 0) && allPriorities.some((p) => p.kind === 'workstream'));
  });

  it('status, check-in, receipt and history cards validate for every seeded priority', () => {
    let charts = 0;
    for (const { strategy, priorities, checkIns } of seeds) {
      for (const priority of priorities) {
        const entries = history(strategy, priority, checkIns);
        const status = statusCard(statusViewOf(strategy, priority, entries), TZ);
        assertValid(`status ${strategy.key}/${priority.number}`, status);
        charts += JSON.stringify(status).split('"Chart.Line"').length - 1;
        assertValid(`check-in ${strategy.key}/${priority.number}`, checkInCard(checkInViewOf(strategy, priority)));
        assertValid(`history ${strategy.key}/${priority.number}`, historyCard({ priority, entries: [...entries].reverse().map((checkIn) => ({ checkIn, changes: [] })), total: entries.length, offset: 0, periods: entries.length }, TZ));
        if (entries[0]) {
          const receipt: ReceiptView = { priority, period: periodFromLabel(entries[0].period, DEFAULT_PERIOD_POLICY), checkIn: entries[0], canEdit: false, timeZone: TZ, duplicate: false };
          assertValid(`receipt ${strategy.key}/${priority.number}`, receiptCard(receipt));
        }
      }
    }
    // The seeded indicators with readings draw trend charts; each validated above with its fallback.
    assert.ok(charts > 0, 'no status card drew a KPI trend');
  });

  it('a check-in card shown again after a failed submit keeps what was typed and marks each field', () => {
    const { strategy, priorities } = seeds.find((s) => s.priorities.some((p) => p.kpis.length > 0))!;
    const priority = priorities.find((p) => p.kpis.length > 0)!;
    const c = checkInCard(checkInViewOf(strategy, priority, { update: 'typed before the error' }, { rag: 'Choose Red, Amber or Green.', update: 'Say what happened this period.' }));
    assertValid('check-in with errors', c);
    const json = JSON.stringify(c);
    assert.match(json, /Nothing was saved: 2 answers need fixing/);
    assert.match(json, /"value":"typed before the error"/);
  });

  it("text a person typed is shown literally wherever it appears again; seed titles are escaped", () => {
    const { strategy, priorities } = seeds[0]!;
    const base = priorities[0]!;
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 200 }),
        fc.constantFrom('<at>Alex</at>', '[click](https://evil.example)', '**bold** _it_ # h', '<script>alert(1)</script>', '{{DATE(2026-11-24T10:00:00Z)}}'),
        (random, hostile) => {
          const text = `${hostile} ${random}`;
          const priority: Priority = { ...base, title: `${hostile} title` };
          const checkIn = checkInOf(priority, text);
          const cards: [string, Card][] = [
            ['status', statusCard({ ...statusViewOf(strategy, priority, [checkIn]) }, TZ)],
            ['receipt', receiptCard({ priority, period: periodFromLabel('2026-Q4', DEFAULT_PERIOD_POLICY), checkIn, canEdit: true, timeZone: TZ, duplicate: false })],
            ['history', historyCard({ priority, entries: [{ checkIn: { ...checkIn, version: 3 }, changes: ['RAG Amber → Green', 'update edited'] }], total: 14, offset: 0, periods: 5 }, TZ)],
          ];
          for (const [name, c] of cards) {
            assert.deepEqual(validateCard(c), [], name);
            const { markdown, literal } = texts(c);
            // The lead's words arrive only as TextRuns (never parsed), exactly as typed.
            assert.ok(literal.includes(text), `${name}: the update is not shown literally`);
            assert.ok(!markdown.some((m) => m.includes(hostile)), `${name}: raw markdown/HTML reached a TextBlock`);
            // The title (seed data) is escaped wherever a TextBlock shows it.
            assert.ok(markdown.some((m) => m.includes(cardMarkdown(`${hostile} title`))), `${name}: the escaped title is missing`);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the digest stays under the size limit with 1000 escalated priorities and says how many it left out', () => {
    const { strategy, priorities, checkIns } = seeds.find((s) => s.strategy.key === 'leicester-2022-27')!;
    const summary = summarise(strategy, priorities, checkIns.map((c) => ({ ...c, version: 1 })), '2026-Q4');
    const entries = Array.from({ length: 1000 }, (_, i) => ({ ref: `${strategy.key}/p${i}`, number: String(i + 1), title: `A priority whose title is quite long, as the papers' titles are (${i})`, detail: `Red in 2026-Q4; ${i % 9} days overdue` }));
    const view: DigestView = {
      date: '2026-11-23',
      summaries: [{ strategy: { key: strategy.key, title: strategy.title, board: strategy.board }, summary }],
      groups: REASONS.map((reason) => ({ reason, title: REASON_TITLES[reason], entries })),
      priorities: 1000,
    };
    const c = digestCard(view);
    assertValid('digest of 1000', c);
    const json = JSON.stringify(c);
    assert.match(json, /1000/);
    assert.match(json, /more/i, 'the tail is not summarised');
    // A small digest lists every entry with its Status button.
    const small = digestCard({ ...view, groups: [{ reason: REASONS[0]!, title: REASON_TITLES[REASONS[0]!], entries: entries.slice(0, 3) }], priorities: 3 });
    assertValid('digest of 3', small);
    for (const e of entries.slice(0, 3)) assert.ok(JSON.stringify(small).includes(e.ref), `${e.ref} has no button`);
    assertValid('empty digest', digestCard({ ...view, groups: [], priorities: 0 }));
  });

  it('reach: unreachable people first, valid and under the size limit with 500 people, the rest counted', () => {
    const rows: ReachRow[] = Array.from({ length: 500 }, (_, i) => {
      const route = routeFor(i % 50 === 7 ? {} : { email: `person${i}@example.org` }, i % 3 === 0 ? { chat: { origin: 'roster' }, graphConfigured: false } : { graphConfigured: false, inTeamRoster: false });
      return { personId: `p${i}`, name: `Person ${i} with a *long* [name]`, organisation: 'Leicestershire Partnership NHS Trust', roles: [`lead ${i}`, 'deputy W2'], route, routeText: describeRoute(route) };
    });
    const c = reachCard(rows);
    assertValid('reach of 500', c);
    const text = cardText(c);
    assert.match(text, /500 people: Teams chat 167 · email 326 · not reachable 7/);
    assert.match(text, /^How the bot reaches people\n.*\nPerson\nRoles\nReached by\nPerson 7 with a \*long\* \[name\]/);
    assert.match(text, /…and 460 more \(Teams chat 167, email 293, not reachable 0\)/);
    assertValid('empty reach', reachCard([]));
  });

  it('people: Retire beside each name; a board with many people gets one list to choose from, valid and under the size limit', () => {
    const view = views.people();
    const few = peopleCard(view, views.TIME_ZONE);
    assertValid('people of 4', few);
    assert.deepEqual(
      allActions(few).filter((a) => a.verb === PEOPLE_RETIRE_ASK_VERB).map((a) => (a.data as Record<string, unknown>).person),
      view.people.map((p) => p.id),
    );
    const rows = Array.from({ length: 120 }, (_, i) => ({ ref: `s/${i}`, label: `${i}. We will improve the built environment to support people's long-term health`, project: false, leads: [`Person ${i} with a *long* [name]`], deputies: [`Deputy ${i} of the council`] }));
    const people = Array.from({ length: 150 }, (_, i) => ({ id: `person-${i}`, name: `Person ${i} with a *long* [name]`, organisation: 'Leicestershire Partnership NHS Trust' }));
    const many = peopleCard({ ...view, rows, people }, views.TIME_ZONE);
    assertValid('people of 150', many);
    const retire = allActions(many).filter((a) => a.verb === PEOPLE_RETIRE_ASK_VERB);
    assert.equal(retire.length, 1, 'one Retire… under the list');
    assert.match(cardText(many), /…and 60 more: type "retire" and their name or email\./);
  });

  it('the other cards validate: welcome, help, summary, lists, pickers, notices, report links', () => {
    const { strategy, priorities, checkIns } = seeds[0]!;
    const summary = summarise(strategy, priorities, checkIns.map((c) => ({ ...c, version: 1 })));
    const cards: [string, Card][] = [
      ['welcome (lead)', welcomeCard({ person: { id: 'megan', name: 'Megan Bowen', boardManager: false }, leads: priorities.slice(0, 2), deputises: priorities.slice(2, 3) })],
      ['welcome (stranger)', welcomeCard({ leads: [], deputises: [] })],
      ['welcome (made a lead by a manager)', welcomeCard({ person: { id: 'kay', name: 'Kay Darby', boardManager: false }, leads: priorities.slice(0, 1), deputises: [], assigned: { by: 'Alex Wilber', what: 'the lead of 1. We will…', board: 'Leicester City Health and Wellbeing Board' } })],
      ['help', helpCard()],
      ['help after an unknown command', helpCard('frobnicate <b>now</b>')],
      ['summary', summaryCard([{ strategy: { key: strategy.key, title: strategy.title, board: strategy.board }, summary }])],
      ['reds', reasonListCard('Red now', [{ ref: 'x/1', number: '1', title: 'A priority', strategyTitle: strategy.title, detail: 'Red in 2026-Q4' }], 'Nothing is red.', 'red')],
      ['reds (none)', reasonListCard('Red now', [], 'Nothing is red.', 'red')],
      ['pick', pickPriorityCard(priorities.slice(0, 12), 'status', strategyTitles, 'health')],
      ['no match', noMatchCard('helth', priorities.slice(0, 3), strategyTitles)],
      ['message', messageCard('Not saved', 'The storage did not answer. Try again in a minute.')],
      ['overdue (managers)', managersOverdueCard(priorities[0]!, '2026-Q4', '2026-10-14', 9, 'Megan Bowen', 'Megan is away until 1 December 2026.')],
      ['reassign (managers)', managersReassignCard({ kind: 'managers-reassign', to: { id: 'a', name: 'A', boardManager: true }, board: { key: 'b', name: 'Board *of* [names]' }, person: 'Kay *Darby*', by: 'Alex', at: '2026-11-24T10:00:00.000Z', roles: priorities.slice(0, 40).map((p) => ({ ref: `${p.strategyKey}/${p.key}`, what: `Lead of ${p.number}. ${p.title}`, role: 'lead' as const, after: 'No lead' })) })],
      ['unreachable (managers)', managersUnreachableCard({ name: 'Kay *Darby*', organisation: 'NHS <LLR> ICB' }, priorities.slice(0, 2), '2026-Q4', '2027-01-14', ['not in the board team', 'Graph not configured', 'no email address'])],
      ['report', reportCard(strategy.title, '2016-Q1', [{ label: 'Word', url: 'http://127.0.0.1:3978/reports/abc.docx' }, { label: 'HTML', url: 'http://127.0.0.1:3978/reports/abc.html' }], 15)],
    ];
    for (const [name, c] of cards) assertValid(name, c);
  });

  it('a picker lists every match up to 12, each with its own button, and says how many it left out', () => {
    const c = pickPriorityCard(allPriorities.slice(0, 15), 'status', strategyTitles, 'health');
    assertValid('pick of 15', c);
    const json = JSON.stringify(c);
    for (const p of allPriorities.slice(0, 12)) assert.ok(json.includes(`"priority":"${p.strategyKey}/${p.key}"`), `${p.number} has no button`);
    assert.ok(!json.includes(`"priority":"${allPriorities[12]!.strategyKey}/${allPriorities[12]!.key}"`));
    assert.match(json, /15 priorities match/);
    assert.match(json, /3 more not shown/);
  });

  it('a picker never cuts a title mid-word, and says whose strategy each match is', () => {
    const c = pickPriorityCard(allPriorities.slice(0, 12), 'status', strategyTitles);
    const buttons = allActions(c).map((a) => String(a.title));
    assert.equal(buttons.length, 12);
    for (const [i, title] of buttons.entries()) {
      const whole = `${allPriorities[i]!.number}. ${allPriorities[i]!.title}`;
      assert.ok(title.length <= 60, title);
      if (title !== whole) assert.ok(whole.startsWith(title.slice(0, -1)) && /^[\s,;:.–-]/.test(whole.slice(title.length - 1)), `cut mid-word: "${title}" of "${whole}"`);
    }
    const text = cardText(c);
    for (const p of allPriorities.slice(0, 12)) assert.ok(text.includes(strategyTitles[p.strategyKey]!), `${p.number} does not name its strategy`);
    assert.ok(buttons.some((t) => t.endsWith('…')), 'the seeds have titles longer than a button: at least one is cut');
  });

  it('the validator catches what Teams would reject or show badly', () => {
    // These make sure the checks above can fail.
    const base = { type: 'AdaptiveCard', version: '1.5', body: [] as unknown[] };
    assert.ok(validateCard({ ...base, body: [{ type: 'Chart.Line', data: [] }] }).some((p) => p.message.includes('fallback')), 'chart without fallback');
    assert.deepEqual(validateCard({ ...base, body: [{ type: 'Chart.Line', data: [], fallback: { type: 'TextBlock', text: 'trend' } }] }), []);
    assert.ok(validateCard({ ...base, body: [{ type: 'Input.Text', id: 'a' }, { type: 'Input.Text', id: 'a' }] }).length > 0, 'duplicate input ids');
    assert.ok(validateCard({ ...base, body: [{ type: 'Input.Text' }] }).length > 0, 'input without id');
    assert.ok(validateCard({ ...base, body: [{ type: 'Carousel.Thing', text: 'x' }] }).length > 0, 'unknown element');
    assert.ok(validateCard({ ...base, body: [{ type: 'ColumnSet', columns: [{ type: 'TextBlock', text: 'not a column' }] }] }).length > 0, 'wrong child type');
  });
});

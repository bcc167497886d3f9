import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import fc from 'fast-check';
import { allBoards, loadPicture, strategiesOf } from '../../src/app/board-picture';
import { listByReason, reasonList } from '../../src/app/board-view';
import { submitCheckIn } from '../../src/app/check-in';
import { buildDigest } from '../../src/app/digest';
import { priorityHistory } from '../../src/app/history';
import { reachTable } from '../../src/app/reach';
import { boardReport } from '../../src/app/report';
import { statusView } from '../../src/app/status';
import { chatSummary, strategySummary } from '../../src/app/summary';
import type { AppDeps } from '../../src/app/deps';
import { boardOf } from '../../src/domain/board';
import type { Person } from '../../src/domain/person';
import { projectReasonCount, type StrategyPicture } from '../../src/domain/picture';
import { FREQUENCIES, reportingPeriodFor, previousPeriodLabel, DEFAULT_PERIOD_POLICY } from '../../src/domain/period';
import { isStrategyLive, type Priority, type Strategy } from '../../src/domain/strategy';
import { loadSeeds } from '../../src/seed/load-seeds';
import { readSeedSet, seedFilesIn } from '../../src/seed/seed-files';
import { aPerson, aPriority, aStrategy } from '../domain/builders';
import { inMemoryApp } from './in-memory-app';

/**
 * One picture, many views: every count a board reads (summary in chat and on the command line,
 * the digest, the board paper, the overdue and red lists, status) must be the picture's. Checked on
 * the real seeds after leads answer, and on generated boards of mixed frequencies, ended
 * strategies, proposed and closed priorities, and edited answers.
 */
const SEEDS = join(__dirname, '..', '..', 'seeds');
const counts = (r: { red: number; amber: number; green: number; notReported: number }, notYetDue?: number) => ({ ...r, notYetDue: notYetDue ?? 0 });

/** Every view's counts of one live strategy, side by side with the picture's. */
async function viewsAgree(deps: AppDeps, manager: Person, sp: StrategyPicture, asAt: string): Promise<void> {
  const board = (await allBoards(deps)).find((b) => b.key === boardOf(sp.strategy))!;
  const expected = counts(sp.rag, sp.notYetDue);
  const who = { known: manager };
  const cli = (await strategySummary(deps, sp.strategy.key)).summary;
  assert.deepEqual(counts(cli.rag, cli.notYetDue), expected, `${sp.strategy.key}: summary --json`);
  assert.deepEqual(cli.directionOfTravel, sp.directionOfTravel, `${sp.strategy.key}: summary direction of travel`);
  const chat = (await chatSummary(deps, who, board.name)).find((v) => v.strategy.key === sp.strategy.key)!.summary;
  assert.deepEqual(counts(chat.rag, chat.notYetDue), expected, `${sp.strategy.key}: summary in chat`);
  const digest = (await buildDigest(deps, board)).summaries.find((v) => v.strategy.key === sp.strategy.key)!.summary;
  assert.deepEqual(counts(digest.rag, digest.notYetDue), expected, `${sp.strategy.key}: digest`);
  assert.deepEqual(digest.directionOfTravel, sp.directionOfTravel, `${sp.strategy.key}: digest direction of travel`);
  const paper = await boardReport(deps, sp.strategy.key);
  assert.deepEqual(counts(paper.rag, paper.notYetDue), expected, `${sp.strategy.key}: board paper`);
  assert.deepEqual(Object.fromEntries(paper.ragRows.map((r) => [r.rating, r.count])), { Red: expected.red, Amber: expected.amber, Green: expected.green, 'Not reported': expected.notReported, 'Not yet due': expected.notYetDue }, `${sp.strategy.key}: the paper's table`);
  assert.equal(paper.statements.filter((s) => s.rag === 'green').length, expected.green, `${sp.strategy.key}: the paper's statements`);
  // The lists: what the digest lists under a reason is what `overdue` and `red` list.
  const overdue = (await listByReason(deps, who, 'overdue', board.key)).filter((e) => e.ref.startsWith(`${sp.strategy.key}/`));
  // A project's overdue answer is listed under its workstream, counted apart from the priorities.
  assert.equal(overdue.length, sp.priorities.filter((p) => p.standing === 'overdue').length + projectReasonCount(sp, 'overdue'), `${sp.strategy.key}: overdue`);
  assert.ok(overdue.every((e) => e.daysOverdue !== undefined && e.due !== undefined));
  const red = (await listByReason(deps, who, 'red', board.key)).filter((e) => e.ref.startsWith(`${sp.strategy.key}/`));
  assert.equal(red.length, expected.red + projectReasonCount(sp, 'red'), `${sp.strategy.key}: red`);
  for (const p of sp.priorities) {
    const status = await statusView(deps, p.priority);
    assert.equal(status.overdue, p.standing === 'overdue', `${p.priority.number}: status says overdue`);
    assert.equal(status.stale, p.standing !== 'answered', `${p.priority.number}: status says answered`);
  }
  assert.equal(expected.red + expected.amber + expected.green + expected.notReported + expected.notYetDue, sp.priorities.length, `${sp.strategy.key}: every live priority counted once (${asAt})`);
}

describe('the board picture: one set of counts, every view', () => {
  it('on the real seeds, after a lead answers annual priority 19 (Amber, then edited Green) and workstream W2 its quarter', async () => {
    const { deps, stores } = await inMemoryApp({ now: '2026-11-24T10:00:00Z', strategies: [], priorities: [], people: [] });
    await loadSeeds(stores, readSeedSet(seedFilesIn(SEEDS), SEEDS), new Date('2026-11-24T10:00:00Z'));
    const alex = (await deps.people.getPerson('alex-wilber'))!;
    const who = { known: alex };
    const first = await submitCheckIn(deps, who, { unit: 'leicester-2022-27/19', period: '2025', baseVersion: 0, submissionId: 'sub-19-aaaaaaaa', inputs: { rag: 'amber', update: 'Falls service recommissioned.' } });
    assert.equal(first.kind, 'receipt');
    const edit = await submitCheckIn(deps, who, { unit: 'leicester-2022-27/19', period: '2025', baseVersion: 1, submissionId: 'sub-19-bbbbbbbb', inputs: { rag: 'green', update: 'Falls service recommissioned; waiting list cleared.' } });
    assert.equal(edit.kind, 'receipt');
    const w2 = await submitCheckIn(deps, who, { unit: 'leicester-2022-27/W2', period: '2026-Q3', baseVersion: 0, submissionId: 'sub-w2-aaaaaaaa', inputs: { rag: 'red', update: 'Tier 2 provider withdrew.', escalation: 'Board to ask the ICB for bridge funding.' } });
    assert.equal(w2.kind, 'receipt', JSON.stringify(w2.kind === 'invalid' ? w2.view.errors : {}));

    const boards = await allBoards(deps);
    assert.deepEqual(boards.map((b) => b.name), ['Leicester City Health and Wellbeing Board', 'Leicestershire Health and Wellbeing Board']);
    for (const board of boards) {
      const live = (await strategiesOf(deps, [board])).filter((s) => isStrategyLive(s, '2026-11-24'));
      const picture = await loadPicture(deps, live);
      for (const sp of picture.strategies) await viewsAgree(deps, alex, sp, picture.asAt);
    }
    // 19 counts with its answer everywhere: judged on its year (2025), not "not reported" in a quarter.
    const city = await loadPicture(deps, [(await deps.strategies.getStrategy('leicester-2022-27'))!]);
    const nineteen = city.strategies[0]!.priorities.find((p) => p.priority.key === '19')!;
    assert.equal(nineteen.period.label, '2025');
    assert.equal(nineteen.answer?.rag, 'green');
    assert.equal(nineteen.edits, 1);
    const paper = await boardReport(deps, 'leicester-2022-27');
    const row = paper.statements.find((s) => s.number === '19')!;
    assert.equal(row.rag, 'green');
    assert.equal(row.period, '2025');
    // history shows both versions, newest first.
    const history = await priorityHistory(deps, who, '19');
    assert.ok(history.kind === 'history');
    const versions = history.view.entries.filter((e) => e.checkIn.period === '2025');
    assert.deepEqual(versions.map((v) => [v.checkIn.version, v.checkIn.rag]), [[2, 'green'], [1, 'amber']]);
  });

  it('a manager of one board does not see the other board\'s priorities in overdue; a manager of both sees both', async () => {
    const { deps, stores } = await inMemoryApp({ now: '2026-11-24T10:00:00Z', strategies: [], priorities: [], people: [] });
    await loadSeeds(stores, readSeedSet(seedFilesIn(SEEDS), SEEDS), new Date('2026-11-24T10:00:00Z'));
    const megan = (await deps.people.getPerson('megan-bowen'))!; // Leicestershire's manager, and W1's lead in the city
    const alex = (await deps.people.getPerson('alex-wilber'))!;
    const meganSees = await listByReason(deps, { known: megan }, 'overdue');
    const alexSees = await listByReason(deps, { known: alex }, 'overdue');
    // Leicestershire's priorities have no lead: nobody was asked, so none is overdue; she sees her board's No lead count.
    assert.ok(meganSees.every((e) => e.ref.startsWith('leicestershire-')), 'only her board');
    assert.equal((await reasonList(deps, { known: megan }, 'overdue')).noLead, 13);
    assert.equal((await reasonList(deps, { known: alex }, 'overdue')).noLead, 13 + 19, 'both boards');
    assert.ok(alexSees.some((e) => e.ref.startsWith('leicester-2022-27/')));
    await assert.rejects(listByReason(deps, { known: megan }, 'overdue', 'leicester city'), /does not manage/);
    // `reach` too: her board's people, not the city's leads (Kay Darby leads the city's W1).
    const meganReach = (await reachTable(deps, { known: megan }, false)).map((r) => r.name);
    const alexReach = (await reachTable(deps, { known: alex }, false)).map((r) => r.name);
    assert.ok(meganReach.includes('Megan Bowen') && !meganReach.includes('Kay Darby'), meganReach.join(', '));
    assert.ok(alexReach.includes('Kay Darby'), alexReach.join(', '));
  });

  it('on generated boards: mixed frequencies, ended strategies, proposed and closed priorities, edits, any date', async () => {
    const frequencies = FREQUENCIES.filter((f) => f !== 'on-request');
    const priorityArb = fc.record({ frequency: fc.constantFrom(...frequencies), status: fc.constantFrom('active', 'active', 'active', 'proposed', 'closed') as fc.Arbitrary<Priority['status']>, answers: fc.array(fc.record({ back: fc.integer({ min: 0, max: 5 }), rag: fc.constantFrom('red', 'amber', 'green', undefined), edit: fc.option(fc.constantFrom('red', 'amber', 'green')) }), { maxLength: 5 }) });
    const strategyArb = fc.record({ ended: fc.boolean(), frequency: fc.constantFrom(...frequencies), priorities: fc.array(priorityArb, { minLength: 1, maxLength: 6 }) });
    const dayArb = fc.integer({ min: 0, max: 364 }).map((d) => new Date(Date.UTC(2026, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));
    await fc.assert(
      fc.asyncProperty(fc.array(strategyArb, { minLength: 1, maxLength: 3 }), dayArb, async (specs, asAt) => {
        const strategies: Strategy[] = specs.map((s, i) => ({ ...aStrategy(`s${i}`).years(2020, s.ended ? 2024 : 2030).build(), reportingFrequency: s.frequency, board: i % 2 === 0 ? 'North Health and Wellbeing Board' : 'South Health and Wellbeing Board' }));
        const priorities = specs.flatMap((s, i) => s.priorities.map((p, j) => aPriority(String(j + 1), `s${i}`).every(p.frequency).status(p.status).build()));
        const manager = aPerson('boss').manager().build();
        const { deps, stores } = await inMemoryApp({ now: `${asAt}T12:00:00Z`, strategies, priorities, people: [manager] });
        let n = 0;
        for (const [i, s] of specs.entries()) {
          for (const [j, p] of s.priorities.entries()) {
            let label = reportingPeriodFor(asAt, p.frequency, DEFAULT_PERIOD_POLICY).label;
            const seen = new Set<string>();
            for (const a of p.answers) {
              for (let k = 0; k < a.back; k++) label = previousPeriodLabel(label);
              if (seen.has(label)) continue;
              seen.add(label);
              const base = { strategyKey: `s${i}`, priorityKey: String(j + 1), period: label, update: 'u', plusGroups: {}, kpiReadings: {}, submittedBy: 'x', submittedByName: 'X', submittedAt: `${asAt}T09:00:00.000Z` };
              await stores.checkIns.save({ ...base, ...(a.rag ? { rag: a.rag } : {}), submissionId: `g-${++n}-aaaaaaaa` }, 0);
              if (a.edit) await stores.checkIns.save({ ...base, rag: a.edit, submissionId: `g-${++n}-aaaaaaaa` }, 1);
            }
          }
        }
        const live = strategies.filter((s) => isStrategyLive(s, asAt));
        const picture = await loadPicture(deps, live);
        for (const sp of picture.strategies) await viewsAgree(deps, manager, sp, asAt);
      }),
      { numRuns: 40, seed: 20261203 },
    );
  });
});

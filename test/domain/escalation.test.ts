import { strict as assert } from 'node:assert';
import { DEFAULT_ESCALATION_RULES, type EscalationRules, type Reason } from '../../src/domain/escalation';
import { evaluateEscalations } from '../../src/domain/board-escalations';
import { DEFAULT_PERIOD_POLICY } from '../../src/domain/period';
import type { CheckIn } from '../../src/domain/check-in';
import type { Priority, Strategy } from '../../src/domain/strategy';
import { aCheckIn, aKpi, aPriority, aStrategy } from './builders';

/**
 * The board's escalation rules, one at a time. On 25 Nov 2026 a quarterly priority reports on
 * 2026-Q3 (due 15 Oct 2026, closes 1 Jan 2027); its previous period is 2026-Q2.
 */
const TODAY = '2026-11-25';
const ALL_ON: EscalationRules = DEFAULT_ESCALATION_RULES;

function reasons(opts: { priorities?: Priority[]; checkIns?: CheckIn[]; rules?: Partial<EscalationRules>; today?: string; strategies?: Strategy[] }): { key: string; reason: Reason; detail: string }[] {
  const out = evaluateEscalations(opts.strategies ?? [aStrategy().build()], opts.priorities ?? [aPriority('1').build()], opts.checkIns ?? [], { ...ALL_ON, ...opts.rules }, DEFAULT_PERIOD_POLICY, opts.today ?? TODAY);
  return out.flatMap((e) => e.reasons.map((r) => ({ key: e.priority.key, ...r })));
}
const only = (rs: ReturnType<typeof reasons>, reason: Reason) => rs.filter((r) => r.reason === reason);
const q = (period: string) => aCheckIn().forPriority('1').forPeriod(period);

describe('escalation rules', () => {
  describe('red', () => {
    it('a Red answer for the current period escalates', () => {
      assert.deepEqual(only(reasons({ checkIns: [q('2026-Q3').red().build()] }), 'red'), [{ key: '1', reason: 'red', detail: 'Red for 2026-Q3' }]);
    });
    it('a Red answer for an earlier period does not, and the rule can be switched off', () => {
      assert.equal(only(reasons({ checkIns: [q('2026-Q2').red().build(), q('2026-Q3').green().build()] }), 'red').length, 0);
      assert.equal(only(reasons({ checkIns: [q('2026-Q3').red().build()], rules: { red: false } }), 'red').length, 0);
    });
  });

  describe('amber for N periods running', () => {
    it('two Ambers in a row escalate, with the count', () => {
      const rs = only(reasons({ checkIns: [q('2026-Q2').amber().build(), q('2026-Q3').amber().build()] }), 'amber-running');
      assert.deepEqual(rs, [{ key: '1', reason: 'amber-running', detail: 'Amber for 2 periods running' }]);
    });
    it('counts back through every Amber period, stopping at the first that is not', () => {
      const checkIns = [q('2025-Q4').amber().build(), q('2026-Q1').green().build(), q('2026-Q2').amber().build(), q('2026-Q3').amber().build()];
      assert.match(only(reasons({ checkIns }), 'amber-running')[0]!.detail, /Amber for 2 periods/);
      const straight = [q('2025-Q4').amber().build(), q('2026-Q1').amber().build(), q('2026-Q2').amber().build(), q('2026-Q3').amber().build()];
      assert.match(only(reasons({ checkIns: straight }), 'amber-running')[0]!.detail, /Amber for 4 periods/);
    });
    it('one Amber, a gap, or fewer than the board\'s number do not; 0 switches it off', () => {
      assert.equal(only(reasons({ checkIns: [q('2026-Q3').amber().build()] }), 'amber-running').length, 0);
      assert.equal(only(reasons({ checkIns: [q('2026-Q1').amber().build(), q('2026-Q3').amber().build()] }), 'amber-running').length, 0);
      const two = [q('2026-Q2').amber().build(), q('2026-Q3').amber().build()];
      assert.equal(only(reasons({ checkIns: two, rules: { amberPeriodsRunning: 3 } }), 'amber-running').length, 0);
      assert.equal(only(reasons({ checkIns: two, rules: { amberPeriodsRunning: 0 } }), 'amber-running').length, 0);
    });
  });

  describe('worsened since last period', () => {
    it('Green then Amber escalates, naming both periods', () => {
      assert.deepEqual(only(reasons({ checkIns: [q('2026-Q2').green().build(), q('2026-Q3').amber().build()] }), 'worsened'), [{ key: '1', reason: 'worsened', detail: 'green in 2026-Q2 → amber in 2026-Q3' }]);
    });
    it('an improvement, the same rating, or no previous answer do not', () => {
      assert.equal(only(reasons({ checkIns: [q('2026-Q2').red().build(), q('2026-Q3').amber().build()] }), 'worsened').length, 0);
      assert.equal(only(reasons({ checkIns: [q('2026-Q2').green().build(), q('2026-Q3').green().build()] }), 'worsened').length, 0);
      assert.equal(only(reasons({ checkIns: [q('2026-Q3').red().build()] }), 'worsened').length, 0);
      assert.equal(only(reasons({ checkIns: [q('2026-Q2').green().build(), q('2026-Q3').red().build()], rules: { worsened: false } }), 'worsened').length, 0);
    });
  });

  describe('point for escalation', () => {
    it('the lead\'s own point for escalation is listed as they wrote it', () => {
      const rs = only(reasons({ checkIns: [q('2026-Q3').green().escalating('Funding for the falls service ends in March.').build()] }), 'escalation-point');
      assert.deepEqual(rs, [{ key: '1', reason: 'escalation-point', detail: 'Funding for the falls service ends in March.' }]);
    });
    it('one raised last period is not raised again this period', () => {
      assert.equal(only(reasons({ checkIns: [q('2026-Q2').green().escalating('Old point').build(), q('2026-Q3').green().build()] }), 'escalation-point').length, 0);
    });
  });

  describe('overdue', () => {
    it('no answer after the due date escalates, with the days and the due date', () => {
      assert.deepEqual(only(reasons({}), 'overdue'), [{ key: '1', reason: 'overdue', detail: '41 days overdue (due 15 Oct 2026)' }]);
    });
    it('not before the due date, not once answered, not when switched off', () => {
      assert.equal(only(reasons({ today: '2026-10-15' }), 'overdue').length, 0);
      assert.equal(only(reasons({ checkIns: [q('2026-Q3').green().build()] }), 'overdue').length, 0);
      assert.equal(only(reasons({ rules: { overdue: false } }), 'overdue').length, 0);
    });
    it('an annual priority is judged on its annual period, not the quarter', () => {
      const annual = aPriority('19').every('annual').build();
      // On 25 Nov 2026 an annual priority reports on 2025, due 15 Jan 2026, closed 1 Jan 2027.
      const answered = aCheckIn().forPriority('19').forPeriod('2025').green().build();
      assert.equal(reasons({ priorities: [annual], checkIns: [answered] }).length, 0);
      assert.deepEqual(only(reasons({ priorities: [annual] }), 'overdue').map((r) => r.detail), ['314 days overdue (due 15 Jan 2026)']);
    });
  });

  describe('KPIs', () => {
    const falls = () => aKpi().baseline(50, '2022/23');
    it('a KPI worse than its baseline escalates (polarity-aware), with its readings', () => {
      const p = aPriority('1').withKpi(falls().latest(40, '2024/25').build()).build();
      assert.deepEqual(only(reasons({ priorities: [p], checkIns: [q('2026-Q3').green().build()] }), 'kpi-worsened').map((r) => r.detail), ['Indicator: 50 → 40 %']);
      const lowIsGood = aPriority('1').withKpi(falls().lowIsGood().latest(60, '2024/25').build()).build();
      assert.equal(only(reasons({ priorities: [lowIsGood], checkIns: [q('2026-Q3').green().build()] }), 'kpi-worsened').length, 1);
      const better = aPriority('1').withKpi(falls().lowIsGood().latest(40, '2024/25').build()).build();
      assert.equal(only(reasons({ priorities: [better], checkIns: [q('2026-Q3').green().build()] }), 'kpi-worsened').length, 0);
    });
    it('a reading typed on a check-in counts as the latest', () => {
      const p = aPriority('1').withKpi(falls().latest(55, '2024/25').build()).build();
      const withReading = q('2026-Q3').green().reading('k', 45).build();
      assert.equal(only(reasons({ priorities: [p], checkIns: [withReading] }), 'kpi-worsened').length, 1);
      assert.equal(only(reasons({ priorities: [p], checkIns: [withReading], rules: { kpiWorsened: false } }), 'kpi-worsened').length, 0);
    });
    it('a KPI behind the straight line from baseline to its dated target escalates; on or ahead of it does not', () => {
      // Baseline 50 in 2022/23, target 70 by 2026/27: halfway (2024/25) the line expects 60.
      const behind = aPriority('1').withKpi(falls().target(70, '2026/27').latest(55, '2024/25').build()).build();
      assert.deepEqual(only(reasons({ priorities: [behind], checkIns: [q('2026-Q3').green().build()] }), 'kpi-off-target').map((r) => r.detail), ['Indicator: 55 %, trajectory to 70 by 2026/27 expects 60']);
      const ahead = aPriority('1').withKpi(falls().target(70, '2026/27').latest(61, '2024/25').build()).build();
      assert.equal(only(reasons({ priorities: [ahead], checkIns: [q('2026-Q3').green().build()] }), 'kpi-off-target').length, 0);
      const undated = aPriority('1').withKpi(falls().target(70).latest(51, '2024/25').build()).build();
      assert.equal(only(reasons({ priorities: [undated], checkIns: [q('2026-Q3').green().build()] }), 'kpi-off-target').length, 0);
    });
  });

  it('closed strategies and priorities that are not active are never escalated', () => {
    const closed = aStrategy().years(2013, 2016).build();
    assert.equal(reasons({ strategies: [closed], checkIns: [q('2026-Q3').red().build()] }).length, 0);
    for (const status of ['proposed', 'closed'] as const) assert.equal(reasons({ priorities: [aPriority('1').status(status).build()], checkIns: [q('2026-Q3').red().build()] }).length, 0);
  });

  it('one entry per priority with all its reasons, in the papers\' order (2 before 10, then W1)', () => {
    const ps = ['W1', '10', '2'].map((k) => aPriority(k).build());
    const checkIns = ['W1', '10', '2'].flatMap((k) => [aCheckIn().forPriority(k).forPeriod('2026-Q2').green().build(), aCheckIn().forPriority(k).forPeriod('2026-Q3').red().escalating('Help').build()]);
    const out = evaluateEscalations([aStrategy().build()], ps, checkIns, ALL_ON, DEFAULT_PERIOD_POLICY, TODAY);
    assert.deepEqual(out.map((e) => e.priority.key), ['2', '10', 'W1']);
    assert.deepEqual(out[0]!.reasons.map((r) => r.reason), ['red', 'worsened', 'escalation-point']);
  });
});

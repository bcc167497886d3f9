import { strict as assert } from 'node:assert';
import { countWords, namesOnce } from '../../src/app/digest';
import { digestCard } from '../../src/cards/digest-card';
import { cardText } from '../support/bot-harness';
import { validateCard } from '../support/validate-card';

/** Issue 19: counts say what they count, and a name is listed once. */
describe('digest counts and names', () => {
  const line = (number: string, project?: string) => ({ ref: `s/${number}`, number, title: `Title ${number}`, detail: 'd', ...(project ? { project } : {}) });

  it('a section counts priorities and projects apart', () => {
    assert.equal(countWords([line('19'), line('W2', 'Pregnancy')]), '1 priority, 1 project');
    assert.equal(countWords([line('W2', 'Pregnancy')]), '1 project');
    assert.equal(countWords([line('1'), line('2')]), '2 priorities');
  });

  it('names left over are listed once, with their projects', () => {
    assert.deepEqual(namesOnce([line('W1'), line('W2'), line('W2', 'a'), line('W2', 'b'), line('W2', 'c'), line('W3', 'x')]), ['W1', 'W2 (and 3 of its projects)', 'W3 (1 project)']);
  });

  it('the card: a header per kind of unit, sections that agree with it, and No lead once', () => {
    const entries = [line('19'), line('W2', 'Pregnancy')];
    const card = digestCard({
      date: '2026-11-24',
      board: { key: 'b', name: 'Board' },
      summaries: [{ strategy: { key: 's', title: 'S', board: 'Board' }, summary: { strategy: 's', period: '2026-Q3', rag: { red: 1, amber: 0, green: 0, notReported: 3 }, notYetDue: 0, overdue: 1, noLead: 2, projects: { red: 1, amber: 0, green: 0, notReported: 0, notYetDue: 0, overdue: 0, noLead: 0, total: 1 }, directionOfTravel: { improved: 0, same: 0, worsened: 0, notComparable: 0 } } }],
      groups: [{ reason: 'red', title: 'Red', entries }],
      priorities: 2,
      noLead: [{ ref: 's/1', number: '1', title: 'One', projects: 0 }, { ref: 's/W3', number: 'W3', title: 'Three', projects: 8 }],
    });
    assert.deepEqual(validateCard(card), []);
    const text = cardText(card);
    assert.match(text, /Priorities: ● Red 1 · ▲ Amber 0 · ✔ Green 0 · ○ Not reported 3 \(overdue 1, no lead 2\)/);
    assert.match(text, /Projects: ● Red 1/);
    assert.match(text, /Red \(1 priority, 1 project\)/);
    assert.match(text, /No lead assigned \(2\)\n[^\n]+\n1\. One\nW3\. Three \(and 8 projects\)/);
  });
});

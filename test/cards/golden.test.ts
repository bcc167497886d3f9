/**
 * Golden fixtures: each card's exact JSON, as Teams receives it, kept in test/cards/golden/.
 * A change to a card shows here as a diff of the fixture, reviewed like code. To accept a change
 * on purpose, regenerate them with `npm run golden:update` and review `git diff test/cards/golden`.
 */
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { calendarCard } from '../../src/cards/calendar-card';
import { checkInCard } from '../../src/cards/check-in-card';
import { digestCard } from '../../src/cards/digest-card';
import type { Card } from '../../src/cards/elements';
import { monitoringCard } from '../../src/cards/monitoring-card';
import { managersReassignCard } from '../../src/cards/notice-cards';
import { peopleCard, peopleChangeCard, peopleConfirmCard, peopleHistoryCard, retireConfirmCard } from '../../src/cards/people-card';
import { projectCheckInCard, projectReceiptCard } from '../../src/cards/project-check-in-card';
import { receiptCard } from '../../src/cards/receipt-card';
import { statusCard } from '../../src/cards/status-card';
import { validateCard } from '../support/validate-card';
import * as views from './card-views';

const DIR = join(__dirname, 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const CARDS: Record<string, () => Card> = {
  'check-in': () => checkInCard(views.checkInForm()),
  'check-in-again': () => checkInCard(views.checkInFormAgain()),
  project: () => projectCheckInCard(views.projectForm()),
  'project-receipt': () => projectReceiptCard(views.projectReceipts(), views.TIME_ZONE),
  receipt: () => receiptCard(views.receipt()),
  status: () => statusCard(views.status(), views.TIME_ZONE),
  digest: () => digestCard(views.digest()),
  monitoring: () => monitoringCard(views.monitoring()),
  people: () => peopleCard(views.people(), views.TIME_ZONE),
  'people-change': () => peopleChangeCard(views.people(), { unit: 'leicester-2022-27/1' }),
  'people-change-directory': () => peopleChangeCard(views.people(), { unit: 'leicester-2022-27/1' }, { directory: true }),
  'people-confirm': () => peopleConfirmCard(views.peopleProposal()),
  'retire-confirm': () => retireConfirmCard(views.retirement()),
  'managers-reassign': () => managersReassignCard({ kind: 'managers-reassign', to: { id: 'adele-vance', name: 'Adele Vance', boardManager: true }, board: { key: 'leicester-city', name: 'Leicester City Health and Wellbeing Board' }, person: 'Kay Darby', by: 'Alex Wilber', at: views.NOW, roles: views.retirement().removed }),
  'people-history': () => peopleHistoryCard({ board: views.people().board, rows: [{ at: views.NOW, by: 'Alex Wilber', what: 'Lead of 1. We will improve the built environment to support people\'s…', before: 'No lead', after: 'Kay Darby' }] }, views.TIME_ZONE),
  calendar: () => calendarCard(views.calendar()),
  'calendar-invalid': () => calendarCard(views.calendarInvalid()),
};

/** The first lines that differ, with a little context: enough to see what moved without a tool. */
function lineDiff(expected: string, actual: string, context = 2): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  const from = Math.max(0, start - context);
  const out = [`@@ line ${start + 1} @@`];
  for (let i = from; i < start; i++) out.push(`  ${a[i]}`);
  for (let i = start; i <= endA; i++) out.push(`- ${a[i]}`);
  for (let i = start; i <= endB; i++) out.push(`+ ${b[i]}`);
  for (let i = endA + 1; i <= Math.min(a.length - 1, endA + context); i++) out.push(`  ${a[i]}`);
  return out.slice(0, 80).join('\n');
}

describe('golden card fixtures (test/cards/golden)', () => {
  for (const [name, build] of Object.entries(CARDS)) {
    it(`the ${name} card is exactly its fixture`, () => {
      const c = build();
      assert.deepEqual(validateCard(c), [], `${name} does not validate`);
      const actual = `${JSON.stringify(c, null, 2)}\n`;
      const file = join(DIR, `${name}.json`);
      if (UPDATE) {
        mkdirSync(DIR, { recursive: true });
        writeFileSync(file, actual);
        return;
      }
      assert.ok(existsSync(file), `no fixture ${file}: run "npm run golden:update" and review the new file`);
      const expected = readFileSync(file, 'utf8');
      if (actual !== expected) {
        assert.fail(`the ${name} card differs from test/cards/golden/${name}.json (- fixture, + now):\n${lineDiff(expected, actual)}\n` + 'If the change is meant, run "npm run golden:update" and review the fixture diff like code.');
      }
    });
  }

  it('the diff names the changed line, with what it was and what it is now', () => {
    const diff = lineDiff('{\n  "a": 1,\n  "b": 2\n}\n', '{\n  "a": 1,\n  "b": 3\n}\n');
    assert.equal(diff, '@@ line 3 @@\n  {\n    "a": 1,\n-   "b": 2\n+   "b": 3\n  }\n  ');
  });
});

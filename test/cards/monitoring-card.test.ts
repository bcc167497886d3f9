import { strict as assert } from 'node:assert';
import type { MonitoringRow, MonitoringSheet } from '../../src/app/monitoring';
import { TEXT_LIMITS } from '../../src/domain/check-in';
import { monitoringCard } from '../../src/cards/monitoring-card';
import { CARD_BYTE_LIMIT, cardBytes } from '../../src/cards/elements';
import { cardText } from '../support/bot-harness';
import { validateCard } from '../support/validate-card';

const HOSTILE = '**bold** [link](http://x) <at>Megan</at> | pipe\n- not a list ';

function sheet(rows: MonitoringRow[]): MonitoringSheet {
  return {
    strategy: { key: 's', title: 'Strategy', board: 'Board' },
    date: '2026-10-20',
    workstream: { key: 'W3', number: 'W3', title: 'Mental health *and* wellbeing' },
    objective: 'Improving the mental health of our local population.',
    governance: 'Mental health partnership',
    period: '2026-Q3',
    frequency: 'Quarterly',
    rows,
    escalation: ['None raised'],
  };
}

/** A project answered to every text limit: what eight of them would make without cutting. */
function fullRow(i: number): MonitoringRow {
  const fill = (n: number) => `${HOSTILE}${'x'.repeat(Math.max(0, n - HOSTILE.length - 1))}y`;
  return { projectKey: `p${i}`, project: `Project ${i}`, lead: 'Amy Hathway', kpis: [fill(200)], update: fill(TEXT_LIMITS.update), nextSteps: fill(TEXT_LIMITS.nextSteps), plusGroups: [`Learning disability (LD): ${fill(TEXT_LIMITS.plusGroup)}`], risks: fill(TEXT_LIMITS.risks), rag: 'amber', answeredBy: 'Amy Hathway', answeredAt: '2026-10-20' };
}

describe('the monitoring card', () => {
  it('shows short answers whole and typed text literally, in a valid 1.5 card', () => {
    const card = monitoringCard(sheet([{ projectKey: 'a', project: 'Cafés', lead: 'LPT', kpis: [], update: HOSTILE, plusGroups: [] }]));
    assert.deepEqual(validateCard(card), []);
    const text = cardText(card);
    assert.ok(text.includes(`Update\n${HOSTILE}\n`), text);
    assert.match(text, /^Monitoring: W3\. Mental health \*and\* wellbeing\n/);
    assert.match(text, /Project KPIs and Targets\nNone set\n/);
    assert.doesNotMatch(text, /cut short/);
  });

  it('eight projects answered to every limit stay under the Teams size limit, and the card says what was cut', () => {
    const card = monitoringCard(sheet(Array.from({ length: 8 }, (_, i) => fullRow(i + 1))));
    assert.deepEqual(validateCard(card), []);
    assert.ok(cardBytes(card) <= CARD_BYTE_LIMIT, `${cardBytes(card)} bytes`);
    const text = cardText(card);
    assert.equal(text.match(/Reporting Projects\n/g)?.length, 8, 'every project keeps its row');
    assert.match(text, /Long answers are cut short here to fit a Teams message; the board paper \("report"\) has them whole\./);
  });
});

import { strict as assert } from 'node:assert';
import { checkInForm } from '../../src/app/check-in';
import { checkInCard } from '../../src/cards/check-in-card';
import { projectReceiptCard } from '../../src/cards/project-check-in-card';
import { receiptCard } from '../../src/cards/receipt-card';
import { lastEditableDay, periodFromLabel, DEFAULT_PERIOD_POLICY } from '../../src/domain/period';
import { editableUntil } from '../../src/domain/wording';
import { renderNoticeEmail } from '../../src/email/notice-email';
import { cardText } from '../support/bot-harness';
import * as views from '../cards/card-views';
import { aPerson, aPriority, aStrategy } from './builders';

/**
 * The last day answers can be edited (issue 19 item 11): answers lock at the start of the day the
 * next round opens, so the last day is the one before, and every rendering says that one day.
 */
describe('the last day answers can be edited, worded once', () => {
  it('is the day before answers lock: 31 Dec for a lock on 1 Jan, the last day of February in a leap year', () => {
    assert.equal(periodFromLabel('2026-Q3', DEFAULT_PERIOD_POLICY).closes, '2027-01-01');
    assert.equal(lastEditableDay(periodFromLabel('2026-Q3', DEFAULT_PERIOD_POLICY)), '2026-12-31');
    assert.equal(editableUntil(periodFromLabel('2026-Q3', DEFAULT_PERIOD_POLICY)), '31 Dec 2026');
    assert.equal(editableUntil(periodFromLabel('2028-01', DEFAULT_PERIOD_POLICY)), '29 Feb 2028');
    assert.equal(editableUntil(periodFromLabel('2025', DEFAULT_PERIOD_POLICY)), '31 Dec 2026');
  });

  it('the check-in card, both receipts and the reminder email all say 31 Dec 2026 for 2026-Q3, never 1 Jan 2027', () => {
    const period = periodFromLabel('2026-Q3', DEFAULT_PERIOD_POLICY);
    const person = aPerson('kay').named('Kay Darby').build();
    const form = checkInForm({ strategy: aStrategy().build(), priority: aPriority('W1').build(), period, person, history: [], covers: [], names: new Map(), submissionId: 'sub-00000001' });
    const mail = renderNoticeEmail({ kind: 'reminder', to: person, priority: form.priority, period, form }, ['http://x/checkin?token=t']);
    const said = {
      card: cardText(checkInCard(form)),
      receipt: cardText(receiptCard(views.receipt())),
      projects: cardText(projectReceiptCard(views.projectReceipts(), views.TIME_ZONE)),
      email: mail.text,
      html: mail.html,
    };
    assert.match(said.card, /Open until\n31 Dec 2026/);
    assert.match(said.receipt, /Editable until\n31 Dec 2026/);
    assert.match(said.projects, /Editable until\n31 Dec 2026/);
    assert.match(said.email, /works until 31 Dec 2026/);
    assert.match(said.html, /Works until 31 Dec 2026\./);
    for (const [where, text] of Object.entries(said)) assert.doesNotMatch(text, /1 Jan 2027/, where);
  });
});

/* eslint-disable @typescript-eslint/no-explicit-any -- card JSON is read loosely in assertions */
import { strict as assert } from 'node:assert';
import { validateCard } from '../support/validate-card';
import { ADELE, ALEX, allActions, cardAction, GRACE, installation, MEGAN, membersAdded, message, submitFrom, type TeamsUser } from '../support/activities';
import { BotHarness, cardText } from '../support/bot-harness';

describe('check-in journey over the real HTTP endpoint', () => {
  let bot: BotHarness;

  beforeEach(async () => {
    bot = await new BotHarness('2026-11-24T10:00:00Z').start();
  });
  afterEach(async () => bot.stop());

  async function checkinCard(user: TeamsUser, text = 'checkin'): Promise<Record<string, unknown>> {
    bot.connector.reset();
    const res = await bot.post(message(user, bot.serviceUrl, text));
    assert.equal(res.status, 200);
    return bot.connector.lastCard();
  }

  it('install stores the conversation and welcomes the lead with what they lead', async () => {
    const res = await bot.post(installation(ALEX, bot.serviceUrl));
    assert.equal(res.status, 200);
    const welcome = cardText(bot.connector.lastCard());
    assert.match(welcome, /Welcome, Alex Wilber/);
    assert.match(welcome, /You lead: 19\. We will reduce the number of falls/);
    assert.match(welcome, /board manager/);
    const record = await bot.app.deps.conversations.get(`user:${ALEX.aadObjectId}`);
    assert.equal(record?.personId, 'alex-wilber');
    assert.equal((record?.reference as { serviceUrl: string }).serviceUrl, bot.serviceUrl);
  });

  it('a conversationUpdate install in a personal chat does the same', async () => {
    await bot.post(membersAdded(MEGAN, bot.serviceUrl));
    assert.match(cardText(bot.connector.lastCard()), /Welcome, Megan Bowen/);
    assert.ok(await bot.app.deps.conversations.get(`user:${MEGAN.aadObjectId}`));
  });

  it('Alex: checkin → card with RAG definitions → submit Amber → receipt → status shows it', async () => {
    const card = await checkinCard(ALEX);
    assert.deepEqual(validateCard(card), []);
    const text = cardText(card);
    assert.match(text, /Check-in for 2026-Q3/);
    assert.match(text, /Red: Little or no progress has been made\./);
    assert.match(text, /Amber: Some progress has been made, but we have not met our expectations\./);
    assert.match(text, /Green: Good progress has been made\. Our expectations have been met or exceeded\./);
    assert.match(text, /Emergency admissions due to falls, 65\+ \(per 100,000\)/);
    assert.match(text, /Baseline 2022\/23: 2100 per 100,000; target 1900 per 100,000 by 2027; lower is better/);
    // Last period's answer is shown above the inputs, labelled; the inputs start empty.
    assert.match(text, /Last answer, 2026-Q2: Green\nFalls service recommissioned\./);
    assert.ok(!JSON.stringify(card).includes('"value":"Falls service recommissioned."'), 'not put in an input');

    const { verb, data } = submitFrom(card, { rag: 'amber', update: 'Falls clinics opened in two more wards.', kpi_strength: '44', ragReason: 'Clinic staffing is not yet secure.' });
    const answer = await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data));
    assert.equal(answer.status, 200);
    assert.equal(answer.body.type, 'application/vnd.microsoft.card.adaptive');
    assert.deepEqual(validateCard(answer.body.value), []);
    const receipt = cardText(answer.body.value);
    assert.match(receipt, /Check-in received for 2026-Q3/);
    assert.match(receipt, /▲ Amber/);
    assert.match(receipt, /Alex Wilber/);
    assert.match(receipt, /Edit answer/);

    bot.connector.reset();
    await bot.post(message(ALEX, bot.serviceUrl, 'status We will reduce the number of falls for people aged 65+'));
    const status = bot.connector.lastCard();
    assert.deepEqual(validateCard(status), []);
    const statusText = cardText(status);
    assert.match(statusText, /RAG now\n▲ Amber/);
    assert.match(statusText, /Falls clinics opened in two more wards\./);
    assert.match(statusText, /44 \(2026-Q3\)/);
    assert.match(statusText, /↗ improved/);
  });

  it('an update holding U+2028 / U+2029 (pasted from a web page) gets a receipt, and status shows it exactly', async () => {
    const update = 'Clinics opened.\u2028Two more wards next.\u2029Staff trained.';
    const card = await checkinCard(ALEX);
    const { verb, data } = submitFrom(card, { rag: 'amber', update, ragReason: 'Staffing.' });
    const answer = await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data));
    assert.equal(answer.status, 200);
    assert.match(cardText(answer.body.value), /Check-in received for 2026-Q3/);
    assert.equal((await bot.app.deps.checkIns.get('test-board-2025-28', '19', '2026-Q3'))?.update, update);

    bot.connector.reset();
    await bot.post(message(ALEX, bot.serviceUrl, 'status We will reduce the number of falls for people aged 65+'));
    assert.ok(cardText(bot.connector.lastCard()).includes(update), 'the status card shows the update as typed');
  });

  it('the same submit sent twice (a Teams retry) leaves one record', async () => {
    const card = await checkinCard(ALEX);
    const { verb, data } = submitFrom(card, { rag: 'amber', update: 'Once only.', ragReason: 'Staffing.' });
    const first = await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data));
    const second = await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data));
    assert.match(cardText(first.body.value), /Version\n1/);
    assert.match(cardText(second.body.value), /Version\n1/);
    const versions = await bot.app.deps.checkIns.versions('test-board-2025-28', '19', '2026-Q3');
    assert.equal(versions.length, 1);
    assert.equal(versions[0]!.update, 'Once only.');
  });

  it('invalid input comes back on the card with messages, and nothing is stored', async () => {
    const card = await checkinCard(ALEX);
    const { verb, data } = submitFrom(card, { rag: 'purple', update: '   ', kpi_strength: 'forty' });
    const answer = await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, data));
    const text = cardText(answer.body.value);
    assert.match(text, /Nothing was saved: 3 answers need fixing/);
    assert.match(text, /The rating must be Red, Amber or Green\./);
    assert.match(text, /Write a progress update\./);
    assert.match(text, /enter a number/);
    assert.deepEqual(validateCard(answer.body.value), []);
    assert.equal(await bot.app.deps.checkIns.get('test-board-2025-28', '19', '2026-Q3'), undefined);
  });

  it('edit keeps the previous version, and a stale editor is told the answer changed', async () => {
    const card = await checkinCard(ALEX);
    const first = submitFrom(card, { rag: 'amber', update: 'First answer.', ragReason: 'Staffing.' });
    const receipt = (await bot.invoke(cardAction(ALEX, bot.serviceUrl, first.verb, first.data))).body.value as Record<string, unknown>;
    const edit = submitFrom(receipt, {});
    const editCard = (await bot.invoke(cardAction(ALEX, bot.serviceUrl, edit.verb, edit.data))).body.value as Record<string, unknown>;
    assert.match(cardText(editCard), /You are editing the answer given by Alex Wilber \(version 1\)/);
    // Adele (deputy) opens the same edit card before Alex saves.
    const adeleCard = (await bot.invoke(cardAction(ADELE, bot.serviceUrl, edit.verb, edit.data))).body.value as Record<string, unknown>;
    const second = submitFrom(editCard, { rag: 'red', update: 'Second answer.', ragReason: 'Service paused.' });
    assert.match(cardText((await bot.invoke(cardAction(ALEX, bot.serviceUrl, second.verb, second.data))).body.value), /Version\n2/);
    const late = submitFrom(adeleCard, { rag: 'green', update: 'Adele overwrites?' });
    const lateAnswer = cardText((await bot.invoke(cardAction(ADELE, bot.serviceUrl, late.verb, late.data))).body.value);
    assert.match(lateAnswer, /This answer was changed by Alex Wilber/);
    const versions = await bot.app.deps.checkIns.versions('test-board-2025-28', '19', '2026-Q3');
    assert.deepEqual(versions.map((v) => [v.version, v.rag, v.update]), [
      [1, 'amber', 'First answer.'],
      [2, 'red', 'Second answer.'],
    ]);
  });

  it('a lead choosing Red where the KPIs suggest Green is asked why; the reason shows in status', async () => {
    const card = await checkinCard(ALEX);
    assert.match(cardText(card), /The KPIs suggest ✔ Green: Emergency admissions due to falls, 65\+: 1980 is on track for 1900/);
    const first = submitFrom(card, { rag: 'red', update: 'Winter pressures.' });
    const asked = cardText((await bot.invoke(cardAction(ALEX, bot.serviceUrl, first.verb, first.data))).body.value);
    assert.match(asked, /The KPIs suggest Green\. You chose Red: say in one line why\./);
    assert.equal(await bot.app.deps.checkIns.get('test-board-2025-28', '19', '2026-Q3'), undefined);
    const second = submitFrom(card, { rag: 'red', update: 'Winter pressures.', ragReason: 'Admissions data lags; wards report a sharp rise since September.' });
    assert.match(cardText((await bot.invoke(cardAction(ALEX, bot.serviceUrl, second.verb, second.data))).body.value), /● Red/);
    bot.connector.reset();
    await bot.post(message(ALEX, bot.serviceUrl, 'status 19'));
    assert.match(cardText(bot.connector.lastCard()), /Why this rating differs from what the KPIs suggest\nAdmissions data lags; wards report a sharp rise since September\./);
    // A reading typed on the card counts: 2150 is worse than baseline, so Red needs no reason.
    const edit = await checkinCard(ALEX);
    const third = submitFrom(edit, { rag: 'red', update: 'Worse.', ragReason: '', 'kpi_falls-admissions': '2150' });
    assert.match(cardText((await bot.invoke(cardAction(ALEX, bot.serviceUrl, third.verb, third.data))).body.value), /Version\n2/);
  });

  it('status shows a KPI trend chart that Teams draws, with a text fallback', async () => {
    await bot.post(message(ALEX, bot.serviceUrl, 'status 19'));
    const status = bot.connector.lastCard();
    const body = status.body as Record<string, any>[];
    const at = body.findIndex((e) => e.type === 'Chart.Line');
    const chart = body[at];
    assert.ok(chart, 'a Chart.Line element');
    assert.deepEqual(chart.data[0].values, [{ x: '2022/23', y: 2100 }, { x: '2024/25', y: 1980 }]);
    // Titled with its KPI and unit in text every client draws, right above the chart.
    assert.equal(cardText(body[at - 1]), 'Trend: Emergency admissions due to falls, 65+ (per 100,000)');
    assert.match(cardText(chart.fallback), /^2022\/23: 2100 → 2024\/25: 1980 per 100,000$/);
    assert.deepEqual(validateCard(status), []);
  });

  it('a deputy answering is recorded on behalf of the lead', async () => {
    const card = await checkinCard(ADELE, 'checkin falls');
    assert.match(cardText(card), /Adele Vance, on behalf of Alex Wilber/);
    const { verb, data } = submitFrom(card, { rag: 'green', update: 'Covered for Alex.' });
    const receipt = cardText((await bot.invoke(cardAction(ADELE, bot.serviceUrl, verb, data))).body.value);
    assert.match(receipt, /Adele Vance on behalf of Alex Wilber/);
    const saved = await bot.app.deps.checkIns.get('test-board-2025-28', '19', '2026-Q3');
    assert.equal(saved?.submittedBy, 'adele-vance');
    assert.equal(saved?.onBehalfOf, 'alex-wilber');
  });

  it('a lead of several priorities is asked which one first', async () => {
    const pick = await checkinCard(MEGAN);
    assert.match(cardText(pick), /more than one priority/);
    const action = allActions(pick).find((a) => String(a.title).startsWith('9.'))!;
    const opened = await bot.invoke(cardAction(MEGAN, bot.serviceUrl, String(action.verb), action.data as Record<string, unknown>));
    assert.match(cardText(opened.body.value), /Check-in for 2026-Q3\n9\. We will take action to reduce levels of unhealthy weight/);
  });

  it('someone who leads nothing is told so on checkin', async () => {
    const card = await checkinCard(GRACE);
    assert.match(cardText(card), /You do not lead a priority/);
  });

  it('a forged submit for Alex\'s priority from a non-lead is refused and stores nothing', async () => {
    const card = await checkinCard(ALEX);
    const { verb, data } = submitFrom(card, { rag: 'red', update: 'Forged by Grace.' });
    for (const user of [GRACE, MEGAN]) {
      const answer = await bot.invoke(cardAction(user, bot.serviceUrl, verb, { ...data, submissionId: `forged-${user.name.length}-aaaaaaaa` }));
      assert.equal(answer.status, 200);
      assert.match(cardText(answer.body.value), /You are not the lead or deputy for 19\. We will reduce the number of falls/);
    }
    // Unknown sender entirely (not in the people list).
    const stranger = await bot.invoke(cardAction({ id: '29:x', name: 'Mallory', aadObjectId: '99999999-0000-0000-0000-000000000000' }, bot.serviceUrl, verb, data));
    assert.match(cardText(stranger.body.value), /Not one of your priorities/);
    assert.equal(await bot.app.deps.checkIns.get('test-board-2025-28', '19', '2026-Q3'), undefined);
  });

  it('a card from a closed period is refused with the current period named', async () => {
    const card = await checkinCard(ALEX);
    const { verb, data } = submitFrom(card, { rag: 'green', update: 'Old card.' });
    const answer = await bot.invoke(cardAction(ALEX, bot.serviceUrl, verb, { ...data, period: '2026-Q1' }));
    assert.match(cardText(answer.body.value), /The card was for 2026-Q1, which no longer takes answers.*The current period is 2026-Q3/s);
    assert.equal(await bot.app.deps.checkIns.get('test-board-2025-28', '19', '2026-Q1'), undefined);
  });

  it('status finds priorities by number or words, and unknown text gets help, never silence', async () => {
    await bot.post(message(ALEX, bot.serviceUrl, 'status 19'));
    assert.match(cardText(bot.connector.lastCard()), /19\. We will reduce the number of falls/);
    await bot.post(message(ALEX, bot.serviceUrl, 'status healthy weight'));
    assert.match(cardText(bot.connector.lastCard()), /W2\. Healthy Weight[\s\S]*Excess weight, Year 6/);
    await bot.post(message(ALEX, bot.serviceUrl, 'status zebra crossings'));
    assert.match(cardText(bot.connector.lastCard()), /Nothing matches "zebra crossings"/);
    await bot.post(message(ALEX, bot.serviceUrl, 'what is this'));
    assert.match(cardText(bot.connector.lastCard()), /I did not understand "what is this"/);
    await bot.post(message(ALEX, bot.serviceUrl, 'help'));
    assert.match(cardText(bot.connector.lastCard()), /checkin \[priority\]/);
  });

  it('people are matched by email from the connector when the object id is unknown', async () => {
    bot.connector.members.set('29:megan-2', { id: '29:megan-2', name: 'Megan Bowen', email: 'MeganB@example.com' });
    await bot.post(message({ id: '29:megan-2', name: 'Megan Bowen' }, bot.serviceUrl, 'checkin 9'));
    assert.match(cardText(bot.connector.lastCard()), /Check-in for 2026-Q3\n9\./);
  });
});

import { strict as assert } from 'node:assert';
import { cleanText, validateCheckInAnswer } from '../../src/domain/check-in';
import { findPriorities } from '../../src/domain/priority-lookup';
import { matchPerson } from '../../src/domain/person';
import type { Priority } from '../../src/domain/strategy';
import type { Kpi } from '../../src/domain/kpi';
import { aKpi } from './builders';

const priority = { kpis: [{ ...aKpi().build(), key: 'mmr2', name: 'MMR 2 doses at 5 years' }] };

describe('validating a check-in answer', () => {
  it('accepts a good answer, trims it and drops empty optional fields', () => {
    const r = validateCheckInAnswer({ rag: 'Amber', update: '  Done.  ', nextSteps: '', kpi_mmr2: '95.5', plus_smi: 'Reached 40' }, priority, ['smi']);
    assert.ok(r.ok);
    assert.deepEqual(r.value, { rag: 'amber', update: 'Done.', nextSteps: undefined, risks: undefined, escalation: undefined, plusGroups: { smi: 'Reached 40' }, kpiReadings: { mmr2: 95.5 } });
  });

  it('names every problem, keeps what was typed, and strips control characters', () => {
    const r = validateCheckInAnswer({ rag: 'purple', update: '\u0007  ', kpi_mmr2: 'twelve', risks: 'x'.repeat(2001) }, priority, []);
    assert.ok(!r.ok);
    assert.deepEqual(Object.keys(r.errors).sort(), ['kpi_mmr2', 'rag', 'risks', 'update']);
    assert.match(r.errors.kpi_mmr2!, /^MMR 2 doses at 5 years: enter a number/);
    assert.match(r.errors.risks!, /2001 characters; the limit is 2000/);
    assert.equal(r.values.kpi_mmr2, 'twelve');
  });

  it('strips the noncharacters U+FFFE / U+FFFF and lone surrogates, keeping emoji, tabs and line breaks', () => {
    assert.equal(cleanText('a\uFFFEb\uFFFFc\uD800d\uDFFFe 😀\tf\ng\u2028h'), 'abcde 😀\tf\ng\u2028h');
  });

  it('accepts 45%, 0 and 12.5 as numbers; refuses 1e5 and 12.5.6', () => {
    for (const [typed, value] of [['45%', 45], ['0', 0], ['12.5', 12.5], [' 45 % ', 45]] as const) {
      const r = validateCheckInAnswer({ rag: 'green', update: 'u', kpi_mmr2: typed }, priority, []);
      assert.ok(r.ok && r.value.kpiReadings.mmr2 === value, typed);
    }
    for (const typed of ['1e5', '12.5.6', 'Infinity']) assert.equal(validateCheckInAnswer({ rag: 'green', update: 'u', kpi_mmr2: typed }, priority, []).ok, false, typed);
  });
  it('a rating other than the suggested one needs a one-line reason', () => {
    const suggest = () => 'green' as const;
    const r = validateCheckInAnswer({ rag: 'red', update: 'u' }, priority, [], suggest);
    assert.ok(!r.ok && /The KPIs suggest Green\. You chose Red/.test(r.errors.ragReason!));
    const ok = validateCheckInAnswer({ rag: 'red', update: 'u', ragReason: 'Data lags.' }, priority, [], suggest);
    assert.ok(ok.ok && ok.value.ragReason === 'Data lags.');
  });
});

describe('an update the same as last period\'s', () => {
  const previous = { period: '2026-Q2', update: 'Falls service recommissioned.\nWaiting list cleared.' };

  it('needs the "No change since last period" tick: word for word, whatever the spacing and line breaks', () => {
    const r = validateCheckInAnswer({ rag: 'green', update: '  Falls service   recommissioned. Waiting list cleared. ' }, priority, [], undefined, previous);
    assert.ok(!r.ok);
    assert.deepEqual(Object.keys(r.errors), ['noChange']);
    assert.match(r.errors.noChange!, /^This update is the 2026-Q2 update word for word\. If nothing has changed, tick "No change since last period"/);
  });

  it('ticked, is accepted and marked; a changed update needs no tick, and a tick beside one is refused', () => {
    const same = validateCheckInAnswer({ rag: 'green', update: previous.update, noChange: 'true' }, priority, [], undefined, previous);
    assert.ok(same.ok);
    assert.equal(same.value.noChange, true);
    const changed = validateCheckInAnswer({ rag: 'green', update: 'Falls clinics opened.', noChange: 'false' }, priority, [], undefined, previous);
    assert.ok(changed.ok);
    assert.equal(changed.value.noChange, undefined);
    const contradicted = validateCheckInAnswer({ rag: 'green', update: 'Falls clinics opened.', noChange: 'true' }, priority, [], undefined, previous);
    assert.ok(!contradicted.ok);
    assert.match(contradicted.errors.noChange!, /but the update differs from the 2026-Q2 one/);
  });

  it('with no last answer, a tick means nothing and is not stored', () => {
    const r = validateCheckInAnswer({ rag: 'green', update: 'Done.', noChange: 'true' }, priority, []);
    assert.ok(r.ok);
    assert.equal(r.value.noChange, undefined);
  });
});

describe('KPI readings', () => {
  const withKpi = (kpi: Kpi) => ({ kpis: [kpi] });
  const percent = withKpi({ ...aKpi().build(), key: 'mmr2', name: 'MMR 2 doses at 5 years', unit: '%' });
  const rate = withKpi({ ...aKpi().lowIsGood().build(), key: 'falls', name: 'Falls admissions', unit: 'per 100,000' });
  const read = (p: { kpis: Kpi[] }, typed: string) => validateCheckInAnswer({ rag: 'green', update: 'u', [`kpi_${p.kpis[0]!.key}`]: typed }, p, []);
  const accepted = (p: { kpis: Kpi[] }, typed: string, value: number) => {
    const r = read(p, typed);
    assert.ok(r.ok, `${typed}: ${JSON.stringify(!r.ok && r.errors)}`);
    assert.equal(r.value.kpiReadings[p.kpis[0]!.key], value, typed);
  };
  const refused = (p: { kpis: Kpi[] }, typed: string, message: RegExp) => {
    const r = read(p, typed);
    assert.ok(!r.ok, `${typed} was accepted`);
    assert.deepEqual(Object.keys(r.errors), [`kpi_${p.kpis[0]!.key}`], typed);
    assert.match(r.errors[`kpi_${p.kpis[0]!.key}`]!, message, typed);
    assert.deepEqual(r.readings, {}, `${typed}: nothing read`);
  };

  it('a percentage is 0 to 100: -5 % and 250 % are refused, naming the range', () => {
    refused(percent, '-5%', /^MMR 2 doses at 5 years: enter a reading from 0 to 100 \(%\)/);
    refused(percent, '250%', /from 0 to 100/);
    refused(percent, '100.1', /from 0 to 100/);
    accepted(percent, '100%', 100);
    accepted(percent, '0', 0);
  });

  it('"per cent" and "percent" units are percentages too; a rate or count is 0 or more, with no upper bound', () => {
    refused(withKpi({ ...aKpi().build(), unit: 'per cent of adults' }), '101', /from 0 to 100/);
    refused(withKpi({ ...aKpi().build(), unit: 'percent' }), '101', /from 0 to 100/);
    refused(rate, '-1', /^Falls admissions: enter a reading 0 or more \(per 100,000\)/);
    refused(withKpi({ ...aKpi().build(), unit: 'count' }), '-3', /0 or more/);
    accepted(rate, '123,456.5', 123456.5);
  });

  it('an indicator\'s own min and max replace the unit\'s range', () => {
    const change = withKpi({ ...aKpi().build(), unit: 'percentage points', min: -10, max: 10 });
    accepted(change, '-5', -5);
    refused(change, '-10.5', /from -10 to 10/);
    refused(withKpi({ ...aKpi().build(), unit: 'score', max: 24 }), '25', /from 0 to 24 \(score\)/);
  });

  it('thousands separators only in groups of three; one decimal point', () => {
    accepted(rate, '1,234', 1234);
    accepted(rate, '12,345.6', 12345.6);
    accepted(rate, '1234567', 1234567);
    for (const typed of ['1,2,3,4', '12,34', '1,2345', ',123', '1,234,', '1.234,5', '1..2', '.5', '5.', '1 234', '0x10', '+5']) refused(rate, typed, /enter a number/);
  });

  it('a number longer than a double holds exactly (a 309-digit one read as 1e+308) is refused', () => {
    refused(rate, '9'.repeat(309), /enter a number/);
    refused(rate, '1'.repeat(16), /enter a number/);
    accepted(rate, '1'.repeat(15), 111111111111111);
    accepted(rate, '0.000001', 0.000001);
  });
});

describe('finding priorities and people', () => {
  const p = (key: string, title: string, status: Priority['status'] = 'active'): Priority => ({ strategyKey: 's', key, number: key, title, themeKey: 't', kind: 'priority', status, contacts: [], frequency: 'quarterly', kpis: [], leads: [], deputies: [] });
  const all = [p('9', 'We will take action to reduce levels of unhealthy weight across all ages.'), p('W2', 'Healthy Weight'), p('19', 'We will reduce the number of falls for people aged 65+'), p('W4', 'Healthy Weight pilot', 'proposed')];

  it('by number, key or strategy/key; by words; a phrase beats loose words', () => {
    assert.deepEqual(findPriorities(all, '19').matches.map((x) => x.key), ['19']);
    assert.deepEqual(findPriorities(all, 's/w2').matches.map((x) => x.key), ['W2']);
    assert.deepEqual(findPriorities(all, 'FALLS').matches.map((x) => x.key), ['19']);
    assert.deepEqual(findPriorities(all, 'healthy weight').matches.map((x) => x.key), ['W2', 'W4']);
    assert.deepEqual(findPriorities(all, 'zebra').matches, []);
    assert.deepEqual(findPriorities(all, '').matches, []);
  });

  it('people by Entra object id first, then by email, ignoring case', () => {
    const people = [{ id: 'a', name: 'A', aadObjectId: 'ABC', email: 'a@x.org', boardManager: false }, { id: 'b', name: 'B', email: 'b@x.org', boardManager: false }];
    assert.equal(matchPerson(people, { aadObjectId: 'abc' })?.id, 'a');
    assert.equal(matchPerson(people, { aadObjectId: 'zzz', email: 'B@X.ORG' })?.id, 'b');
    assert.equal(matchPerson(people, { aadObjectId: 'abc', email: 'b@x.org' })?.id, 'a');
    assert.equal(matchPerson(people, { email: 'c@x.org' }), undefined);
  });
});

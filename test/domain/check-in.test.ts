import { strict as assert } from 'node:assert';
import { cleanText, validateCheckInAnswer } from '../../src/domain/check-in';
import { findPriorities } from '../../src/domain/priority-lookup';
import { matchPerson } from '../../src/domain/person';
import type { Priority } from '../../src/domain/strategy';
import { aKpi } from './builders';

const priority = { kpis: [{ ...aKpi().build(), key: 'mmr2', name: 'MMR 2 doses at 5 years' }] };

describe('validating a check-in answer', () => {
  it('accepts a good answer, trims it and drops empty optional fields', () => {
    const r = validateCheckInAnswer({ rag: 'Amber', update: '  Done.  ', nextSteps: '', kpi_mmr2: '1,234.5', plus_smi: 'Reached 40' }, priority, ['smi']);
    assert.ok(r.ok);
    assert.deepEqual(r.value, { rag: 'amber', update: 'Done.', nextSteps: undefined, risks: undefined, escalation: undefined, plusGroups: { smi: 'Reached 40' }, kpiReadings: { mmr2: 1234.5 } });
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

  it('accepts 45%, -3 and 12.5 as numbers; refuses 1e5 and 12.5.6', () => {
    for (const [typed, value] of [['45%', 45], ['-3', -3], ['12.5', 12.5]] as const) {
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

import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { countDirections, directionOfTravel } from '../../src/domain/kpi';
import { judgeKpi, suggestRag } from '../../src/domain/suggested-rag';
import { aKpi } from './builders';

describe('direction of travel against baseline', () => {
  it('high is good: up is improved, down is worsened', () => {
    assert.equal(directionOfTravel(aKpi().baseline(50).latest(60).build()), 'improved');
    assert.equal(directionOfTravel(aKpi().baseline(50).latest(40).build()), 'worsened');
  });

  it('low is good: down is improved, up is worsened', () => {
    assert.equal(directionOfTravel(aKpi().lowIsGood().baseline(2100).latest(1980).build()), 'improved');
    assert.equal(directionOfTravel(aKpi().lowIsGood().baseline(2100).latest(2200).build()), 'worsened');
  });

  it('equal values are the same, in either polarity', () => {
    assert.equal(directionOfTravel(aKpi().baseline(12.5).latest(12.5).build()), 'same');
    assert.equal(directionOfTravel(aKpi().lowIsGood().baseline(12.5).latest(12.5).build()), 'same');
  });

  it('the latest reading counts, not the first', () => {
    assert.equal(directionOfTravel(aKpi().baseline(50).latest(40).latest(55).build()), 'improved');
  });

  it('a definition change or a data-quality flag makes it not comparable, whatever the numbers', () => {
    assert.equal(directionOfTravel(aKpi().baseline(50).latest(90).flagged('definitionChanged', 'New definition from 2015').build()), 'notComparable');
    assert.equal(directionOfTravel(aKpi().baseline(50).latest(10).flagged('dataQuality', 'Coding changed').build()), 'notComparable');
  });

  it('a revised baseline alone keeps it comparable', () => {
    assert.equal(directionOfTravel(aKpi().baseline(50).latest(60).flagged('revisedBaseline', 'Rebased to 2014').build()), 'improved');
  });

  it('no reading yet: no direction, and not counted', () => {
    assert.equal(directionOfTravel(aKpi().build()), undefined);
    assert.deepEqual(countDirections([aKpi().build(), aKpi().latest(60).build(), aKpi().latest(50).build(), aKpi().latest(1).flagged('dataQuality', 'x').build()]), { improved: 1, same: 1, worsened: 0, notComparable: 1 });
  });

  it('property: swapping polarity swaps improved and worsened, and leaves same alone', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (base, latest) => {
        const high = directionOfTravel(aKpi().baseline(base).latest(latest).build());
        const low = directionOfTravel(aKpi().lowIsGood().baseline(base).latest(latest).build());
        const swap = { improved: 'worsened', worsened: 'improved', same: 'same' } as const;
        assert.equal(low, swap[high as 'improved' | 'worsened' | 'same']);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the RAG that KPIs suggest', () => {
  it('green when the target is met or the trajectory is kept; amber behind it; red no better than baseline', () => {
    assert.equal(judgeKpi(aKpi().baseline(69).latest(96).target(95).build())?.rag, 'green');
    // Baseline 2022/23 (2023.0) to 95 by 2027 (2027.5); 2024/25 (2025.0) expects 69 + 26 × 2/4.5 ≈ 80.6.
    assert.equal(judgeKpi(aKpi().baseline(69).latest(82).target(95, '2027').build())?.rag, 'green');
    assert.equal(judgeKpi(aKpi().baseline(69).latest(75).target(95, '2027').build())?.rag, 'amber');
    assert.equal(judgeKpi(aKpi().baseline(69).latest(69).target(95, '2027').build())?.rag, 'red');
    assert.equal(judgeKpi(aKpi().baseline(69).latest(60).target(95).build())?.rag, 'red');
  });

  it('says nothing without a target, a reading, or comparable data; the worst KPI decides', () => {
    assert.equal(judgeKpi(aKpi().latest(60).build()), undefined);
    assert.equal(judgeKpi(aKpi().target(95).build()), undefined);
    assert.equal(judgeKpi(aKpi().latest(96).target(95).flagged('dataQuality', 'x').build()), undefined);
    assert.equal(suggestRag([]), undefined);
    assert.equal(suggestRag([aKpi().latest(96).target(95).build(), aKpi().baseline(50).latest(40).target(95).build()])?.rag, 'red');
  });
});

import { strict as assert } from 'node:assert';
import { MAX_SECTIONS, submitProjectCheckIns } from '../../src/app/project-check-in';
import type { CheckInSubmit } from '../../src/app/check-in-form';
import type { DomainError } from '../../src/domain/errors';
import { projectUnitKey } from '../../src/domain/project';
import { aPerson, aPriority, aStrategy } from '../domain/builders';
import { inMemoryApp } from './in-memory-app';

/** The projects' card holds at most MAX_SECTIONS sections: the Teams handler keeps one more, so too many is refused, never cut. */
describe('projects card: the number of sections', () => {
  const lead = aPerson('lead').named('Lena Lead').build();
  const workstream = Array.from({ length: MAX_SECTIONS + 1 }, (_, i) => i + 1).reduce((b, n) => b.withProject(`p${n}`, `Project ${n}`), aPriority('W').ledBy('lead')).build();
  const sections = (n: number, inputs: Record<string, unknown> = {}): CheckInSubmit[] =>
    Array.from({ length: n }, (_, i) => ({ unit: `s/${projectUnitKey('W', `p${i + 1}`)}`, period: '2026-Q3', baseVersion: 0, submissionId: `sub-${String(i).padStart(8, '0')}`, inputs }));
  const app = () => inMemoryApp({ now: '2026-10-05T09:00:00Z', strategies: [aStrategy().build()], priorities: [workstream], people: [lead] });

  it(`${MAX_SECTIONS} sections, the most a card holds, are taken`, async () => {
    const { deps } = await app();
    const result = await submitProjectCheckIns(deps, { aadObjectId: lead.aadObjectId! }, 's/W', sections(MAX_SECTIONS));
    assert.equal(result.kind, 'form');
    assert.equal(result.kind === 'form' && result.view.sections.length, MAX_SECTIONS);
  });

  it(`${MAX_SECTIONS + 1} sections are refused, and nothing is saved`, async () => {
    const { deps, stores } = await app();
    await assert.rejects(submitProjectCheckIns(deps, { aadObjectId: lead.aadObjectId! }, 's/W', sections(MAX_SECTIONS + 1, { rag: 'green', update: 'On track.' })), (e: DomainError) => e.code === 'PROJECT_NOT_FOUND');
    assert.deepEqual(await stores.checkIns.versions('s', projectUnitKey('W', 'p1'), '2026-Q3'), []);
  });
});

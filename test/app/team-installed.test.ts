import { strict as assert } from 'node:assert';
import { teamInstalled } from '../../src/app/board-channel';
import { aPerson, aPriority, aStrategy } from '../domain/builders';
import { inMemoryApp } from './in-memory-app';

/** The app added to a team: the use case decides between the board's channel, a welcome, or nothing new. */
describe('the app added to a team', () => {
  const manager = aPerson('boss').named('Bea Boss').manager().build();
  const lead = aPerson('lead').named('Lena Lead').build();
  const app = () => inMemoryApp({ now: '2026-10-05T09:00:00Z', strategies: [aStrategy().build()], priorities: [aPriority('1').build()], people: [manager, lead] });
  const claim = { channelId: '19:board@thread.tacv2', reference: { conversation: { id: '19:board@thread.tacv2' } } };

  it('by someone who manages no board: a welcome, and no channel is set', async () => {
    const { deps: base, stores, notifier } = await app();
    const deps = { ...base, notifier };
    assert.deepEqual(await teamInstalled(deps, { aadObjectId: lead.aadObjectId! }, claim), { kind: 'welcome' });
    assert.deepEqual((await stores.conversations.list()).filter((c) => c.key.startsWith('board-channel:')), []);
  });

  it("by a board's manager: the channel becomes the board's; installed there again, there is nothing new to say", async () => {
    const { deps: base, notifier } = await app();
    const deps = { ...base, notifier };
    const first = await teamInstalled(deps, { aadObjectId: manager.aadObjectId! }, claim);
    assert.equal(first.kind, 'registered');
    assert.deepEqual(await teamInstalled(deps, { aadObjectId: manager.aadObjectId! }, claim), { kind: 'nothing-new' });
  });
});

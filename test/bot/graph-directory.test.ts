import { strict as assert } from 'node:assert';
import type { TokenCredential } from '@azure/identity';
import { GraphDirectory } from '../../src/bot/graph-directory';
import { GraphStandIn } from '../support/graph-stand-in';

const PRIYA = '6f1c2d3e-4b5a-4c6d-8e7f-90a1b2c3d4e5';
const GUEST = '0a1b2c3d-4e5f-4a6b-9c8d-7e6f5a4b3c2d';
const credential: TokenCredential = { getToken: () => Promise.resolve({ token: 'graph-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

describe('Graph directory: who a people-picker id is (against a stand-in answering as Graph does, over HTTP)', () => {
  const graph = new GraphStandIn();
  let waited: number[];
  const directory = () => new GraphDirectory({ credential, baseUrl: graph.url, wait: (ms) => (waited.push(ms), Promise.resolve()) });
  before(async () => {
    await graph.start();
  });
  after(() => graph.stop());
  beforeEach(() => {
    waited = [];
    graph.users.clear();
    graph.users.set(PRIYA, { displayName: 'Priya Shah', mail: 'Priya.Shah@leicester.gov.uk', userPrincipalName: 'priya.shah@leicester.gov.uk', companyName: 'Leicester City Council', department: 'Public Health' });
    graph.users.set(GUEST, { displayName: 'Kay Darby (ICB)', userPrincipalName: 'kay.darby_example.org#EXT#@leicestercc.onmicrosoft.com' });
    graph.directoryConsent = true;
    graph.requests.length = 0;
    graph.throttle(0, 0);
    graph.outage(0);
  });

  it('found: asks for the user by id with the fields it needs, and returns them', async () => {
    assert.deepEqual(await directory().findUser(PRIYA), {
      kind: 'found',
      user: { aadObjectId: PRIYA, displayName: 'Priya Shah', mail: 'Priya.Shah@leicester.gov.uk', userPrincipalName: 'priya.shah@leicester.gov.uk', companyName: 'Leicester City Council', department: 'Public Health' },
    });
    assert.deepEqual(graph.requests, [{ method: 'GET', path: `/users/${PRIYA}?$select=id,displayName,mail,userPrincipalName,companyName,department` }]);
    assert.deepEqual(waited, []);
  });

  it('a guest: no mailbox and a #EXT# sign-in name come back as they are (null fields left out)', async () => {
    assert.deepEqual(await directory().findUser(GUEST), { kind: 'found', user: { aadObjectId: GUEST, displayName: 'Kay Darby (ICB)', userPrincipalName: 'kay.darby_example.org#EXT#@leicestercc.onmicrosoft.com' } });
  });

  it('404: nobody with that id is "missing", asked once', async () => {
    assert.deepEqual(await directory().findUser('00000000-0000-0000-0000-00000000dead'), { kind: 'missing' });
    assert.equal(graph.requests.length, 1);
  });

  it('429 then found: waits as long as Retry-After says, then finds them', async () => {
    graph.throttle(1, 1);
    const found = await directory().findUser(PRIYA);
    assert.equal(found.kind === 'found' ? found.user.displayName : found.kind, 'Priya Shah');
    assert.deepEqual(waited, [1000]);
    assert.equal(graph.requests.length, 2);
  });

  it('503 three times: three requests, short waits between, then "unavailable"', async () => {
    graph.outage(3);
    assert.deepEqual(await directory().findUser(PRIYA), { kind: 'unavailable' });
    assert.equal(graph.requests.length, 3);
    assert.deepEqual(waited, [250, 500]);
  });

  it('503 twice then found: the third request finds them', async () => {
    graph.outage(2);
    assert.equal((await directory().findUser(PRIYA)).kind, 'found');
    assert.equal(graph.requests.length, 3);
  });

  it('429 with a Retry-After longer than a card can wait: given up at once, saying when to try again', async () => {
    graph.throttle(1, 30);
    assert.deepEqual(await directory().findUser(PRIYA), { kind: 'unavailable', retryAfterSeconds: 30 });
    assert.deepEqual(waited, []);
    assert.equal(graph.requests.length, 1);
  });

  it('403 (no admin consent for User.Read.All): refused, with the permission named', async () => {
    graph.directoryConsent = false;
    const outcome = await directory().findUser(PRIYA);
    assert.match(outcome.kind === 'refused' ? outcome.reason : outcome.kind, /^Graph refused \(403\): admin consent for User\.Read\.All is missing \(Insufficient privileges/);
  });
});

import { strict as assert } from 'node:assert';
import type { TokenCredential } from '@azure/identity';
import { GraphAppInstaller } from '../../src/bot/graph-app-installer';
import { GraphStandIn } from '../support/graph-stand-in';

const MANIFEST_ID = 'ff29706a-017a-429e-9175-1c13509b6703';
const CATALOG_ID = 'e3e29acb-8c79-412b-b746-e6c39ff4cd22';
const KAY = '00000000-0000-0000-0000-0000000000099';

const credential: TokenCredential = { getToken: () => Promise.resolve({ token: 'graph-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

describe('Graph app installer (against a stand-in answering as Graph does)', () => {
  const graph = new GraphStandIn();
  let waited: number[];
  const installer = () => new GraphAppInstaller({ credential, teamsAppId: MANIFEST_ID, baseUrl: graph.url, wait: (ms) => (waited.push(ms), Promise.resolve()) });
  before(async () => {
    await graph.start();
  });
  after(() => graph.stop());
  beforeEach(() => {
    waited = [];
    graph.consent = true;
    graph.catalogue.clear();
    graph.catalogue.set(MANIFEST_ID, CATALOG_ID);
    graph.installed.clear();
    graph.requests.length = 0;
    graph.throttle(0, 0);
  });

  it('201: installs the catalogue app for the person and returns the personal chat id', async () => {
    assert.deepEqual(await installer().install(KAY), { kind: 'installed', already: false, chatId: `19:${KAY}_bot@unq.gbl.spaces` });
    const post = graph.requests.find((r) => r.method === 'POST');
    assert.deepEqual(post, { method: 'POST', path: `/users/${KAY}/teamwork/installedApps`, body: { 'teamsApp@odata.bind': `${graph.url}/appCatalogs/teamsApps/${CATALOG_ID}` } });
  });

  it('409: already installed is still a chat id', async () => {
    graph.installed.set(KAY, 'earlier-install');
    assert.deepEqual(await installer().install(KAY), { kind: 'installed', already: true, chatId: `19:${KAY}_bot@unq.gbl.spaces` });
  });

  it('403: no admin consent is refused with the permission named', async () => {
    graph.consent = false;
    const outcome = await installer().install(KAY);
    assert.equal(outcome.kind, 'refused');
    assert.match(outcome.kind === 'refused' ? outcome.reason : '', /^Graph refused \(403\): admin consent for TeamsAppInstallation\.ReadWriteSelfForUser\.All is missing/);
  });

  it('429: waits as long as Retry-After says, then installs', async () => {
    graph.throttle(2, 7);
    assert.equal((await installer().install(KAY)).kind, 'installed');
    assert.deepEqual(waited, [7000, 7000]);
  });

  it('429 beyond the retries: throttled, with when to try again, and nothing installed', async () => {
    graph.throttle(10, 30);
    assert.deepEqual(await installer().install(KAY), { kind: 'throttled', retryAfterSeconds: 30 });
    assert.equal(graph.installed.size, 0);
  });

  it('an app not in the organisation catalogue is refused, saying so', async () => {
    graph.catalogue.clear();
    const outcome = await installer().install(KAY);
    assert.match(outcome.kind === 'refused' ? outcome.reason : '', /the app ff29706a-017a-429e-9175-1c13509b6703 is not in the organisation's app catalogue/);
  });
});

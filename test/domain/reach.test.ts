import { strict as assert } from 'node:assert';
import { describeRoute, routeFor } from '../../src/domain/reach';

describe('reach: EMAIL=off', () => {
  it('someone with only an email address is not reached, and the reason says email is off', () => {
    const kay = { email: 'kay.darby@example.org' };
    assert.deepEqual(routeFor(kay, { graphConfigured: false }), { kind: 'email', address: 'kay.darby@example.org' });
    const off = routeFor(kay, { graphConfigured: false, emailOff: true });
    assert.equal(describeRoute(off), 'not reachable: not in the board team; Graph not configured; email is off (EMAIL=off)');
    // A Teams chat still wins, and someone with no address is still "no email address".
    assert.deepEqual(routeFor(kay, { graphConfigured: false, emailOff: true, chat: { origin: 'roster' } }), { kind: 'teams', origin: 'roster' });
    assert.match(describeRoute(routeFor({}, { graphConfigured: false, emailOff: true })), /no email address$/);
  });
});

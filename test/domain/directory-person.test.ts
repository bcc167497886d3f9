import { strict as assert } from 'node:assert';
import { personFromDirectory } from '../../src/domain/directory-person';

const ID = '6f1c2d3e-4b5a-4c6d-8e7f-90a1b2c3d4e5';

describe('what the board keeps of a directory entry', () => {
  it('a member: display name, mailbox and company', () => {
    assert.deepEqual(personFromDirectory({ aadObjectId: ID, displayName: 'Priya Shah', mail: 'priya.shah@leicester.gov.uk', userPrincipalName: 'pshah@leicester.gov.uk', companyName: 'Leicester City Council' }), { name: 'Priya Shah', email: 'priya.shah@leicester.gov.uk', organisation: 'Leicester City Council' });
  });

  it('a member with no mailbox: the sign-in name is their address', () => {
    assert.equal(personFromDirectory({ aadObjectId: ID, displayName: 'Priya Shah', userPrincipalName: 'priya.shah@leicester.gov.uk' }).email, 'priya.shah@leicester.gov.uk');
  });

  it('a guest with no mailbox: accepted, with no address (a #EXT# sign-in name is no mailbox)', () => {
    assert.deepEqual(personFromDirectory({ aadObjectId: ID, displayName: 'Kay Darby', userPrincipalName: 'kay.darby_example.org#EXT#@leicestercc.onmicrosoft.com' }), { name: 'Kay Darby' });
  });

  it('held to the card\'s checks: no control characters, one line, the name at most 120 characters and the organisation 160', () => {
    const out = personFromDirectory({ aadObjectId: ID, displayName: `  Priya\u0007 \n Shah${'x'.repeat(200)}`, mail: 'not an address', companyName: 'C'.repeat(300) });
    assert.equal(out.name.length, 120);
    assert.match(out.name, /^Priya Shahx+$/);
    assert.equal(out.email, undefined);
    assert.equal(out.organisation?.length, 160);
  });

  it('what the manager typed fills only what the directory lacks', () => {
    assert.deepEqual(personFromDirectory({ aadObjectId: ID, displayName: 'Priya Shah' }, { name: 'P. Shah', organisation: 'Public Health, Leicester City Council' }), { name: 'Priya Shah', organisation: 'Public Health, Leicester City Council' });
    assert.equal(personFromDirectory({ aadObjectId: ID, displayName: '  ' }, { name: 'Priya Shah' }).name, 'Priya Shah');
  });
});

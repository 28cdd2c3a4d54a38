import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DBT_USER_EXTENSION, addMembers, groupBody, licensed, startDbtFixture, userBody, type DbtFixture } from './fixtures/dbt-fixture.js';
import { ENTERPRISE, GROUP, USER } from './fixtures/reference-fixture.js';

// Off until a scenario turns it on: with SCIM off (the default, and after reset) the plain RFC server.

let f: DbtFixture;
beforeAll(async () => {
  f = await startDbtFixture();
});
afterAll(() => f.close());

async function expectPlainRfc() {
  // licenseType is an unknown attribute: ignored, not advertised
  const created = await f.request('POST', '/Users', { body: licensed('plain@example.com', 'nonsense') });
  expect(created.status).toBe(201);
  expect(created.body.schemas).toEqual([USER]);
  expect(created.body[DBT_USER_EXTENSION]).toBeUndefined();
  // userName need not be an email nor match emails
  expect((await f.request('POST', '/Users', { body: userBody('jdoe', { emails: [{ value: 'x@example.com' }] }) })).status).toBe(201);
  // userName is caseExact false: filters match any case, a case-only duplicate is 409
  expect((await f.request('GET', `/Users?filter=${encodeURIComponent('userName eq "PLAIN@example.com"')}`)).body.totalResults).toBe(1);
  expect((await f.request('POST', '/Users', { body: userBody('PLAIN@example.com') })).status).toBe(409);
  // no invitations: a group push with a new SCIM user succeeds
  const group = (await f.request('POST', '/Groups', { body: groupBody('Plain') })).body;
  expect((await f.request('PATCH', `/Groups/${group.id}`, { body: addMembers(created.body.id) })).status).toBe(204);
  // discovery as before
  expect((await f.request('GET', '/Schemas')).body.Resources.map((s: { id: string }) => s.id)).toEqual([USER, GROUP, ENTERPRISE]);
  expect((await f.request('GET', '/ResourceTypes/User')).body.schemaExtensions).toEqual([{ schema: ENTERPRISE, required: false }]);
  expect((await f.request('GET', `/Schemas/${DBT_USER_EXTENSION}`)).status).toBe(404);
}

describe('dbt mode off', () => {
  it('by default the server is the plain RFC server', async () => {
    await expectPlainRfc();
  });

  it('reset() returns to it: an empty account, settings and allowlist cleared', async () => {
    await f.control.applySettings!({ scimEnabled: true, manageLicensesWithScim: true });
    await f.control.setIpAllowlist!(['10.0.0.0/8']);
    await f.control.reset!();
    expect((await f.request('GET', '/Users')).body.totalResults).toBe(0);
    expect((await f.request('GET', '/Groups')).body.totalResults).toBe(0);
    await expectPlainRfc();
  });

  it('a pre-existing user is not adopted by a POST while SCIM is off (409 as the RFC server)', async () => {
    await f.control.reset!();
    await f.control.createUser!({ email: 'pre@example.com' });
    expect((await f.request('POST', '/Users', { body: userBody('pre@example.com') })).status).toBe(409);
    expect((await f.control.userState!('pre@example.com')).scimManaged).toBe(false);
  });

  it('turning SCIM off again hides the extension; data written meanwhile is kept', async () => {
    await f.control.reset!();
    await f.control.applySettings!({ scimEnabled: true });
    const { id } = (await f.request('POST', '/Users', { body: licensed('on@example.com', 'read_only') })).body;
    await f.control.applySettings!({ scimEnabled: false });
    const read = await f.request('GET', `/Users/${id}`);
    expect(read.body.schemas).toEqual([USER]);
    expect(read.body[DBT_USER_EXTENSION]).toBeUndefined();
    expect(await f.control.userState!('on@example.com')).toMatchObject({ scimManaged: true, license: 'developer' });
  });
});

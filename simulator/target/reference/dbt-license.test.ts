import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DBT_USER_EXTENSION, licensed, startDbtFixture, type DbtFixture } from './fixtures/dbt-fixture.js';
import { ENTERPRISE, ERROR, PATCH_OP, USER } from './fixtures/reference-fixture.js';

// Rule 1 (seed 002 "Add license type attribute"): the licenseType extension; rule 2: the effective license.

let f: DbtFixture;
beforeAll(async () => {
  f = await startDbtFixture();
});
afterAll(() => f.close());
beforeEach(() => f.dbtMode());

const license = async (email: string) => (await f.control.userState!(email)).license;

describe('dbt licenseType extension', () => {
  it('is accepted on POST and returned on GET', async () => {
    const created = await f.request('POST', '/Users', { body: licensed('ro@example.com', 'read_only') });
    expect(created.status).toBe(201);
    expect(created.body.schemas).toEqual([USER, DBT_USER_EXTENSION]);
    expect(created.body[DBT_USER_EXTENSION]).toEqual({ licenseType: 'read_only' });
    const read = await f.request('GET', `/Users/${created.body.id}`);
    expect(read.body[DBT_USER_EXTENSION]).toEqual({ licenseType: 'read_only' });
    const filtered = await f.request('GET', `/Users?filter=${encodeURIComponent(`${DBT_USER_EXTENSION}:licenseType eq "read_only"`)}`);
    expect(filtered.body.totalResults).toBe(1);
  });

  it('is replaced by PUT (Okta profile push) and patched by Entra\'s URN path and Okta\'s path-less value', async () => {
    const { id } = (await f.request('POST', '/Users', { body: licensed('dev@example.com', 'developer') })).body;
    const put = await f.request('PUT', `/Users/${id}`, { body: licensed('dev@example.com', 'it') });
    expect(put.status).toBe(200);
    expect(put.body[DBT_USER_EXTENSION]).toEqual({ licenseType: 'it' });
    const entra = await f.request('PATCH', `/Users/${id}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: `${DBT_USER_EXTENSION}:licenseType`, value: 'read_only' }] },
    });
    expect(entra.status).toBe(200);
    expect(entra.body[DBT_USER_EXTENSION]).toEqual({ licenseType: 'read_only' });
    const okta = await f.request('PATCH', `/Users/${id}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { [DBT_USER_EXTENSION]: { licenseType: 'developer' } } }] },
    });
    expect(okta.body[DBT_USER_EXTENSION]).toEqual({ licenseType: 'developer' });
    const removed = await f.request('PATCH', `/Users/${id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `${DBT_USER_EXTENSION}:licenseType` }] } });
    expect(removed.body[DBT_USER_EXTENSION]).toBeUndefined();
    expect(removed.body.schemas).toEqual([USER]);
  });

  it('refuses unknown values and other casings with 400 invalidValue, storing nothing', async () => {
    for (const value of ['Developer', 'admin', 'READ_ONLY']) {
      const reply = await f.request('POST', '/Users', { body: licensed('x@example.com', value) });
      expect(reply.status, value).toBe(400);
      expect(reply.body).toMatchObject({ schemas: [ERROR], scimType: 'invalidValue', detail: expect.stringContaining(value) });
    }
    expect((await f.control.userState!('x@example.com')).exists).toBe(false);
  });

  it('refuses analyst unless the account offers it: 400 "not available for this account", then accepted', async () => {
    const refused = await f.request('POST', '/Users', { body: licensed('an@example.com', 'analyst') });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toMatch(/license type 'analyst' is not available for this account/);
    const { id } = (await f.request('POST', '/Users', { body: licensed('an@example.com', 'developer') })).body;
    const patched = await f.request('PATCH', `/Users/${id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: `${DBT_USER_EXTENSION}:licenseType`, value: 'analyst' }] } });
    expect(patched.status).toBe(400);
    await f.control.applySettings!({ availableLicenses: ['developer', 'read_only', 'analyst', 'it'] });
    const ok = await f.request('PATCH', `/Users/${id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: `${DBT_USER_EXTENSION}:licenseType`, value: 'analyst' }] } });
    expect(ok.status).toBe(200);
    expect(ok.body[DBT_USER_EXTENSION]).toEqual({ licenseType: 'analyst' });
  });

  it('is advertised in /Schemas and /ResourceTypes while dbt mode is on, and userName becomes caseExact', async () => {
    const schemas = await f.request('GET', '/Schemas');
    expect(schemas.body.Resources.map((schema: { id: string }) => schema.id)).toEqual([USER, 'urn:ietf:params:scim:schemas:core:2.0:Group', ENTERPRISE, DBT_USER_EXTENSION]);
    const extension = await f.request('GET', `/Schemas/${DBT_USER_EXTENSION}`);
    expect(extension.body.attributes).toEqual([expect.objectContaining({ name: 'licenseType', type: 'string', caseExact: true, canonicalValues: ['developer', 'read_only', 'analyst', 'it'] })]);
    const userName = (await f.request('GET', `/Schemas/${USER}`)).body.attributes.find((a: { name: string }) => a.name === 'userName');
    expect(userName).toMatchObject({ caseExact: true, uniqueness: 'server' });
    const type = await f.request('GET', '/ResourceTypes/User');
    expect(type.body.schemaExtensions).toEqual([{ schema: ENTERPRISE, required: false }, { schema: DBT_USER_EXTENSION, required: false }]);
  });
});

describe('effective license (userState().license)', () => {
  it('toggle on: the SCIM licenseType decides, ignoring SSO mappings and a manual license', async () => {
    await f.dbtMode({ manageLicensesWithScim: true, ssoLicenseMappings: { developer: ['dbt_developers'] } });
    await f.request('POST', '/Users', { body: licensed('t@example.com', 'read_only') });
    await f.control.acceptInvitation!('t@example.com');
    await f.control.ssoLogin!('t@example.com', ['dbt_developers']);
    expect(await f.control.userState!('t@example.com')).toMatchObject({ license: 'read_only', licenseSource: 'scim' });
    const manual = await f.control.manualUpdateUser!('t@example.com', { license: 'it' });
    expect(manual.allowed).toBe(false);
    expect(await license('t@example.com')).toBe('read_only');
  });

  it('toggle off: an SSO mapping from the last sign-in decides, Developer first; otherwise Developer by default', async () => {
    await f.dbtMode({ ssoLicenseMappings: { developer: ['dbt_developers'], read_only: ['dbt_read_only'] } });
    await f.request('POST', '/Users', { body: licensed('o@example.com', 'it') });
    expect(await f.control.userState!('o@example.com')).toMatchObject({ license: 'it', licenseSource: 'scim' });
    await f.control.ssoLogin!('o@example.com', ['dbt_read_only']);
    expect(await license('o@example.com')).toBe('read_only');
    await f.control.ssoLogin!('o@example.com', ['dbt_read_only', 'dbt_developers']);
    expect(await license('o@example.com')).toBe('developer');
    await f.control.createUser!({ email: 'plain@example.com' });
    expect(await f.control.userState!('plain@example.com')).toMatchObject({ license: 'developer', licenseSource: 'newUserDefault' });
  });

  it('toggle off: a manual license when no mapping matches; the Member default group gives Developer', async () => {
    await f.control.reset!();
    await f.control.createUser!({ email: 'member@example.com' });
    expect(await f.control.userState!('member@example.com')).toMatchObject({ license: 'developer', licenseSource: 'memberDefault', groups: ['Member'] });
    await f.control.createUser!({ email: 'manual@example.com', license: 'read_only' });
    expect(await f.control.userState!('manual@example.com')).toMatchObject({ license: 'read_only', licenseSource: 'manual' });
  });
});

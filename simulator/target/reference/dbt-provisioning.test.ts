import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addMembers, groupBody, startDbtFixture, userBody, type DbtFixture } from './fixtures/dbt-fixture.js';
import { ERROR, PATCH_OP } from './fixtures/reference-fixture.js';

// Rules 4 (userName = email, email changes) and 5 (invitations, "All users must have licenses on the account").

let f: DbtFixture;
beforeAll(async () => {
  f = await startDbtFixture();
});
afterAll(() => f.close());
beforeEach(() => f.dbtMode());

describe('userName must be the email', () => {
  it('refuses a userName that is not an email, or differs from the email, with 400 and stores nothing', async () => {
    const cases: Array<[string, Record<string, unknown>]> = [
      ['not an email', userBody('jdoe')],
      ['different email', userBody('a@example.com', { emails: [{ value: 'b@example.com', type: 'work', primary: true }] })],
      ['no email', userBody('a@example.com', { emails: undefined })],
      ['primary differs', userBody('a@example.com', { emails: [{ value: 'a@example.com', type: 'work' }, { value: 'home@example.com', type: 'home', primary: true }] })],
    ];
    for (const [why, body] of cases) {
      const reply = await f.request('POST', '/Users', { body });
      expect(reply.status, why).toBe(400);
      expect(reply.body).toMatchObject({ schemas: [ERROR], status: '400', scimType: 'invalidValue', detail: expect.stringMatching(/userName|email/) });
    }
    expect((await f.request('GET', '/Users')).body.totalResults).toBe(0);
  });

  it('accepts the work email, or the only email, equal to userName (case-insensitively)', async () => {
    expect((await f.request('POST', '/Users', { body: userBody('w@example.com', { emails: [{ value: 'w@example.com', type: 'work' }, { value: 'x@home.com', type: 'home' }] }) })).status).toBe(201);
    expect((await f.request('POST', '/Users', { body: userBody('Only@Example.com', { emails: [{ value: 'only@example.com' }] }) })).status).toBe(201);
  });

  it('refuses a PUT that breaks the rule, leaving the user as it was', async () => {
    const { id } = (await f.request('POST', '/Users', { body: userBody('p@example.com') })).body;
    const reply = await f.request('PUT', `/Users/${id}`, { body: userBody('p@example.com', { emails: [{ value: 'other@example.com', primary: true }] }) });
    expect(reply.status).toBe(400);
    expect((await f.request('GET', `/Users/${id}`)).body.emails).toEqual([{ value: 'p@example.com', type: 'work', primary: true }]);
    const patch = await f.request('PATCH', `/Users/${id}`, { body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'userName', value: 'q@example.com' }] } });
    expect(patch.status).toBe(400);
    expect((await f.request('GET', `/Users/${id}`)).body.userName).toBe('p@example.com');
  });
});

describe('email changes wait for their confirmation', () => {
  it('GET shows what the IdP sent; userState keeps the old sign-in email with the pending one until confirmEmail', async () => {
    const { id } = (await f.request('POST', '/Users', { body: userBody('old@example.com') })).body;
    const changed = await f.request('PATCH', `/Users/${id}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'userName', value: 'new@example.com' }, { op: 'Replace', path: 'emails[type eq "work"].value', value: 'new@example.com' }] },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.userName).toBe('new@example.com');
    expect(await f.control.userState!('old@example.com')).toMatchObject({ email: 'old@example.com', pendingEmail: 'new@example.com' });
    expect(await f.control.userState!('new@example.com')).toMatchObject({ email: 'old@example.com', pendingEmail: 'new@example.com' });
    await expect(f.control.confirmEmail!('other@example.com')).rejects.toThrow(/no email change/);
    await f.control.confirmEmail!('new@example.com');
    const state = await f.control.userState!('new@example.com');
    expect(state).toMatchObject({ email: 'new@example.com' });
    expect(state.pendingEmail).toBeUndefined();
  });

  it('changing back before the confirmation drops the pending change', async () => {
    const { id } = (await f.request('POST', '/Users', { body: userBody('back@example.com') })).body;
    await f.request('PUT', `/Users/${id}`, { body: userBody('moved@example.com') });
    expect((await f.control.userState!('back@example.com')).pendingEmail).toBe('moved@example.com');
    await f.request('PUT', `/Users/${id}`, { body: userBody('back@example.com') });
    expect((await f.control.userState!('back@example.com')).pendingEmail).toBeUndefined();
  });
});

describe('invitations and group pushes', () => {
  it('a group push with a user who has not accepted fails with 400 "All users must have licenses on the account", nothing applied; after acceptance the retry succeeds', async () => {
    const invited = (await f.request('POST', '/Users', { body: userBody('invited@example.com') })).body;
    await f.control.createUser!({ email: 'member@example.com' });
    const memberId = (await f.request('GET', `/Users?filter=${encodeURIComponent('userName eq "member@example.com"')}`)).body.Resources[0].id;
    expect((await f.control.userState!('invited@example.com')).accepted).toBe(false);
    const group = (await f.request('POST', '/Groups', { body: groupBody('Push') })).body;

    const refused = await f.request('PATCH', `/Groups/${group.id}`, { body: addMembers(memberId, invited.id) });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ schemas: [ERROR], status: '400', detail: expect.stringContaining('All users must have licenses on the account') });
    expect(refused.body.detail).toContain('invited@example.com');
    expect((await f.control.groupState!('Push')).members).toEqual([]);

    const put = await f.request('PUT', `/Groups/${group.id}`, { body: groupBody('Push', [invited.id]) });
    expect(put.status).toBe(400);
    const post = await f.request('POST', '/Groups', { body: groupBody('Other', [invited.id]) });
    expect(post.status).toBe(400);
    expect((await f.control.groupState!('Other')).exists).toBe(false);

    await f.control.acceptInvitation!('invited@example.com');
    expect((await f.request('PATCH', `/Groups/${group.id}`, { body: addMembers(memberId, invited.id) })).status).toBe(204);
    expect((await f.control.groupState!('Push')).members).toEqual(['member@example.com', 'invited@example.com']);
  });

  it('invite() creates an invited user; acceptInvitation() licenses them', async () => {
    await f.dbtMode({ allowManualUpdates: true });
    await f.control.invite!('guest@example.com');
    expect(await f.control.userState!('guest@example.com')).toMatchObject({ exists: true, accepted: false });
    await f.control.acceptInvitation!('guest@example.com');
    expect((await f.control.userState!('guest@example.com')).accepted).toBe(true);
    await expect(f.control.acceptInvitation!('nobody@example.com')).rejects.toThrow(/no user/);
  });
});

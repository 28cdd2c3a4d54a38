import { afterEach, describe, expect, it } from 'vitest';
import { oktaFixture, TOKEN } from '../../idp/okta/fixtures/okta-fixture.js';
import { people } from '../../idp/okta/fixtures/okta-people.js';
import { DBT_USER_EXTENSION } from './dbt/schema.js';
import { startReferenceServer, type RunningReferenceServer } from './server.js';

// The simulated Okta against the reference server in dbt mode: its wire shapes meet the dbt rules.

let server: RunningReferenceServer | undefined;
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  await server?.close();
});

async function start() {
  server = await startReferenceServer({ port: 0, host: '127.0.0.1', tokens: [TOKEN] });
  await server.control.reset!();
  await server.control.applySettings!({ scimEnabled: true, manageLicensesWithScim: true });
  const f = await oktaFixture({
    targetUrl: server.url,
    directory: { users: people('alice', 'bob'), groups: { devs: { name: 'dbt_developers', members: ['alice'] } } },
    mappings: { licenseType: { expression: 'isMemberOfGroupName("dbt_developers") ? "developer" : "read_only"', namespace: DBT_USER_EXTENSION } },
  });
  close = () => f.close();
  return { f, control: server.control };
}

describe('Okta → dbt mode', () => {
  it('the licenseType from Okta\'s profile mapping becomes the effective license; users are managed and invited', async () => {
    const { f, control } = await start();
    await f.org.assignUsers(['alice', 'bob']);
    expect(f.org.state.openTasks()).toEqual([]);
    expect(await control.userState!('alice@example.com')).toMatchObject({ exists: true, license: 'developer', licenseSource: 'scim', scimManaged: true, accepted: false });
    expect(await control.userState!('bob@example.com')).toMatchObject({ license: 'read_only', scimManaged: true });
  });

  it('a group push with a user who has not accepted fails in Okta with dbt\'s message; after acceptance the retry succeeds', async () => {
    const { f, control } = await start();
    await f.org.assignUsers(['alice']);
    await f.org.pushGroups(['devs']);
    const pushed = f.org.state.pushedGroups.get('devs');
    expect(pushed?.status).toBe('Error');
    expect(pushed?.lastError?.message).toContain('All users must have licenses on the account');
    expect((await control.groupState!('dbt_developers')).members ?? []).toEqual([]);
    await control.acceptInvitation!('alice@example.com');
    await f.org.retryGroups();
    expect(f.org.state.pushedGroups.get('devs')?.status).toBe('Active');
    expect(await control.groupState!('dbt_developers')).toEqual({ exists: true, scimManaged: true, members: ['alice@example.com'] });
  });
});

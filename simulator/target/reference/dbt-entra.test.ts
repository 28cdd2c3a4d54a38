import { afterEach, describe, expect, it } from 'vitest';
import { entraFixture, TOKEN } from '../../idp/entra/fixtures/entra-fixture.js';
import { startReferenceServer, type RunningReferenceServer } from './server.js';

// The simulated Entra ID against the reference server in dbt mode: matching pre-existing users.

let server: RunningReferenceServer | undefined;
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  await server?.close();
});

const person = (nick: string, given: string) => ({ profile: { givenName: given, surname: 'Test', mailNickname: nick } });

describe('Entra → dbt mode', () => {
  it('links a pre-existing user whose userName matches exactly; a case-only difference is a conflict, not a link', async () => {
    server = await startReferenceServer({ port: 0, host: '127.0.0.1', tokens: [TOKEN] });
    const control = server.control;
    await control.reset!();
    await control.createUser!({ email: 'alice@contoso.example.com' });
    await control.createUser!({ email: 'Bob@contoso.example.com' });
    await control.applySettings!({ scimEnabled: true });
    const f = await entraFixture({ targetUrl: server.url, directory: { users: { alice: person('alice', 'Alice'), bob: person('bob', 'Bob'), carol: person('carol', 'Carol') } } });
    close = () => f.close();
    f.tenant.assign(['alice', 'bob', 'carol']);
    await f.tenant.startProvisioning();

    expect(await control.userState!('alice@contoso.example.com')).toMatchObject({ exists: true, scimManaged: true, accepted: true });
    expect(await control.userState!('carol@contoso.example.com')).toMatchObject({ exists: true, scimManaged: true, accepted: false });
    expect(await control.userState!('Bob@contoso.example.com')).toMatchObject({ exists: true, scimManaged: false, email: 'Bob@contoso.example.com' });
    const bobFailure = f.view().logs.find((log) => log.key === 'bob' && log.status === 'failure');
    expect(bobFailure).toMatchObject({ action: 'Create', errorCode: 'EntryConflict', statusDetail: expect.stringContaining('409') });
  });
});

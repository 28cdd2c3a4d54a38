import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { missingControlReason } from './control-adapter.js';
import { ControlModuleError, loadControlModule } from './load-control-module.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const context = { baseUrl: 'http://127.0.0.1:1/scim/v2', token: 'secret-token-value' };

describe('a vendor control module loaded by path', () => {
  it('calls the factory with the target and returns the adapter with its capabilities as a set', async () => {
    const adapter = await loadControlModule('fake-vendor-adapter.mjs', fixtures, context);
    expect(adapter.name).toBe('fake vendor adapter 0.1');
    expect([...adapter.capabilities]).toEqual(['readUser']);
    expect((adapter as unknown as { context: unknown }).context).toEqual({ baseUrl: context.baseUrl, hasToken: true });
    expect(await adapter.userState!('a@managed.example.com')).toMatchObject({ license: 'developer', scimManaged: true });
  });

  it('names what a scenario needs and the adapter lacks', async () => {
    const adapter = await loadControlModule(join(fixtures, 'fake-vendor-adapter.mjs'), '/', context);
    expect(missingControlReason(adapter, ['readUser'])).toBeUndefined();
    expect(missingControlReason(adapter, ['readUser', 'ipAllowlist', 'tokens'])).toBe("the control adapter 'fake vendor adapter 0.1' lacks ipAllowlist, tokens");
    expect(missingControlReason(undefined, ['readUser'])).toMatch(/this target has none \(pass --control MODULE\)/);
    expect(missingControlReason(undefined, [])).toBeUndefined();
  });

  it('refuses a module that declares a capability without its methods, a missing file, and an unknown capability', async () => {
    await expect(loadControlModule('broken-adapter.mjs', fixtures, context)).rejects.toThrow(new ControlModuleError("the adapter 'broken' declares tokens but has no deleteToken()"));
    await expect(loadControlModule('nope.mjs', fixtures, context)).rejects.toThrow(/cannot load the control module nope\.mjs/);
    await expect(loadControlModule('unknown-capability-adapter.mjs', fixtures, context)).rejects.toThrow(/declares an unknown capability 'teleport' \(known: accountSettings, /);
  });
});

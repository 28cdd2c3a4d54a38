import type { EntraContext } from './entra-context.js';
import { failureOf, isSuccess } from './error-codes.js';
import { matchingMappings } from './attribute-mappings.js';

export interface TestConnectionResult {
  result: 'success' | 'failure';
  /** What the portal shows; research silent on Entra's exact wording, so it says what went wrong in plain words. */
  message: string;
  exchangeIds: string[];
}

/**
 * "Test Connection" (research §2.2, E-SCIM): a filter on the first matching attribute for a random
 * GUID, which must answer 200 with an empty ListResponse, then the same for a random group (❓ the
 * group request's form is inferred). A 404 or a non-empty list fails the test.
 */
export async function testConnection(ctx: EntraContext, options: { groupProbe: boolean } = { groupProbe: true }): Promise<TestConnectionResult> {
  const exchangeIds: string[] = [];
  const matching = matchingMappings(ctx.userMappings)[0]?.target ?? 'userName';
  const probes: Array<{ path: string; query: Array<[string, string]>; what: string }> = [{ path: '/Users', query: [['filter', `${matching} eq "${uuid(ctx)}"`]], what: 'a random user' }];
  if (options.groupProbe && ctx.settings.provisionGroups && ctx.settings.assumed.groupProbe) {
    ctx.assume('groupProbe');
    probes.push({ path: '/Groups', query: [['excludedAttributes', 'members'], ['filter', `displayName eq "${uuid(ctx)}"`]], what: 'a random group' });
  }
  for (const probe of probes) {
    const call = await ctx.transport.send({ method: 'GET', path: probe.path, query: probe.query });
    exchangeIds.push(call.exchange.id);
    if (!isSuccess(call, [200])) {
      const failure = failureOf(call, 'query');
      const why = failure.quarantineKind === 'credentials' ? 'the credentials were refused' : `the query for ${probe.what} did not answer 200`;
      return { result: 'failure', message: `Test connection failed: ${why} (${failure.errorCode}). ${failure.statusDetail}`, exchangeIds };
    }
    const list = call.json as { Resources?: unknown; totalResults?: unknown } | undefined;
    const resources = list?.Resources ?? [];
    if (!call.parsed || list === undefined || !Array.isArray(resources) || resources.length > 0 || (list.totalResults !== undefined && Number(list.totalResults) !== 0)) {
      return { result: 'failure', message: `Test connection failed: the query for ${probe.what} that cannot exist must answer 200 with an empty ListResponse; got ${call.exchange.response?.body.slice(0, 500) ?? 'no body'}`, exchangeIds };
    }
  }
  return { result: 'success', message: 'The supplied credentials are authorized to enable provisioning', exchangeIds };
}

/** A GUID from the scenario's seeded randomness, so runs repeat. */
function uuid(ctx: EntraContext): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(ctx.random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

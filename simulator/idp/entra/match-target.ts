import { LIST_RESPONSE_MESSAGE } from '../../scim/schema/urns.js';
import { evaluateMapping, matchingMappings, type CompiledMapping, type MappingInputs } from './attribute-mappings.js';
import type { EntraContext } from './entra-context.js';
import { failureOf, isSuccess, unreadableAnswer, type EntraFailure } from './error-codes.js';

export type ReadOutcome =
  | { kind: 'found'; resource: Record<string, unknown>; id: string }
  | { kind: 'none' }
  | { kind: 'no-matching-value' }
  | { kind: 'failed'; failure: EntraFailure };

/**
 * Looks an object up in the target by its matching attributes, in precedence order, until one
 * matches (E-ATTR; combination matches are not supported): `GET /Users?filter=userName eq "…"`,
 * groups with `excludedAttributes=members` first (research §2.5). The answer must be a
 * ListResponse; several hits fail the object, and so does a group answer that carries members.
 */
export async function matchInTarget(ctx: EntraContext, resource: 'user' | 'group', mappings: readonly CompiledMapping[], inputs: MappingInputs, exchangeIds: string[]): Promise<ReadOutcome> {
  let queried = false;
  for (const mapping of matchingMappings(mappings)) {
    const value = evaluateMapping(mapping, inputs, 'create');
    if (value === undefined || Array.isArray(value)) continue;
    queried = true;
    const filter = `${mapping.target} eq "${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    const query: Array<[string, string]> = resource === 'group' ? [['excludedAttributes', 'members'], ['filter', filter]] : [['filter', filter]];
    const call = await ctx.transport.send({ method: 'GET', path: resource === 'user' ? '/Users' : '/Groups', query });
    exchangeIds.push(call.exchange.id);
    if (!isSuccess(call, [200])) return { kind: 'failed', failure: failureOf(call, 'query') };
    const list = call.json as { schemas?: unknown; Resources?: unknown; totalResults?: unknown } | undefined;
    if (!call.parsed || list === undefined || typeof list !== 'object' || Array.isArray(list)) return { kind: 'failed', failure: unreadableAnswer(call, 'The response to the matching query is not a SCIM ListResponse') };
    const resources = list.Resources === undefined ? [] : list.Resources;
    if (!Array.isArray(resources) || (Array.isArray(list.schemas) && !list.schemas.includes(LIST_RESPONSE_MESSAGE) && resources.length > 0)) {
      return { kind: 'failed', failure: unreadableAnswer(call, 'The response to the matching query is not a SCIM ListResponse') };
    }
    if (resources.length === 0) continue;
    if (resources.length > 1) {
      return { kind: 'failed', failure: { errorCode: 'DuplicateTargetEntries', statusDetail: `The matching query ${filter} returned ${resources.length} ${resource}s; one was expected.`, transient: false } };
    }
    const found = resources[0] as Record<string, unknown>;
    if (resource === 'group' && found['members'] !== undefined) {
      return { kind: 'failed', failure: { errorCode: 'SystemForCrossDomainIdentityManagementMultipleEntriesInResponse', statusDetail: `The group returned for ${filter} carries members although excludedAttributes=members was asked for (research §2.5).`, transient: false, quarantineKind: 'compliance' } };
    }
    if (typeof found['id'] !== 'string' || found['id'] === '') return { kind: 'failed', failure: unreadableAnswer(call, `The ${resource} returned for ${filter} has no id`) };
    return { kind: 'found', resource: found, id: found['id'] };
  }
  return queried ? { kind: 'none' } : { kind: 'no-matching-value' };
}

/** Reads a linked object back by the id Entra cached (`GET /Groups/{id}?excludedAttributes=members` for groups). */
export async function readLinked(ctx: EntraContext, resource: 'user' | 'group', targetId: string, exchangeIds: string[]): Promise<ReadOutcome> {
  const path = `${resource === 'user' ? '/Users' : '/Groups'}/${encodeURIComponent(targetId)}`;
  const call = await ctx.transport.send({ method: 'GET', path, ...(resource === 'group' ? { query: [['excludedAttributes', 'members']] as Array<[string, string]> } : {}) });
  exchangeIds.push(call.exchange.id);
  if (!isSuccess(call, [200])) return { kind: 'failed', failure: failureOf(call, 'by-id') };
  if (!call.parsed || call.json === null || typeof call.json !== 'object' || Array.isArray(call.json)) return { kind: 'failed', failure: unreadableAnswer(call, `The response to GET ${path} is not a SCIM ${resource}`) };
  return { kind: 'found', resource: call.json as Record<string, unknown>, id: targetId };
}

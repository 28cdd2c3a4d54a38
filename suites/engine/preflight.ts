import { ScimClient } from '../../simulator/scim/client.js';
import type { Redactor } from '../../simulator/scim/redact.js';
import type { ServiceProviderFeature } from '../model/scenario.js';

/** The target could not be reached at all: no verdict is possible (exit code 2). */
export class TargetUnreachableError extends Error {}

/** What the target advertises in /ServiceProviderConfig, or why that is unknown. */
export type AdvertisedFeatures =
  | { known: true; supported: ReadonlySet<ServiceProviderFeature> }
  | { known: false; reason: string };

const FEATURES: ServiceProviderFeature[] = ['patch', 'bulk', 'filter', 'changePassword', 'sort', 'etag'];

/**
 * One GET of /ServiceProviderConfig before the run. Any HTTP answer (even 401 or 404) means the
 * target is there and the scenarios will judge it; only a transport failure stops the run. The
 * answer also tells which optional features scenarios may rely on (`requires:`).
 */
export async function probeTarget(baseUrl: string, token: string | undefined, redactor: Redactor, timeoutMs = 10_000): Promise<AdvertisedFeatures> {
  const client = new ScimClient({ baseUrl, token, redactor, connectTimeoutMs: timeoutMs, responseTimeoutMs: timeoutMs, idPrefix: 'preflight-' });
  try {
    const exchange = await client.send({ method: 'GET', path: '/ServiceProviderConfig' });
    if (!exchange.response) {
      throw new TargetUnreachableError(`target unreachable: ${redactor.redactText(baseUrl)}: ${exchange.error?.message ?? 'no response'}`);
    }
    if (exchange.response.status !== 200) return { known: false, reason: `GET /ServiceProviderConfig answered ${exchange.response.status}` };
    return advertised(exchange.response.body);
  } finally {
    await client.close();
  }
}

function advertised(body: string): AdvertisedFeatures {
  let config: unknown;
  try {
    config = JSON.parse(body);
  } catch {
    return { known: false, reason: '/ServiceProviderConfig is not JSON' };
  }
  if (config === null || typeof config !== 'object') return { known: false, reason: '/ServiceProviderConfig is not an object' };
  const supported = new Set<ServiceProviderFeature>();
  for (const feature of FEATURES) {
    const entry = (config as Record<string, unknown>)[feature];
    if (entry !== null && typeof entry === 'object' && (entry as Record<string, unknown>)['supported'] === true) supported.add(feature);
  }
  return { known: true, supported };
}

/** Why a scenario cannot run on this target, or undefined when everything it requires is advertised. */
export function missingFeatureReason(requires: readonly ServiceProviderFeature[], features: AdvertisedFeatures): string | undefined {
  if (requires.length === 0) return undefined;
  if (!features.known) return `requires ${requires.join(', ')}, and the target's features are unknown (${features.reason})`;
  const missing = requires.filter((f) => !features.supported.has(f));
  return missing.length === 0 ? undefined : `the target does not advertise ${missing.map((f) => `${f}.supported`).join(', ')} in /ServiceProviderConfig`;
}

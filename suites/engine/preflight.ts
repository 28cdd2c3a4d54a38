import { ScimClient } from '../../simulator/scim/client.js';
import type { Redactor } from '../../simulator/scim/redact.js';

/** The target could not be reached at all: no verdict is possible (exit code 2). */
export class TargetUnreachableError extends Error {}

/**
 * One GET of /ServiceProviderConfig before the run. Any HTTP answer (even 401 or 404) means
 * the target is there and the scenarios will judge it; only a transport failure stops the run.
 */
export async function checkReachable(baseUrl: string, token: string | undefined, redactor: Redactor, timeoutMs = 10_000): Promise<void> {
  const client = new ScimClient({ baseUrl, token, redactor, connectTimeoutMs: timeoutMs, responseTimeoutMs: timeoutMs, idPrefix: 'preflight-' });
  try {
    const exchange = await client.send({ method: 'GET', path: '/ServiceProviderConfig' });
    if (!exchange.response && exchange.error) {
      throw new TargetUnreachableError(`target unreachable: ${redactor.redactText(baseUrl)}: ${exchange.error.message}`);
    }
  } finally {
    await client.close();
  }
}

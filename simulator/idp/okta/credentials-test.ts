import { succeeded, type OktaContext } from './okta-context.js';
import { CREDENTIALS_TEST_FAILED } from './okta-messages.js';

export interface CredentialsTestResult {
  ok: boolean;
  /** What the Integration tab shows. */
  message: string;
}

/**
 * "Test API Credentials" (research §1.2). Undocumented for SCIM 2.0: by default the two requests
 * Okta documents for SCIM 1.1, or the single `count=1` probe third parties report.
 */
export async function testApiCredentials(ctx: OktaContext): Promise<CredentialsTestResult> {
  ctx.assume('credentialsProbe');
  const probes =
    ctx.settings.assumed.credentialsProbe === 'scim11-pair'
      ? [
          { path: '/Users', query: { startIndex: '1', count: '2' } },
          { path: '/Groups', query: { startIndex: '1', count: '100' } },
        ]
      : [{ path: '/Users', query: { startIndex: '1', count: '1' } }];
  for (const probe of probes) {
    const call = await ctx.transport.send({ method: 'GET', ...probe });
    if (!succeeded(call.last.response?.status) || call.rateLimitExhausted) return { ok: false, message: CREDENTIALS_TEST_FAILED };
  }
  // research silent: the success banner's wording.
  // research silent: the success banner's wording.
  return { ok: true, message: `${ctx.settings.appName} was verified successfully!` };
}

import { randomBytes } from 'node:crypto';
import { startReferenceServer } from 'scimsim';

/** What the suite needs of the server under test: where it listens and a token it accepts. */
export interface ServerUnderTest {
  url: string;
  token: string;
  close(): Promise<void>;
}

/**
 * Starts the SCIM server under test. Replace the body with your own server's start-up (in process,
 * a child process, a container…). Here it is scimsim's own reference server, so the example runs
 * as is; with `SCIM_BASE_URL` (and `SCIM_TOKEN`) set, the suite tests that running server instead.
 */
export async function startServerUnderTest(): Promise<ServerUnderTest> {
  const url = process.env.SCIM_BASE_URL;
  if (url) return { url, token: process.env.SCIM_TOKEN ?? '', close: async () => undefined };
  const token = randomBytes(18).toString('base64url');
  const server = await startReferenceServer({ port: 0, tokens: [token] });
  return { url: server.url, token, close: () => server.close() };
}

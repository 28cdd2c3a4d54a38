import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

/** What the upstream (reference) server answered; a breaker may rewrite any of it. */
export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ProxiedRequest {
  method: string;
  /** Path and query as received, relative to the proxy's origin. */
  url: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * Decides how to misbehave for one request: return a (modified) response, `'hang'` to never
 * answer, or `'pass'` to forward unchanged.
 */
export type Breaker = (req: ProxiedRequest, upstream: () => Promise<ProxiedResponse>) => Promise<ProxiedResponse | 'hang' | 'pass'>;

export interface BreakingProxy {
  /** The proxy's SCIM base URL (same path as the upstream's). */
  url: string;
  close(): Promise<void>;
}

/**
 * A deliberately broken SCIM server for tests: a loopback proxy in front of a correct server
 * that breaks exactly one thing, so each test proves one check fails when it should.
 */
export async function startBreakingProxy(upstreamBaseUrl: string, breaker: Breaker): Promise<BreakingProxy> {
  const upstream = new URL(upstreamBaseUrl);
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const proxied: ProxiedRequest = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')])),
        body: Buffer.concat(chunks).toString('utf8'),
      };
      const forward = async (): Promise<ProxiedResponse> => {
        const { connection: _connection, 'content-length': _length, ...headers } = proxied.headers;
        const answer = await request(`${upstream.origin}${proxied.url}`, {
          method: proxied.method as 'GET',
          headers,
          body: proxied.body === '' ? undefined : proxied.body,
        });
        const body = await answer.body.text();
        const outHeaders: Record<string, string> = {};
        for (const [k, v] of Object.entries(answer.headers)) if (v !== undefined && k !== 'content-length' && k !== 'transfer-encoding' && k !== 'connection' && k !== 'keep-alive') outHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
        return { status: answer.statusCode, headers: outHeaders, body };
      };
      breaker(proxied, forward)
        .then(async (decision) => {
          if (decision === 'hang') {
            hanging.add(res);
            return;
          }
          const response = decision === 'pass' ? await forward() : decision;
          res.writeHead(response.status, response.headers);
          res.end(response.body);
        })
        .catch((error: Error) => {
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(`proxy error: ${error.message}`);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname.replace(/\/+$/, '')}`,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

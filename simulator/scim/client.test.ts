import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ExchangeLog } from './exchange-log.js';
import { ScimClient, ScimClientUsageError, USER_AGENT, SCIMSIM_VERSION, type ScimClientOptions } from './client.js';
import { REDACTED, Redactor } from './redact.js';

const TOKEN = 'run-token-5f2b8c1e9d7a';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
  remotePort: number | undefined;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

/** A node:http server on 127.0.0.1:0 that records requests; closed (with its sockets) after the test. */
async function httpServer(handler: (req: IncomingMessage, res: ServerResponse, seen: Seen) => void) {
  const requests: Seen[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen: Seen = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        remotePort: req.socket.remotePort,
      };
      requests.push(seen);
      handler(req, res, seen);
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  );
  return { url: `http://127.0.0.1:${port}`, port, requests };
}

/** A raw TCP server on 127.0.0.1:0 (for garbage, silence, TLS stalls). */
async function tcpServer(onSocket: (s: Socket) => void) {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: NetServer = createNetServer((s) => {
    connections++;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => {});
    onSocket(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  );
  return { port, connections: () => connections };
}

function client(opts: Partial<ScimClientOptions> & { baseUrl: string }): ScimClient {
  const c = new ScimClient({
    token: TOKEN,
    redactor: new Redactor(),
    connectTimeoutMs: 1_000,
    responseTimeoutMs: 1_000,
    ...opts,
  });
  cleanups.push(() => c.close());
  return c;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/scim+json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

describe('ScimClient happy path', () => {
  it('sends JSON with the default headers and records a complete exchange', async () => {
    const srv = await httpServer((_req, res, seen) =>
      json(res, 201, { id: 'u1', echo: seen.body ? JSON.parse(seen.body) : null }, { Location: `http://x/Users/u1` }),
    );
    const log = new ExchangeLog();
    const seenByCallback: string[] = [];
    const virtual = new Date('2030-01-02T03:04:05.000Z');
    const c = client({ baseUrl: srv.url, idPrefix: '3-', now: () => virtual, log, onExchange: (e) => seenByCallback.push(e.id) });
    const ex = await c.send({ method: 'post', path: '/Users', json: { userName: 'ana@example.com', name: { givenName: 'Ána' } } });

    const seen = srv.requests[0]!;
    expect(seen.method).toBe('POST');
    expect(seen.url).toBe('/Users');
    expect(seen.headers['accept']).toBe('application/scim+json');
    expect(seen.headers['user-agent']).toBe(`scimsim/${SCIMSIM_VERSION}`);
    expect(SCIMSIM_VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(SCIMSIM_VERSION).not.toBe('0.0.0');
    expect(seen.headers['content-type']).toBe('application/scim+json; charset=utf-8');
    expect(seen.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(seen.body)).toEqual({ userName: 'ana@example.com', name: { givenName: 'Ána' } });

    expect(ex.id).toBe('3-1');
    expect(ex.virtualTime).toBe('2030-01-02T03:04:05.000Z');
    expect(Date.parse(ex.startedAt)).not.toBeNaN();
    expect(ex.durationMs).toBeGreaterThan(0);
    expect(ex.error).toBeUndefined();
    expect(ex.request).toEqual({
      method: 'POST',
      url: `${srv.url}/Users`,
      headers: {
        accept: 'application/scim+json',
        'user-agent': USER_AGENT,
        authorization: `Bearer ${REDACTED}`,
        'content-type': 'application/scim+json; charset=utf-8',
      },
      body: seen.body,
    });
    expect(ex.response?.status).toBe(201);
    expect(ex.response?.headers['content-type']).toBe('application/scim+json');
    expect(ex.response?.headers['location']).toBe('http://x/Users/u1');
    expect(JSON.parse(ex.response!.body)).toEqual({ id: 'u1', echo: { userName: 'ana@example.com', name: { givenName: 'Ána' } } });
    expect(ex.response?.truncated).toBeUndefined();

    const ex2 = await c.send({ method: 'GET', path: '/Users/u1' });
    expect(ex2.id).toBe('3-2');
    expect(ex2.request.body).toBeUndefined();
    expect(srv.requests[1]!.headers['content-type']).toBeUndefined();
    expect(c.exchanges.map((e) => e.id)).toEqual(['3-1', '3-2']);
    expect(log.get('3-2')).toBe(ex2);
    expect(seenByCallback).toEqual(['3-1', '3-2']);
  });

  it('keeps the base path, encodes query values with %20, leaves encoded queries alone', async () => {
    const srv = await httpServer((_req, res) => json(res, 200, {}));
    const c = client({ baseUrl: `${srv.url}/scim/v2/` });
    await c.send({ method: 'GET', path: '/Users' });
    await c.send({ method: 'GET', path: 'Groups' });
    await c.send({ method: 'GET', path: '/Users', query: { filter: 'userName eq "a b+c@x.com"', count: '10' } });
    await c.send({ method: 'GET', path: '/Users?filter=userName%20eq%20%22x%22&startIndex=1' });
    await c.send({ method: 'GET', path: '/Users?startIndex=1', query: { filter: 'name.givenName sw "Å&é"' } });
    await c.send({ method: 'GET', path: '' });
    await c.send({ method: 'GET', path: '/Users/with space' });
    expect(srv.requests.map((r) => r.url)).toEqual([
      '/scim/v2/Users',
      '/scim/v2/Groups',
      '/scim/v2/Users?filter=userName%20eq%20%22a%20b%2Bc%40x.com%22&count=10',
      '/scim/v2/Users?filter=userName%20eq%20%22x%22&startIndex=1',
      '/scim/v2/Users?startIndex=1&filter=name.givenName%20sw%20%22%C3%85%26%C3%A9%22',
      '/scim/v2',
      '/scim/v2/Users/with%20space',
    ]);
    expect(c.exchanges[2]!.request.url).toBe(`${srv.url}/scim/v2/Users?filter=userName%20eq%20%22a%20b%2Bc%40x.com%22&count=10`);
    expect(c.resolveUrl('/Users', { a: 'b c' })).toBe(`${srv.url}/scim/v2/Users?a=b%20c`);
  });

  it('applies auth kinds and header precedence', async () => {
    const srv = await httpServer((_req, res) => json(res, 200, {}));
    const c = client({ baseUrl: srv.url, defaultHeaders: { 'User-Agent': 'OKTA SCIM Integration', 'X-Trace': 'a' } });
    await c.send({ method: 'GET', path: '/a', auth: { kind: 'none' } });
    await c.send({ method: 'GET', path: '/b', auth: { kind: 'bearer', token: 'other-token-123' } });
    await c.send({ method: 'GET', path: '/c', auth: { kind: 'header', value: 'SSWS 00abcdef' } });
    await c.send({ method: 'POST', path: '/d', rawBody: '{bad json', headers: { 'x-trace': 'b', 'Content-Type': 'text/plain' } });
    await c.send({ method: 'POST', path: '/e', json: [], headers: { 'content-type': 'application/json' } });
    const [a, b, cc, d, e] = srv.requests;
    expect(a!.headers['authorization']).toBeUndefined();
    expect(a!.headers['user-agent']).toBe('OKTA SCIM Integration');
    expect(b!.headers['authorization']).toBe('Bearer other-token-123');
    expect(cc!.headers['authorization']).toBe('SSWS 00abcdef');
    expect(d!.headers['x-trace']).toBe('b');
    expect(d!.headers['content-type']).toBe('text/plain');
    expect(d!.body).toBe('{bad json');
    expect(e!.headers['content-type']).toBe('application/json');
    expect(c.exchanges[1]!.request.headers['authorization']).toBe(`Bearer ${REDACTED}`);
    expect(c.exchanges[2]!.request.headers['authorization']).toBe(`SSWS ${REDACTED}`);
    expect(JSON.stringify(c.exchanges)).not.toContain('other-token-123');

    const noToken = client({ baseUrl: srv.url, token: undefined });
    await noToken.send({ method: 'GET', path: '/f' });
    expect(srv.requests[5]!.headers['authorization']).toBeUndefined();
  });

  it('records a 3xx as is and does not follow it', async () => {
    const srv = await httpServer((req, res) => {
      if (req.url === '/Users') {
        res.writeHead(302, { Location: '/elsewhere' });
        res.end();
      } else json(res, 200, {});
    });
    const c = client({ baseUrl: srv.url });
    const ex = await c.send({ method: 'GET', path: '/Users' });
    expect(ex.response?.status).toBe(302);
    expect(ex.response?.headers['location']).toBe('/elsewhere');
    expect(srv.requests).toHaveLength(1);
  });

  it('reuses one keep-alive connection for sequential requests', async () => {
    const srv = await httpServer((_req, res) => json(res, 200, { ok: true }));
    const c = client({ baseUrl: srv.url });
    for (let i = 0; i < 20; i++) {
      const ex = await c.send({ method: 'GET', path: `/Users/${i}` });
      expect(ex.response?.status).toBe(200);
    }
    expect(new Set(srv.requests.map((r) => r.remotePort)).size).toBe(1);
  });

  it('forks share connections but keep their own ids, headers and exchanges', async () => {
    const srv = await httpServer((_req, res) => json(res, 200, {}));
    const root = client({ baseUrl: srv.url, idPrefix: 'r-' });
    const f1 = root.fork({ idPrefix: '1-', defaultHeaders: { 'user-agent': 'Entra' } });
    const f2 = root.fork({ idPrefix: '2-' });
    expect((await f1.send({ method: 'GET', path: '/a' })).id).toBe('1-1');
    expect((await f2.send({ method: 'GET', path: '/b' })).id).toBe('2-1');
    expect((await f1.send({ method: 'GET', path: '/c' })).id).toBe('1-2');
    await f1.close();
    await expect(f1.send({ method: 'GET', path: '/x' })).rejects.toBeInstanceOf(ScimClientUsageError);
    expect((await f2.send({ method: 'GET', path: '/d' })).response?.status).toBe(200);
    expect(srv.requests[0]!.headers['user-agent']).toBe('Entra');
    expect(srv.requests[1]!.headers['user-agent']).toBe(USER_AGENT);
    expect(f1.exchanges).toHaveLength(2);
    expect(root.exchanges).toHaveLength(0);
    expect(new Set(srv.requests.map((r) => r.remotePort)).size).toBe(1);
    await root.close();
    await expect(f2.send({ method: 'GET', path: '/e' })).rejects.toBeInstanceOf(ScimClientUsageError);
  });
});

describe('ScimClient failures become exchanges', () => {
  it('connection refused', async () => {
    const srv = await tcpServer(() => {});
    const closedPort = srv.port;
    await cleanups.pop()!(); // close it now: the port is free and refuses
    const c = client({ baseUrl: `http://127.0.0.1:${closedPort}` });
    const ex = await c.send({ method: 'GET', path: '/Users' });
    expect(ex.response).toBeUndefined();
    expect(ex.error?.code).toBe('connect-refused');
    expect(ex.error?.cause).toBe('ECONNREFUSED');
  });

  it('DNS failure', async () => {
    const c = client({ baseUrl: 'http://no-such-host.invalid' });
    const ex = await c.send({ method: 'GET', path: '/Users' });
    expect(ex.error?.code).toBe('dns');
    expect(ex.request.url).toBe('http://no-such-host.invalid/Users');
  });

  it('connect timeout (TLS handshake never answered)', async () => {
    const srv = await tcpServer(() => {}); // accepts TCP, never speaks TLS
    const c = client({ baseUrl: `https://127.0.0.1:${srv.port}`, connectTimeoutMs: 150, responseTimeoutMs: 2_000 });
    const t0 = performance.now();
    const ex = await c.send({ method: 'GET', path: '/Users' });
    expect(ex.error?.code).toBe('connect-timeout');
    expect(performance.now() - t0).toBeLessThan(600);
  });

  it('response timeout: a server that never answers', async () => {
    const srv = await httpServer(() => {});
    const c = client({ baseUrl: srv.url, responseTimeoutMs: 200 });
    const t0 = performance.now();
    const ex = await c.send({ method: 'GET', path: '/Users' });
    const elapsed = performance.now() - t0;
    expect(ex.error?.code).toBe('response-timeout');
    expect(ex.response).toBeUndefined();
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(1_000);
    expect(srv.requests).toHaveLength(1);
  });

  it('response timeout: headers then a stalled body', async () => {
    const srv = await httpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/scim+json' });
      res.write('{"partial":');
    });
    const c = client({ baseUrl: srv.url, responseTimeoutMs: 200 });
    const ex = await c.send({ method: 'GET', path: '/Users' });
    expect(ex.error?.code).toBe('response-timeout');
    expect(ex.response?.status).toBe(200);
    expect(ex.response?.body).toBe('{"partial":');
  });

  it('response timeout: a body that trickles in forever', async () => {
    const srv = await httpServer((_req, res) => {
      res.writeHead(200);
      const t = setInterval(() => res.write('x'), 20);
      res.on('close', () => clearInterval(t));
    });
    const c = client({ baseUrl: srv.url, responseTimeoutMs: 250 });
    const ex = await c.send({ method: 'GET', path: '/Users' });
    expect(ex.error?.code).toBe('response-timeout');
    expect(ex.durationMs).toBeLessThan(1_000);
  });

  it('a 10 MB body is cut at the cap and the connection dropped', async () => {
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let closed = false;
    const srv = await httpServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/scim+json' });
      res.on('close', () => (closed = true));
      let sent = 0;
      const pump = () => {
        while (sent < 10 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    });
    const c = client({ baseUrl: srv.url, responseTimeoutMs: 5_000 });
    const ex = await c.send({ method: 'GET', path: '/Users' });
    expect(ex.error?.code).toBe('response-too-large');
    expect(ex.response?.status).toBe(200);
    expect(ex.response?.truncated).toBe(true);
    expect(ex.response?.body.length).toBe(5 * 1024 * 1024);
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toBe(true);
    // the client is still usable afterwards
    const small = client({ baseUrl: srv.url, maxResponseBytes: 10 });
    const ex2 = await small.send({ method: 'GET', path: '/Users' });
    expect(ex2.response?.body).toBe('aaaaaaaaaa');
  });

  it('a body exactly at the cap is not truncated', async () => {
    const srv = await httpServer((_req, res) => res.end('0123456789'));
    const c = client({ baseUrl: srv.url, maxResponseBytes: 10 });
    const ex = await c.send({ method: 'GET', path: '/' });
    expect(ex.error).toBeUndefined();
    expect(ex.response?.body).toBe('0123456789');
  });

  it('a server that destroys the socket: reset, exactly one request', async () => {
    const srv = await httpServer((req) => req.socket.destroy());
    const c = client({ baseUrl: srv.url });
    const ex = await c.send({ method: 'DELETE', path: '/Users/1' });
    expect(ex.error?.code).toBe('reset');
    expect(ex.response).toBeUndefined();
    await new Promise((r) => setTimeout(r, 100));
    expect(srv.requests).toHaveLength(1);
  });

  it('a connection cut in the middle of the body keeps the status and the bytes', async () => {
    const srv = await httpServer((req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"id":', () => setTimeout(() => req.socket.destroy(), 20));
    });
    const c = client({ baseUrl: srv.url });
    const ex = await c.send({ method: 'GET', path: '/Users/1' });
    expect(ex.error?.code).toBe('reset');
    expect(ex.response?.status).toBe(200);
    expect(ex.response?.body).toBe('{"id":');
  });

  it('garbage bytes instead of HTTP', async () => {
    const srv = await tcpServer((s) => {
      s.once('data', () => s.end('\x00\x01garbage\r\nnot http at all\r\n\r\n'));
    });
    const c = client({ baseUrl: `http://127.0.0.1:${srv.port}` });
    const ex = await c.send({ method: 'GET', path: '/Users' });
    expect(ex.error?.code).toBe('network');
    expect(ex.error?.message).toMatch(/^malformed HTTP response/);
    expect(ex.error?.cause).toBeDefined();
    expect(ex.response).toBeUndefined();
  });

  it('invalid UTF-8 in a body is decoded with replacement characters', async () => {
    const srv = await httpServer((_req, res) => res.end(Buffer.from([0x7b, 0xff, 0xfe, 0x7d])));
    const c = client({ baseUrl: srv.url });
    const ex = await c.send({ method: 'GET', path: '/' });
    expect(ex.error).toBeUndefined();
    expect(ex.response?.body).toBe('{\uFFFD\uFFFD}');
  });
});

describe('ScimClient never retries', () => {
  for (const [label, respond] of [
    ['503', (res: ServerResponse) => json(res, 503, { status: '503' }, { 'Retry-After': '0' })],
    ['429', (res: ServerResponse) => json(res, 429, { status: '429' }, { 'Retry-After': '0' })],
    ['reset', (res: ServerResponse) => res.socket?.destroy()],
  ] as const) {
    it(`sends exactly one request on ${label}`, async () => {
      let count = 0;
      const srv = await httpServer((_req, res) => {
        count++;
        respond(res);
      });
      const c = client({ baseUrl: srv.url });
      const ex = await c.send({ method: 'GET', path: '/Users' });
      expect(ex.response?.status ?? ex.error?.code).toBe(label === 'reset' ? 'reset' : Number(label));
      await new Promise((r) => setTimeout(r, 150));
      expect(count).toBe(1);
      expect(srv.requests).toHaveLength(1);
    });
  }

  it('does not retry on a stale keep-alive connection', async () => {
    let count = 0;
    const tcp = await tcpServer((s) => {
      let buf = '';
      s.on('data', (d) => {
        buf += d.toString('latin1');
        if (!buf.includes('\r\n\r\n')) return;
        buf = '';
        count++;
        if (count === 1) s.write('HTTP/1.1 200 OK\r\nContent-Length: 2\r\nKeep-Alive: timeout=60\r\n\r\n{}');
        else s.destroy();
      });
    });
    const c = client({ baseUrl: `http://127.0.0.1:${tcp.port}` });
    expect((await c.send({ method: 'GET', path: '/a' })).response?.status).toBe(200);
    const ex = await c.send({ method: 'PUT', path: '/b', json: {} });
    expect(ex.error?.code).toBe('reset');
    await new Promise((r) => setTimeout(r, 100));
    expect(count).toBe(2);
    expect(tcp.connections()).toBe(1);
  });
});

describe('ScimClient redaction', () => {
  it('never stores the token, even when the server echoes it back', async () => {
    const srv = await httpServer((req, res, seen) => {
      json(
        res,
        200,
        {
          authorization: req.headers['authorization'],
          basic: `Basic ${Buffer.from(`user:${TOKEN}`).toString('base64')}`,
          query: seen.url,
        },
        { 'X-Echo-Auth': String(req.headers['authorization']), 'Set-Cookie': `session=${TOKEN}; HttpOnly` },
      );
    });
    const redactor = new Redactor();
    const c = client({ baseUrl: srv.url, redactor });
    const ex = await c.send({
      method: 'POST',
      path: `/Users?access_token=${TOKEN}`,
      query: { t: TOKEN },
      json: { password: TOKEN },
      headers: { Cookie: `sid=${TOKEN}` },
    });
    expect(srv.requests[0]!.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    expect(ex.response?.status).toBe(200);
    const stored = JSON.stringify(ex);
    expect(stored).not.toContain(TOKEN);
    expect(stored).not.toContain(Buffer.from(TOKEN).toString('base64').slice(0, 12));
    expect(stored).toContain(REDACTED);
    expect(ex.response?.headers['x-echo-auth']).toBe(`Bearer ${REDACTED}`);
    expect(JSON.parse(ex.response!.body).authorization).toBe(`Bearer ${REDACTED}`);
    expect(ex.request.url).toBe(`${srv.url}/Users?access_token=${REDACTED}&t=${REDACTED}`);
    // the client registered its token with the shared redactor
    expect(redactor.redactText(TOKEN)).toBe(REDACTED);
  });

  it('redacts secrets from error messages too', async () => {
    const c = client({ baseUrl: 'http://no-such-host.invalid' });
    const ex = await c.send({ method: 'GET', path: `/Users/${TOKEN}` });
    expect(JSON.stringify(ex)).not.toContain(TOKEN);
  });
});

describe('ScimClient programmer errors', () => {
  it('throws for invalid construction and requests', async () => {
    const redactor = new Redactor();
    expect(() => new ScimClient({ baseUrl: 'not a url', redactor })).toThrow(ScimClientUsageError);
    expect(() => new ScimClient({ baseUrl: 'ftp://x', redactor })).toThrow(ScimClientUsageError);
    expect(() => new ScimClient({ baseUrl: 'http://u:p@x', redactor })).toThrow(ScimClientUsageError);
    expect(() => new ScimClient({ baseUrl: 'http://x', redactor, responseTimeoutMs: 0 })).toThrow(ScimClientUsageError);
    const c = client({ baseUrl: 'http://127.0.0.1:9' });
    await expect(c.send({ method: 'GE T', path: '/' })).rejects.toBeInstanceOf(ScimClientUsageError);
    await expect(c.send({ method: 'GET', path: 'http://evil.example/' })).rejects.toBeInstanceOf(ScimClientUsageError);
    await expect(c.send({ method: 'POST', path: '/', json: {}, rawBody: '' })).rejects.toBeInstanceOf(ScimClientUsageError);
    await expect(c.send({ method: 'GET', path: '/', headers: { 'X-Bad': 'a\r\nb' } })).rejects.toBeInstanceOf(ScimClientUsageError);
    expect(c.exchanges).toHaveLength(0);
  });

  it('keeps a path that looks protocol-relative on the base origin', async () => {
    const srv = await httpServer((_req, res) => json(res, 200, {}));
    const c = client({ baseUrl: `${srv.url}/scim` });
    await c.send({ method: 'GET', path: '//evil.example/x' });
    expect(srv.requests[0]!.url).toBe('/scim//evil.example/x');
  });
});

import { request as httpRequest, type Dispatcher } from 'undici';
import { startReferenceServer, type ReferenceServerOptions, type RunningReferenceServer } from './server.js';

/** Test support: a real reference server on an ephemeral loopback port and a small HTTP client (undici). */

export const TOKEN = 'test-token-0123456789';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON body, or undefined when there is none. */
  body: any;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as is (overrides `body`). */
  raw?: string | Buffer;
  headers?: Record<string, string>;
  /** undefined = the valid token; null = no Authorization header. */
  token?: string | null;
}

export interface Fixture {
  server: RunningReferenceServer;
  url: string;
  request(method: string, path: string, options?: RequestOptions): Promise<Reply>;
  createUser(body: Record<string, unknown>): Promise<any>;
  createGroup(body: Record<string, unknown>): Promise<any>;
  close(): Promise<void>;
}

export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

export function patchBody(...operations: unknown[]) {
  return { schemas: [PATCH_OP], Operations: operations };
}

export async function startFixture(options: Partial<ReferenceServerOptions> = {}): Promise<Fixture> {
  const server = await startReferenceServer({ port: 0, tokens: [TOKEN], ...options });
  async function request(method: string, path: string, options: RequestOptions = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token !== null) headers.authorization ??= `Bearer ${options.token ?? TOKEN}`;
    let body: string | Buffer | undefined;
    if (options.raw !== undefined) body = options.raw;
    else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/scim+json';
    }
    const response = await httpRequest(`${server.url}${path}`, { method: method as Dispatcher.HttpMethod, headers, ...(body !== undefined ? { body } : {}) });
    const text = await response.body.text();
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(response.headers)) {
      for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, item);
    }
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: response.statusCode, headers: responseHeaders, text, body: parsed };
  }
  async function create(path: string, body: Record<string, unknown>) {
    const reply = await request('POST', path, { body });
    if (reply.status !== 201) throw new Error(`POST ${path} → ${reply.status} ${reply.text}`);
    return reply.body;
  }
  return {
    server,
    url: server.url,
    request,
    createUser: (body) => create('/Users', { schemas: [USER], ...body }),
    createGroup: (body) => create('/Groups', { schemas: [GROUP], ...body }),
    close: () => server.close(),
  };
}

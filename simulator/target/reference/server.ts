import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { Router, type ErrorRequestHandler, type RequestHandler } from 'express';
import type { ControlAdapter } from '../control/control-adapter.js';
import { bearerAuth } from './auth.js';
import { jsonBody } from './body.js';
import type { ServerState } from './context.js';
import { createReferenceControl } from './control.js';
import { DbtAccount } from './dbt/account.js';
import { ipAllowlistGuard } from './dbt/allowlist.js';
import { dbtPolicy } from './dbt/provisioning.js';
import { ScimError } from './errors.js';
import { resourceTypes } from './resource-types.js';
import { sendError } from './respond.js';
import { discoveryRoutes } from './routes-discovery.js';
import { resourceRoutes } from './routes-resources.js';
import { ResourceStore } from './store.js';
import { TokenRegistry } from './tokens.js';

/**
 * The embedded reference SCIM 2.0 server: Users (with the Enterprise extension) and Groups in
 * memory, one store per instance, following RFC 7643/7644 plus the documented leniencies real
 * IdP clients need. Used as the default target of `scimsim run` and by `scimsim serve`.
 *
 * It also models a dbt platform account (dbt/): off until a scenario turns SCIM on through the
 * control adapter, so by default it is the plain RFC server.
 */

export interface ReferenceServerOptions {
  /** 0 (default) = an ephemeral port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Accepted bearer tokens. */
  tokens: string[];
  /** Default `/scim/v2`. */
  basePath?: string;
  /** Largest accepted request body; default 1 MiB. */
  maxBodyBytes?: number;
  /** Time source for `meta.created`/`lastModified`; default the system clock. */
  clock?: () => Date;
}

export interface RunningReferenceServer {
  /** Base URL without a trailing slash, e.g. `http://127.0.0.1:41234/scim/v2`. */
  url: string;
  /** Acts on the server outside SCIM (the dbt account, tokens, the IP allowlist), in process. */
  control: ControlAdapter;
  close(): Promise<void>;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

function normalizeBasePath(basePath: string): string {
  const trimmed = basePath.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function notImplemented(detail: string): RequestHandler {
  return (_req, _res, next) => next(new ScimError(501, detail));
}

const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new ScimError(404, `No SCIM endpoint at ${req.method} ${req.originalUrl.split('?')[0]!.slice(0, 200)}.`));
};

/** Anything thrown ends here: SCIM errors as they are, client errors from Express as 4xx, the rest 500. */
const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  if (res.headersSent) {
    req.socket.destroy();
    return;
  }
  if (error instanceof ScimError) {
    sendError(res, error);
    return;
  }
  const status = typeof error === 'object' && error !== null ? Number((error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode) : Number.NaN;
  if (status >= 400 && status < 500) {
    const detail = error instanceof URIError || (error instanceof Error && /decode/i.test(error.message))
      ? 'The URL contains malformed percent-encoding.'
      : `The request could not be processed (${error instanceof Error ? error.message.slice(0, 200) : 'client error'}).`;
    sendError(res, new ScimError(status, detail));
    return;
  }
  sendError(res, new ScimError(500, 'The reference server failed unexpectedly while handling this request.'));
};

export function createReferenceApp(options: ReferenceServerOptions): express.Express {
  return buildReference(options).app;
}

/** The app and the control adapter over its state. */
function buildReference(options: ReferenceServerOptions): { app: express.Express; control: ControlAdapter } {
  const basePath = normalizeBasePath(options.basePath ?? '/scim/v2');
  const store = new ResourceStore({ User: 'userName', Group: 'displayName' }, options.clock);
  const account = new DbtAccount(store);
  const tokens = new TokenRegistry(options.tokens);
  const state: ServerState = {
    store,
    policy: dbtPolicy(account),
    basePath,
    startedAt: (options.clock?.() ?? new Date()).toISOString(),
    jsonBody: jsonBody(options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES),
  };

  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);

  const scim = Router();
  scim.use(bearerAuth(tokens));
  scim.use(ipAllowlistGuard(account));
  scim.use(discoveryRoutes(state));
  for (const type of resourceTypes) scim.use(resourceRoutes(type, state));
  scim.all(['/Bulk', '/Bulk/*rest'], notImplemented('Bulk operations (RFC 7644 §3.7) are not supported; see ServiceProviderConfig bulk.supported.'));
  scim.all(['/Me', '/Me/*rest'], notImplemented('/Me (RFC 7644 §3.11) is not supported: tokens here are not bound to a User.'));
  scim.use(notFoundHandler);

  app.use(basePath === '' ? '/' : basePath, scim);
  app.use(notFoundHandler);
  app.use(errorHandler);
  return { app, control: createReferenceControl({ store, account, tokens }) };
}

function urlHost(address: string): string {
  if (address === '0.0.0.0') return '127.0.0.1';
  if (address === '::') return '[::1]';
  return address.includes(':') ? `[${address}]` : address;
}

export async function startReferenceServer(options: ReferenceServerOptions): Promise<RunningReferenceServer> {
  const { app, control } = buildReference(options);
  // Large enough for long filters in the query string (Node's default is 16 KiB).
  const server = createServer({ maxHeaderSize: 64 * 1024 }, app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${urlHost(address.address)}:${address.port}${normalizeBasePath(options.basePath ?? '/scim/v2')}`;
  return {
    url,
    control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

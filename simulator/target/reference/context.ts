import type { Request, RequestHandler } from 'express';
import { ScimError } from './errors.js';
import type { ResourcePolicy } from './policy.js';
import type { RenderContext } from './render.js';
import type { ResourceStore } from './store.js';

/** What the route modules share: one server instance's store, policy, base path and start time. */
export interface ServerState {
  store: ResourceStore;
  /** Resource types as they are now, and the checks and effects of writes (plain RFC by default). */
  policy: ResourcePolicy;
  /** `/scim/v2` (no trailing slash; '' when mounted at the root). */
  basePath: string;
  /** ISO time the server started: `meta.created` of the discovery documents. */
  startedAt: string;
  /** Parses JSON bodies (POST/PUT/PATCH). */
  jsonBody: RequestHandler;
}

/** Absolute base URL from the request's Host header, e.g. `http://127.0.0.1:41234/scim/v2`. */
export function baseUrlOf(req: Request, state: ServerState): string {
  const host = req.headers.host ?? `${req.socket.localAddress ?? 'localhost'}:${req.socket.localPort ?? ''}`;
  return `${req.protocol}://${host}${state.basePath}`;
}

export function renderContext(req: Request, state: ServerState): RenderContext {
  return { baseUrl: baseUrlOf(req, state), store: state.store, resourceType: state.policy.resourceType };
}

/** 405 with `Allow` for methods an endpoint does not support. */
export function methodNotAllowed(allow: string): RequestHandler {
  return (req, _res, next) => {
    next(new ScimError(405, `${req.method} is not supported on ${req.baseUrl}${req.path}; allowed: ${allow}.`, undefined, { Allow: allow }));
  };
}

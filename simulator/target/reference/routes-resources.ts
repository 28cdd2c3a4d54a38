import { Router, type Request, type Response } from 'express';
import { methodNotAllowed, renderContext, type ServerState } from './context.js';
import { notFound } from './errors.js';
import { notModified, checkIfMatch } from './preconditions.js';
import { attributeList, compileProjection, type Projector } from './projection.js';
import { listRequestFromQuery, listRequestFromSearch, runQuery } from './query.js';
import { etagOf, renderResource } from './render.js';
import type { ResourceTypeConfig } from './resource-types.js';
import { sendEmpty, sendScim } from './respond.js';
import type { StoredResource } from './store.js';
import { createResource, patchResource, replaceResource } from './writes.js';

/**
 * `/Users` and `/Groups` (RFC 7644 §3.3–§3.6, §3.4.3): list/query, create, `.search`, and
 * GET/PUT/PATCH/DELETE by id. Single-resource responses carry `ETag` (= `meta.version`);
 * `attributes`/`excludedAttributes` apply to every response with a resource in it.
 */
export function resourceRoutes(endpointType: ResourceTypeConfig, state: ServerState): Router {
  const router = Router();
  const { store, policy } = state;
  const { endpoint } = endpointType;
  /** The type as the server has it now (the policy may add extensions, e.g. in dbt mode). */
  const current = () => policy.resourceType(endpointType.name);

  function find(req: Request): StoredResource {
    const id = String(req.params.id);
    const resource = store.get(endpointType.name, id);
    if (!resource) throw notFound(`${endpointType.name} '${id}' not found.`);
    return resource;
  }

  /** The request's `attributes`/`excludedAttributes`, checked before anything is written. */
  function projectionOf(req: Request): Projector {
    return compileProjection(
      current().lookup,
      attributeList(req.query.attributes, 'attributes'),
      attributeList(req.query.excludedAttributes, 'excludedAttributes'),
    );
  }

  /** A single-resource response: the projected resource, `ETag`, and `Location` (= `meta.location`). */
  function respondWith(req: Request, res: Response, status: number, resource: StoredResource, project: Projector): void {
    const context = renderContext(req, state);
    const body = project(renderResource(resource, context));
    sendScim(res, status, body, { ETag: etagOf(resource), Location: `${context.baseUrl}${endpoint}/${resource.id}` });
  }

  router
    .route(endpoint)
    .get((req, res) => {
      sendScim(res, 200, runQuery(current(), listRequestFromQuery(req.query as Record<string, unknown>), renderContext(req, state)));
    })
    .post(state.jsonBody, (req, res) => {
      const project = projectionOf(req);
      const resource = createResource(current(), store, req.body, policy);
      respondWith(req, res, 201, resource, project);
    })
    .all(methodNotAllowed('GET, POST'));

  router
    .route(`${endpoint}/.search`)
    .post(state.jsonBody, (req, res) => {
      sendScim(res, 200, runQuery(current(), listRequestFromSearch(req.body), renderContext(req, state)));
    })
    .all(methodNotAllowed('POST'));

  router
    .route(`${endpoint}/:id`)
    .get((req, res) => {
      const project = projectionOf(req);
      const resource = find(req);
      if (notModified(req, resource)) {
        sendEmpty(res, 304, { ETag: etagOf(resource) });
        return;
      }
      respondWith(req, res, 200, resource, project);
    })
    .put(state.jsonBody, (req, res) => {
      const project = projectionOf(req);
      const resource = find(req);
      checkIfMatch(req, resource);
      replaceResource(current(), store, resource, req.body, policy);
      respondWith(req, res, 200, resource, project);
    })
    .patch(state.jsonBody, (req, res) => {
      const project = projectionOf(req);
      const resource = find(req);
      checkIfMatch(req, resource);
      patchResource(current(), store, resource, req.body, policy);
      // Users: 200 with the resource. Groups: 204, as Microsoft recommends (a group's full member
      // list in every PATCH response is expensive); RFC 7644 §3.5.2 allows either.
      if (endpointType.name === 'Group') sendEmpty(res, 204, { ETag: etagOf(resource) });
      else respondWith(req, res, 200, resource, project);
    })
    .delete((req, res) => {
      const resource = find(req);
      checkIfMatch(req, resource);
      store.delete(endpointType.name, resource.id);
      policy.deleted(current(), resource);
      sendEmpty(res, 204);
    })
    .all(methodNotAllowed('GET, PUT, PATCH, DELETE'));

  return router;
}

import { Router } from 'express';
import { LIST_RESPONSE_MESSAGE } from '../../scim/schema/urns.js';
import { baseUrlOf, methodNotAllowed, type ServerState } from './context.js';
import { findResourceType, findSchema, resourceTypeDocument, schemaDocument, servedSchemasOf, serviceProviderConfig } from './discovery.js';
import { notFound } from './errors.js';
import { resourceTypes as plainResourceTypes, type ResourceTypeConfig } from './resource-types.js';
import { sendScim } from './respond.js';

function listResponse(resources: Record<string, unknown>[]) {
  return { schemas: [LIST_RESPONSE_MESSAGE], totalResults: resources.length, itemsPerPage: resources.length, startIndex: 1, Resources: resources };
}

/**
 * `/ServiceProviderConfig`, `/ResourceTypes[/{id}]`, `/Schemas[/{urn}]` (RFC 7644 §4). GET only
 * (others → 405); query parameters such as filter or paging are ignored (§4: "SHALL ignore").
 */
export function discoveryRoutes(state: ServerState): Router {
  const router = Router();
  const notGet = methodNotAllowed('GET');
  /** The resource types as they are now (the policy may add extensions, e.g. in dbt mode). */
  const resourceTypes = (): ResourceTypeConfig[] => plainResourceTypes.map((type) => state.policy.resourceType(type.name));

  router
    .route('/ServiceProviderConfig')
    .get((req, res) => sendScim(res, 200, serviceProviderConfig(baseUrlOf(req, state), state.startedAt)))
    .all(notGet);

  router
    .route('/ResourceTypes')
    .get((req, res) => {
      const baseUrl = baseUrlOf(req, state);
      sendScim(res, 200, listResponse(resourceTypes().map((type) => resourceTypeDocument(type, baseUrl, state.startedAt))));
    })
    .all(notGet);

  router
    .route('/ResourceTypes/:id')
    .get((req, res) => {
      const type = findResourceType(resourceTypes(), req.params.id);
      if (!type) throw notFound(`No resource type '${req.params.id}'; this server has User and Group.`);
      sendScim(res, 200, resourceTypeDocument(type, baseUrlOf(req, state), state.startedAt));
    })
    .all(notGet);

  router
    .route('/Schemas')
    .get((req, res) => {
      const baseUrl = baseUrlOf(req, state);
      sendScim(res, 200, listResponse(servedSchemasOf(resourceTypes()).map((schema) => schemaDocument(schema, baseUrl, state.startedAt))));
    })
    .all(notGet);

  router
    .route('/Schemas/:id')
    .get((req, res) => {
      const schema = findSchema(resourceTypes(), req.params.id);
      if (!schema) throw notFound(`No schema '${req.params.id}'; see GET /Schemas for the ones this server has.`);
      sendScim(res, 200, schemaDocument(schema, baseUrlOf(req, state), state.startedAt));
    })
    .all(notGet);

  return router;
}

import type { Request, RequestHandler } from 'express';
import { ScimError, badRequest } from './errors.js';

/** Media types accepted for request bodies (RFC 7644 §3.8; Okta sends `application/json`). */
const ACCEPTED_MEDIA_TYPES = new Set(['application/scim+json', 'application/json']);

type RawBody = { kind: 'ok'; bytes: Buffer } | { kind: 'too-large' };

function readRaw(req: Request, limit: number): Promise<RawBody> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return; // keep draining so the client can read the 413
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        resolve({ kind: 'too-large' });
        return;
      }
      chunks.push(chunk);
    });
    let ended = false;
    req.on('end', () => {
      ended = true;
      if (!over) resolve({ kind: 'ok', bytes: Buffer.concat(chunks) });
    });
    req.on('error', reject);
    // A client that goes away mid-upload: settle, so nothing waits forever.
    req.on('close', () => {
      if (!ended && !over) reject(new Error('The client closed the connection before the body was complete.'));
    });
  });
}

/**
 * Reads and parses the JSON body of POST/PUT/PATCH into `req.body`:
 * - `Content-Type` `application/scim+json` or `application/json` (parameters such as charset
 *   allowed; a missing Content-Type is read as JSON); anything else → 415;
 * - more than `maxBytes` → 413 (the rest of the upload is drained, not read);
 * - empty or malformed JSON → 400 `invalidSyntax`.
 */
export function jsonBody(maxBytes: number): RequestHandler {
  return async (req, _res, next) => {
    const contentType = req.headers['content-type'];
    if (contentType !== undefined) {
      const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
      if (!ACCEPTED_MEDIA_TYPES.has(mediaType)) {
        throw new ScimError(415, `Unsupported Content-Type '${contentType.slice(0, 100)}': send application/scim+json or application/json.`);
      }
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      throw new ScimError(413, `The request body (${declared} bytes) is larger than the ${maxBytes}-byte limit.`);
    }
    const raw = await readRaw(req, maxBytes);
    if (raw.kind === 'too-large') throw new ScimError(413, `The request body is larger than the ${maxBytes}-byte limit.`);
    let text = raw.bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.trim() === '') throw badRequest('invalidSyntax', 'The request needs a JSON body.');
    try {
      req.body = JSON.parse(text) as unknown;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw badRequest('invalidSyntax', `The request body is not valid JSON: ${reason}`);
    }
    next();
  };
}

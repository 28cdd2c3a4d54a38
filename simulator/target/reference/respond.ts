import type { Response } from 'express';
import { errorBody, type ScimError } from './errors.js';

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** Send a JSON body as `application/scim+json; charset=utf-8` (RFC 7644 §3.1, §8.1). */
export function sendScim(res: Response, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  res.status(status);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('Content-Type', SCIM_CONTENT_TYPE);
  res.setHeader('Content-Length', String(payload.length));
  res.end(payload);
}

/** A response without a body (204, 304), with optional headers such as `ETag`. */
export function sendEmpty(res: Response, status: number, headers: Record<string, string> = {}): void {
  res.status(status);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.end();
}

export function sendError(res: Response, error: ScimError): void {
  sendScim(res, error.status, errorBody(error), error.headers);
}

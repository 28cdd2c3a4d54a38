import { ERROR_MESSAGE } from '../../scim/schema/urns.js';

/** RFC 7644 §3.12 Table 9 `scimType` values. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive';

/** An error the server answers with an RFC 7644 §3.12 Error body. */
export class ScimError extends Error {
  override readonly name = 'ScimError';

  constructor(
    readonly status: number,
    readonly detail: string,
    /** Only for 400 (and 409 `uniqueness`), where Table 9 defines one. */
    readonly scimType?: ScimType,
    /** Extra response headers, e.g. `Allow` on 405, `WWW-Authenticate` on 401. */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }
}

export interface ScimErrorBody {
  schemas: [typeof ERROR_MESSAGE];
  /** The HTTP status code as a string (RFC 7644 §3.12). */
  status: string;
  scimType?: ScimType;
  detail: string;
}

export function errorBody(error: ScimError): ScimErrorBody {
  return {
    schemas: [ERROR_MESSAGE],
    status: String(error.status),
    ...(error.scimType ? { scimType: error.scimType } : {}),
    detail: error.detail,
  };
}

export const badRequest = (scimType: ScimType, detail: string) => new ScimError(400, detail, scimType);
export const notFound = (detail: string) => new ScimError(404, detail);

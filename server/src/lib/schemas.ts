import { ErrorBody } from '../../../common/api/shared.js';

/**
 * Shared TypeBox pieces for route schemas: they live in common/api/shared.ts (the web client reads their
 * types); re-exported here so that modules keep importing them from lib/.
 */
export { CursorQuery, Day, ErrorBody, Id, IdParam, Ok, Page } from '../../../common/api/shared.js';

/** Standard error responses, so OpenAPI lists them and serialization never drops fields. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  413: ErrorBody,
  429: ErrorBody,
  /** SERVICE_UNAVAILABLE: the database is restarting or unreachable (plugins/errors.ts). */
  503: ErrorBody,
};

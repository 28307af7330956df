import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { ERRORS } from '../../../common/errors.js';
import { AppError } from '../lib/errors.js';
import { connectionErrorSummary, isConnectionError } from '../db/connection-errors.js';
import type { App } from '../types.js';

/** French wording for the JSON-schema keywords a form can break. */
function fieldMessage(keyword: string, params: Record<string, unknown>): string {
  switch (keyword) {
    case 'required': return 'Ce champ est obligatoire.';
    case 'minLength': return `Au moins ${params.limit} caractère(s).`;
    case 'maxLength': return `Au plus ${params.limit} caractères.`;
    case 'format': return 'Format invalide.';
    case 'pattern': return 'Format invalide.';
    case 'minimum': case 'maximum': return 'Valeur hors limites.';
    case 'enum': case 'const': return 'Valeur non autorisée.';
    case 'additionalProperties': return 'Champ inconnu.';
    default: return 'Valeur invalide.';
  }
}

/** What a 503 tells clients to wait: about the time an embedded PostgreSQL takes to restart. */
const RETRY_AFTER_SECONDS = 5;
const OUTAGE_LOG_EVERY_MS = 10_000;

/**
 * Every failure leaves as `{code, message}` with a French message and the right status;
 * unexpected errors are logged and never leak details.
 */
export default fp(async function errorsPlugin(app: App) {
  let lastOutageLog = 0;
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    if (error instanceof AppError) {
      if (error.code === 'RATE_LIMITED') reply.header('retry-after', String((error as AppError & { retryAfter?: number }).retryAfter ?? 60));
      return reply.status(error.status).send(error.toBody());
    }
    if (error.validation) {
      const fields: Record<string, string> = {};
      for (const v of error.validation) {
        const params = (v.params ?? {}) as Record<string, unknown>;
        const path = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
        const name = v.keyword === 'required' || v.keyword === 'additionalProperties'
          ? [path, String(params.missingProperty ?? params.additionalProperty ?? '')].filter(Boolean).join('.')
          : path;
        fields[name || (error.validationContext ?? 'body')] ??= fieldMessage(v.keyword, params);
      }
      return reply.status(400).send({ code: 'VALIDATION_FAILED', message: ERRORS.VALIDATION_FAILED.message, fields });
    }
    // PostgreSQL restarting, stopped or unreachable: temporary, the request may be sent again.
    if (isConnectionError(error)) {
      // Every request fails alike during an outage: one short line now and then, not one per request.
      if (Date.now() - lastOutageLog >= OUTAGE_LOG_EVERY_MS) {
        lastOutageLog = Date.now();
        request.log.warn(`base de données injoignable, réponses 503 : ${connectionErrorSummary(error)}`);
      }
      return reply.status(503).header('retry-after', String(RETRY_AFTER_SECONDS))
        .send({ code: 'SERVICE_UNAVAILABLE', message: ERRORS.SERVICE_UNAVAILABLE.message });
    }
    const status = error.statusCode ?? 500;
    if (status === 413) return reply.status(413).send({ code: 'PAYLOAD_TOO_LARGE', message: ERRORS.PAYLOAD_TOO_LARGE.message });
    if (status === 415) return reply.status(415).send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: ERRORS.UNSUPPORTED_MEDIA_TYPE.message });
    if (status === 429) return reply.status(429).send({ code: 'RATE_LIMITED', message: ERRORS.RATE_LIMITED.message });
    if (status >= 400 && status < 500) return reply.status(400).send({ code: 'BAD_REQUEST', message: ERRORS.BAD_REQUEST.message });
    request.log.error({ err: error }, 'unexpected error');
    return reply.status(500).send({ code: 'INTERNAL', message: ERRORS.INTERNAL.message });
  });
});

import fp from 'fastify-plugin';
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance } from 'fastify';
import { ERRORS, type ErrorCode } from '../../../common/errors.js';
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
    // Only declared hours are multiples of a fraction (payroll counts quarter hours).
    case 'multipleOf': return params.multipleOf === 0.25 ? 'Les heures se déclarent par quarts d’heure (par exemple 12, 12,25, 12,5 ou 12,75).' : `Un multiple de ${String(params.multipleOf)}.`;
    case 'enum': case 'const': return 'Valeur non autorisée.';
    case 'additionalProperties': return 'Champ inconnu.';
    default: return 'Valeur invalide.';
  }
}

/** Past this much unread body, a refused request's connection is cut rather than read to its end. */
const DRAIN_MAX_BYTES = 32 * 1024 * 1024;
const DRAIN_MAX_WAIT_MS = 10_000;

/**
 * Reads and drops what is left of a refused request's body (too large, bad file) before answering. Node closes the
 * connection as soon as an answer goes out over an unread body: a reverse proxy still sending it then meets a
 * broken pipe, answers 502 instead of our French 413, and takes the instance out of its pool (deploy/nginx/).
 */
async function drainBody(raw: IncomingMessage): Promise<void> {
  if (raw.complete || raw.readableEnded || raw.destroyed) return;
  let seen = 0;
  await new Promise<void>((resolve) => {
    // A sender that stalls is not waited for: the answer goes, and Node closes the connection.
    setTimeout(resolve, DRAIN_MAX_WAIT_MS).unref();
    raw.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > DRAIN_MAX_BYTES) raw.destroy();
    });
    raw.once('end', () => resolve());
    raw.once('error', () => resolve());
    raw.once('close', () => resolve());
    raw.resume();
  });
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
  app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    await drainBody(request.raw);
    if (error instanceof AppError) {
      const retryAfter = (error as AppError & { retryAfter?: number }).retryAfter;
      if (error.code === 'RATE_LIMITED' || retryAfter !== undefined) reply.header('retry-after', String(retryAfter ?? 60));
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

/** Node's parser errors (before any Fastify request exists), by the code we answer with. */
function clientErrorCode(code: string | undefined): ErrorCode {
  if (code === 'HPE_HEADER_OVERFLOW') return 'HEADERS_TOO_LARGE';
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 'REQUEST_TIMEOUT';
  return 'BAD_REQUEST';
}

/**
 * The server's `clientError` handler (Fastify's `clientErrorHandler` option): the same French
 * `{code, message}` as every other refusal, where Fastify's default writes an English body.
 * The request never reached Fastify, so the answer is written on the socket by hand.
 */
export function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const code = clientErrorCode(err.code);
  const { status, message } = ERRORS[code];
  const body = JSON.stringify({ code, message });
  this.log.trace({ err }, 'client error');
  if (socket.writable) {
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n`
      + `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  }
  socket.destroy(err);
}

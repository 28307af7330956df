import { Type } from 'typebox';
import type { App } from '../../types.js';

export default async function healthRoutes(app: App) {
  app.get('/health', {
    schema: {
      tags: ['système'],
      summary: 'État du service et de la base de données',
      response: {
        200: Type.Object({ status: Type.Literal('ok'), database: Type.Literal('ok') }),
        503: Type.Object({ status: Type.Literal('degraded'), database: Type.Literal('unreachable') }),
      },
    },
  }, async (_request, reply) => {
    try {
      await app.pool.query('SELECT 1');
      return { status: 'ok' as const, database: 'ok' as const };
    } catch {
      return reply.status(503).send({ status: 'degraded' as const, database: 'unreachable' as const });
    }
  });
}

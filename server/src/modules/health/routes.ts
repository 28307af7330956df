import { Type } from 'typebox';
import type { App } from '../../types.js';
import { pingDatabase } from './queries.js';

/** Counts only: which hosts serve as replicas is for /metrics (behind its token), not for this public route. */
const Replicas = Type.Optional(Type.Object({
  configured: Type.Integer({ description: 'Réplicas déclarés (DATABASE_REPLICA_URLS)' }),
  usable: Type.Integer({ description: 'Réplicas joignables et assez à jour pour servir les lectures' }),
}));

export default async function healthRoutes(app: App) {
  app.get('/health', {
    schema: {
      tags: ['système'],
      summary: 'État du service, de la base de données et de ses réplicas',
      description: 'Un réplica injoignable ou en retard ne dégrade pas l’état : le primaire sert ses lectures.',
      response: {
        200: Type.Object({ status: Type.Literal('ok'), database: Type.Literal('ok'), replicas: Replicas }),
        503: Type.Object({ status: Type.Literal('degraded'), database: Type.Literal('unreachable'), replicas: Replicas }),
      },
    },
  }, async (_request, reply) => {
    const states = app.replicas?.states();
    const replicas = states && { configured: states.length, usable: states.filter((s) => s.usable).length };
    try {
      await pingDatabase(app.db);
      return { status: 'ok' as const, database: 'ok' as const, replicas };
    } catch {
      return reply.status(503).send({ status: 'degraded' as const, database: 'unreachable' as const, replicas });
    }
  });
}

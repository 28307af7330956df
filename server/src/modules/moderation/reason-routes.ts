import { authorize } from '../../lib/authorize.js';
import { writeContext } from '../../lib/rate-limit.js';
import { errorResponses } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App } from '../../types.js';
import { networkModerationAbilities } from './policy.js';
import { listReasons } from './queries.js';
import { CreateReasonBody, EditReasonBody, FlagReason, ReasonList, ReasonParam, ReasonsQuery } from '../../../../common/api/moderation.js';
import { createReason, editReason } from './service.js';

const tags = ['modération'];

/** The reasons members choose from when flagging; the national administrator edits them. */
export default async function reasonRoutes(app: App) {
  app.get('/moderation/reasons', {
    schema: {
      tags, summary: 'Motifs de signalement (actifs ; tous avec all=true pour l’administration nationale)',
      querystring: ReasonsQuery, response: { 200: ReasonList, ...errorResponses },
    },
  }, async (request) => {
    const all = request.query.all === true;
    // Anyone reads the active reasons; the whole list is the national administrator's.
    if (all) authorize(networkModerationAbilities(requireUser(request)), 'editReasons');
    return { items: await listReasons(app.db, all) };
  });

  app.post('/moderation/reasons', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Ajouter un motif de signalement', body: CreateReasonBody, response: { 201: FlagReason, ...errorResponses } },
  }, async (request, reply) => {
    const user = requireUser(request);
    authorize(networkModerationAbilities(user), 'editReasons');
    return reply.status(201).send(await createReason(writeContext(app, request), user.id, request.body));
  });

  app.patch('/moderation/reasons/:code', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Modifier un motif de signalement (le code ne change pas ; désactiver plutôt que supprimer)',
      params: ReasonParam, body: EditReasonBody, response: { 200: FlagReason, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    authorize(networkModerationAbilities(user), 'editReasons');
    return editReason(writeContext(app, request), user.id, request.params.code, request.body);
  });
}

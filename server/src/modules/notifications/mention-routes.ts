import type { App } from '../../types.js';
import { requireUser } from '../../plugins/session.js';
import { errorResponses } from '../../lib/schemas.js';
import { MentionQuery, MentionSuggestionPage, SlugParam } from '../../../../common/api/notifications.js';
import { authorize } from '../../lib/authorize.js';
import { loadCommunityContext } from '../communities/context.js';
import { mentionAbilities } from './policy.js';
import { mentionSuggestions } from './mentions.js';

export default async function mentionRoutes(app: App) {
  app.get('/communities/:slug/mention-suggestions', {
    config: { auth: 'user' },
    schema: {
      tags: ['notifications'], summary: 'Personnes et équipes à mentionner avec @ (membres de l’e-communauté)',
      params: SlugParam, querystring: MentionQuery, response: { 200: MentionSuggestionPage, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    authorize(mentionAbilities(user, ctx.role), 'suggest');
    const { q = '', cursor, limit = 8 } = request.query;
    return mentionSuggestions(app.db, ctx.community.id, user.id, { q, cursor, limit });
  });
}

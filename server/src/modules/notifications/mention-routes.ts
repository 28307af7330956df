import { Type } from 'typebox';
import type { App } from '../../types.js';
import { requireUser } from '../../plugins/session.js';
import { Page, errorResponses } from '../../lib/schemas.js';
import { authorize } from '../../lib/authorize.js';
import { loadCommunityContext } from '../communities/context.js';
import { mentionAbilities } from './policy.js';
import { mentionSuggestions } from './mentions.js';

const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 200 }) });
const SuggestQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 80 })),
  cursor: Type.Optional(Type.String({ maxLength: 400 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
});
const Suggestion = Type.Object({ handle: Type.String(), label: Type.String(), hint: Type.String(), group: Type.Boolean() });

export default async function mentionRoutes(app: App) {
  app.get('/communities/:slug/mention-suggestions', {
    config: { auth: 'user' },
    schema: {
      tags: ['notifications'], summary: 'Personnes et équipes à mentionner avec @ (membres de l’e-communauté)',
      params: SlugParam, querystring: SuggestQuery, response: { 200: Page(Suggestion), ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    authorize(mentionAbilities(user, ctx.role), 'suggest');
    const { q = '', cursor, limit = 8 } = request.query;
    return mentionSuggestions(app.db, ctx.community.id, user.id, { q, cursor, limit });
  });
}

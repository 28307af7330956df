import { Type } from 'typebox';
import { LIMITS } from '../../../../common/limits.js';
import { decodeKeyset, keysetPage } from '../../lib/cursor.js';
import { authorize } from '../../lib/authorize.js';
import { AppError } from '../../lib/errors.js';
import { CursorQuery, ErrorBody, errorResponses, IdParam } from '../../lib/schemas.js';
import { requireUser } from '../../plugins/session.js';
import type { App, CurrentUser } from '../../types.js';
import { loadCommunityContext } from '../communities/context.js';
import { canRevoke, invitationAbilities } from './policy.js';
import { communityInvitations, findInvitation, inviterFigures, type InvitationRow } from './queries.js';
import {
  Accepted, CreatedLink, Invitation, InvitationPage, InvitationPreview, InvitationStats, InviteByEmailBody, InviteResults, SlugParam, TokenParam,
} from '../../../../common/api/invitations.js';
import { accept, createLink, invitationUrl, inviteByEmail, revoke, usableInvitation } from './service.js';

const tags = ['invitations'];
const goneResponses = { ...errorResponses, 410: ErrorBody };

function present(row: InvitationRow, user: CurrentUser | null, role: Parameters<typeof canRevoke>[1]) {
  return {
    id: row.id, kind: row.kind, email: row.email,
    member: row.member_id === null ? null : { id: row.member_id, firstName: row.member_first_name!, lastName: row.member_last_name! },
    inviter: { id: row.inviter_id, firstName: row.inviter_first_name, lastName: row.inviter_last_name },
    status: row.status, acceptedCount: row.accepted_count,
    createdAt: new Date(row.created_at).toISOString(), expiresAt: new Date(row.expires_at).toISOString(),
    can: { revoke: row.status !== 'revoked' && canRevoke(user, role, row) },
  };
}

export default async function invitationsRoutes(app: App) {
  app.post('/communities/:slug/invitations', {
    config: { auth: 'verified', rateLimit: 'invite' },
    schema: {
      tags, summary: 'Inviter des collègues par courriel (au plus 20 adresses, 50 invitations par 24 heures)',
      params: SlugParam, body: InviteByEmailBody, response: { 201: InviteResults, ...errorResponses },
    },
  }, async (request, reply) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    authorize(invitationAbilities(user, ctx), 'invite', 'Rejoignez d’abord l’e-communauté pour y inviter des collègues.');
    const results = await inviteByEmail(app, ctx.community, user, request.body.emails, request.body.message ?? '');
    return reply.status(201).send({ results });
  });

  app.post('/communities/:slug/invitation-links', {
    config: { auth: 'verified', rateLimit: 'invite' },
    schema: { tags, summary: 'Créer un lien d’invitation à partager (adresse affichée une seule fois)', params: SlugParam, response: { 201: CreatedLink, ...errorResponses } },
  }, async (request, reply) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    authorize(invitationAbilities(user, ctx), 'invite', 'Rejoignez d’abord l’e-communauté pour y inviter des collègues.');
    const { id, token } = await createLink(app.db, ctx.community.id, user.id);
    const row = (await findInvitation(app.db, id))!;
    return reply.status(201).send({ invitation: present(row, user, ctx.role), url: invitationUrl(app, token) });
  });

  app.get('/communities/:slug/invitations', {
    config: { auth: 'user' },
    schema: {
      tags, summary: 'Invitations de l’e-communauté (toutes pour l’équipe d’animation, les siennes pour un membre)',
      params: SlugParam, querystring: Type.Object({ ...CursorQuery.properties, mine: Type.Optional(Type.Boolean()) }),
      response: { 200: InvitationPage, ...errorResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    const all = invitationAbilities(user, ctx).seeAll && !request.query.mine;
    const limit = request.query.limit ?? LIMITS.pageSize;
    const page = keysetPage(await communityInvitations(app.db, ctx.community.id, all ? null : user.id, decodeKeyset(request.query.cursor), limit), limit);
    return { items: page.items.map((r) => present(r, user, ctx.role)), nextCursor: page.nextCursor };
  });

  app.get('/communities/:slug/invitation-stats', {
    config: { auth: 'user' },
    schema: { tags, summary: 'Invitations envoyées, acceptées et adhésions obtenues, par personne (équipe d’animation)', params: SlugParam, response: { 200: InvitationStats, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const ctx = await loadCommunityContext(app.db, request.params.slug, user);
    authorize(invitationAbilities(user, ctx), 'seeAll', 'Les chiffres des invitations sont réservés à l’équipe d’animation.');
    const { rows, totals } = await inviterFigures(app.db, ctx.community.id);
    return {
      totals,
      byInviter: rows.map((r) => ({ inviter: { id: r.inviter_id, firstName: r.first_name, lastName: r.last_name }, role: r.role, sent: r.sent, accepted: r.accepted, joined: r.joined })),
    };
  });

  app.delete('/invitations/:id', {
    config: { auth: 'verified', rateLimit: 'write' },
    schema: { tags, summary: 'Révoquer une invitation ou désactiver un lien', params: IdParam, response: { 200: Invitation, ...errorResponses } },
  }, async (request) => {
    const user = requireUser(request);
    const row = await findInvitation(app.db, request.params.id);
    if (!row) throw new AppError('INVITATION_NOT_FOUND');
    const ctx = await loadCommunityContext(app.db, row.community_id, user);
    // Someone who may not revoke it learns nothing about it either.
    if (!canRevoke(user, ctx.role, row)) throw new AppError('INVITATION_NOT_FOUND');
    await revoke(app.db, row.id, user.id);
    return present((await findInvitation(app.db, row.id))!, user, ctx.role);
  });

  // Guessing tokens is hopeless (256 bits), but the limit keeps the attempt cheap for us.
  app.get('/invitations/by-token/:token', {
    config: { rateLimit: 'invitationView' },
    schema: { tags, summary: 'Ce qu’une invitation propose (page d’accueil de la personne invitée)', params: TokenParam, response: { 200: InvitationPreview, ...goneResponses } },
  }, async (request) => {
    const inv = await usableInvitation(app.db, request.params.token, request.user?.id ?? null);
    return {
      community: { id: inv.community_id, slug: inv.community_slug, name: inv.community_name, description: inv.community_description },
      inviter: { firstName: inv.inviter_first_name, lastName: inv.inviter_last_name },
      kind: inv.kind, email: inv.email, expiresAt: new Date(inv.expires_at).toISOString(), alreadyMember: inv.already_member,
    };
  });

  app.post('/invitations/by-token/:token/accept', {
    config: { auth: 'user', rateLimit: 'write' },
    schema: {
      tags, summary: 'Accepter l’invitation (compte vérifié : adhésion immédiate ; nouveau compte : à la confirmation de l’adresse)',
      params: TokenParam, response: { 200: Accepted, ...goneResponses },
    },
  }, async (request) => {
    const user = requireUser(request);
    return accept(app, request.params.token, user);
  });
}

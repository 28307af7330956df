import { afterAll, describe, expect, it } from 'vitest';
import { LIMITS } from '../../../../common/limits.js';
import { createCommunity } from '../../../test/community-factories.js';
import { unique, useTestApp } from '../../../test/helpers.js';
import { startSmtpSink } from '../../../test/smtp-sink.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';

const sink = await startSmtpSink();
afterAll(() => sink.close());

const tokenIn = (text: string) => /http:\/\/localhost:3000\/invitation\/([\w-]+)/.exec(text)?.[1];

function cookieOf(res: { headers: Record<string, unknown> }): string {
  const set = res.headers['set-cookie'];
  return String(Array.isArray(set) ? set[0] : set).split(';')[0]!;
}

describe('invitations', async () => {
  const { app } = await useTestApp({ smtpUrl: sink.url });

  async function setup() {
    const community = await createCommunity(app, { name: `Politique de la ville ${unique()}` });
    const animator = await memberOf(app, community.id, 'animator');
    const member = await memberOf(app, community.id);
    return { community, animator, member };
  }

  const invite = (slug: string, headers: Record<string, string>, emails: string[]) =>
    app.inject({ method: 'POST', url: `/api/communities/${slug}/invitations`, headers, payload: { emails, message: 'Rejoins-nous !' } });

  it('mails a French invitation; a new account signs up from it and joins once its address is verified', async () => {
    const { community, member, animator } = await setup();
    const email = `${unique('invitee')}@exemple.fr`;
    const sent = await invite(community.slug, member.headers, [email]);
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json().results).toEqual([{ email, outcome: 'sent', message: `Invitation envoyée à ${email}.` }]);
    const mail = await sink.waitForMail(email);
    expect(mail.subject).toContain(`vous invite à rejoindre l’e-communauté « ${community.name} »`);
    expect(mail.text).toContain('Rejoins-nous !');
    expect(mail.html).toContain('lang="fr"');
    const token = tokenIn(mail.text)!;
    expect(token).toBeTruthy();

    const preview = await app.inject({ method: 'GET', url: `/api/invitations/by-token/${token}` });
    expect(preview.json()).toMatchObject({ community: { slug: community.slug }, kind: 'email', email, alreadyMember: false });

    const reg = await app.inject({
      method: 'POST', url: '/api/auth/register',
      payload: { email, password: 'Une phrase de passe assez longue', firstName: 'Inès', lastName: 'Invitée', employer: 'Ville de Lorient', job: 'Chargée de mission', departement: '56', acceptCgu: true },
    });
    expect(reg.statusCode).toBe(201);
    const headers = { cookie: cookieOf(reg), 'x-csrf-token': reg.json().csrfToken };
    const accepted = await app.inject({ method: 'POST', url: `/api/invitations/by-token/${token}/accept`, headers });
    expect(accepted.json()).toEqual({ status: 'pending_verification', community: { slug: community.slug, name: community.name } });
    const before = await app.pool.query('SELECT count(*)::int AS n FROM memberships WHERE community_id = $1 AND user_id = $2', [community.id, reg.json().user.id]);
    expect(before.rows[0].n).toBe(0);

    const verifyMail = await sink.waitForMail(email, { since: sink.mails.indexOf(mail) + 1 });
    const verifyToken = /verifier-email\?token=([\w-]+)/.exec(verifyMail.text)![1];
    expect((await app.inject({ method: 'POST', url: '/api/auth/verify-email', payload: { token: verifyToken } })).statusCode).toBe(200);
    const me = await app.inject({ method: 'GET', url: '/api/me', headers });
    expect(me.json().memberships.map((m: { community: { slug: string } }) => m.community.slug)).toContain(community.slug);
    const count = await app.pool.query('SELECT member_count FROM communities WHERE id = $1', [community.id]);
    expect(count.rows[0].member_count).toBe(3);

    // The personal invitation was used: another account cannot take it.
    const other = await signIn(app);
    const reuse = await app.inject({ method: 'POST', url: `/api/invitations/by-token/${token}/accept`, headers: other.headers });
    expect(reuse.statusCode).toBe(409);
    expect(reuse.json().code).toBe('INVITATION_USED');

    const stats = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/invitation-stats`, headers: animator.headers });
    expect(stats.json()).toEqual({
      totals: { sent: 1, accepted: 1, joined: 1 },
      byInviter: [{ inviter: { id: member.user.id, firstName: member.user.firstName, lastName: member.user.lastName }, role: 'member', sent: 1, accepted: 1, joined: 1 }],
    });
    // Once accepted, the list shows the member, never their address.
    const list = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/invitations`, headers: member.headers });
    expect(list.json().items[0]).toMatchObject({
      kind: 'email', status: 'accepted', email: null, member: { id: me.json().id, firstName: 'Inès', lastName: 'Invitée' },
    });
    expect(list.body).not.toContain(email);
    const forbidden = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/invitation-stats`, headers: member.headers });
    expect(forbidden.statusCode).toBe(403);
  });

  it('refuses a message holding a broken character (a lone UTF-16 surrogate) with a French 400, not a 500', async () => {
    const { community, animator } = await setup();
    const res = await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/invitations`, headers: { ...animator.headers, 'content-type': 'application/json' },
      payload: `{"emails":["${unique('invitee')}@exemple.fr"],"message":"\\udfff"}`,
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('INVALID_CHARACTERS');
  });

  it('answers clearly when inviting a member or an address already invited, and sends to the others', async () => {
    const { community, animator, member } = await setup();
    const already = await invite(community.slug, animator.headers, [member.user.email]);
    expect(already.statusCode).toBe(409);
    expect(already.json()).toMatchObject({ code: 'ALREADY_MEMBER', message: `${member.user.email} est déjà membre de l’e-communauté : inutile de l’inviter.` });
    const fresh = `${unique('neuf')}@exemple.fr`;
    const mixed = await invite(community.slug, animator.headers, [member.user.email.toUpperCase(), fresh]);
    expect(mixed.statusCode).toBe(201);
    expect(mixed.json().results.map((r: { outcome: string }) => r.outcome)).toEqual(['already_member', 'sent']);
    const twice = await invite(community.slug, animator.headers, [fresh]);
    expect(twice.json().code).toBe('INVITATION_ALREADY_PENDING');
  });

  it('shares a link that an existing account uses to join; the link can be revoked, and then answers 410', async () => {
    const { community, member, animator } = await setup();
    const created = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/invitation-links`, headers: member.headers });
    expect(created.statusCode, created.body).toBe(201);
    const { invitation, url } = created.json();
    const token = tokenIn(url)!;
    const colleague = await signIn(app);
    const joined = await app.inject({ method: 'POST', url: `/api/invitations/by-token/${token}/accept`, headers: colleague.headers });
    expect(joined.json()).toMatchObject({ status: 'joined' });
    const again = await app.inject({ method: 'POST', url: `/api/invitations/by-token/${token}/accept`, headers: colleague.headers });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_MEMBER');

    const list = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/invitations`, headers: animator.headers });
    expect(list.json().items[0]).toMatchObject({ id: invitation.id, kind: 'link', acceptedCount: 1, status: 'pending', can: { revoke: true } });
    const outsider = await signIn(app);
    expect((await app.inject({ method: 'DELETE', url: `/api/invitations/${invitation.id}`, headers: outsider.headers })).statusCode).toBe(404);
    const revoked = await app.inject({ method: 'DELETE', url: `/api/invitations/${invitation.id}`, headers: animator.headers });
    expect(revoked.json()).toMatchObject({ status: 'revoked', can: { revoke: false } });
    const late = await signIn(app);
    const gone = await app.inject({ method: 'POST', url: `/api/invitations/by-token/${token}/accept`, headers: late.headers });
    expect(gone.statusCode).toBe(410);
    expect(gone.json()).toMatchObject({ code: 'INVITATION_REVOKED', message: expect.stringContaining('désactivé') });
    expect((await app.inject({ method: 'GET', url: `/api/invitations/by-token/${token}` })).statusCode).toBe(410);
  });

  it('refuses an expired link with 410 and an unknown one with 404', async () => {
    const { community, member } = await setup();
    const { url, invitation } = (await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/invitation-links`, headers: member.headers })).json();
    await app.pool.query(`UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1`, [invitation.id]);
    const user = await signIn(app);
    const expired = await app.inject({ method: 'POST', url: `/api/invitations/by-token/${tokenIn(url)}/accept`, headers: user.headers });
    expect(expired.statusCode).toBe(410);
    expect(expired.json().code).toBe('INVITATION_EXPIRED');
    const unknown = await app.inject({ method: 'GET', url: `/api/invitations/by-token/${'a'.repeat(43)}` });
    expect(unknown.json().code).toBe('INVITATION_NOT_FOUND');
  });

  it('caps invitations per inviter and day, and keeps outsiders from inviting', async () => {
    const { community, member } = await setup();
    const outsider = await signIn(app);
    expect((await invite(community.slug, outsider.headers, [`${unique()}@exemple.fr`])).statusCode).toBe(403);
    const batch = (n: number) => Array.from({ length: n }, () => `${unique('lot')}@exemple.fr`);
    for (let sent = 0; sent < LIMITS.invitationsPerDay; sent += LIMITS.invitationEmailsPerRequest) {
      const n = Math.min(LIMITS.invitationEmailsPerRequest, LIMITS.invitationsPerDay - sent);
      expect((await invite(community.slug, member.headers, batch(n))).statusCode).toBe(201);
    }
    const over = await invite(community.slug, member.headers, batch(1));
    expect(over.statusCode).toBe(429);
    expect(over.json()).toMatchObject({ code: 'INVITATION_DAILY_CAP', message: expect.stringContaining('0 invitation') });
    const tooMany = await invite(community.slug, member.headers, batch(LIMITS.invitationEmailsPerRequest + 1));
    expect(tooMany.statusCode).toBe(400);
  });
});

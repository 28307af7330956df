import { describe, expect, it } from 'vitest';
import { drainEvents, useTestApp } from '../../../test/helpers.js';
import { act, auditRows, commentOn, flag, moderationScene } from './moderation.fixtures.js';

describe('moderation actions', async () => {
  const { app } = await useTestApp();

  async function flagged() {
    const scene = await moderationScene(app);
    expect((await flag(app, 'posts', scene.post.id, scene.reporter.headers, 'manque_bienveillance')).statusCode).toBe(201);
    return scene;
  }

  async function lastMail(to: string) {
    const { rows } = await app.pool.query('SELECT subject, text FROM mail_outbox WHERE to_address = $1 ORDER BY id DESC LIMIT 1', [to]);
    return rows[0] as { subject: string; text: string } | undefined;
  }
  // The decision's mail is queued: once the outbox is drained, a mail not there was never queued.
  const settle = () => drainEvents(app);

  it('keep dismisses the flags, writes one audit row and tells nobody', async () => {
    const { post, animator, author } = await flagged();
    const res = await act(app, 'post', post.id, animator.headers, { action: 'keep', fromQueue: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ action: 'keep', handledFlags: 1 });
    const audit = await auditRows(app, 'post', post.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'keep', actor_id: animator.user.id, target_user_id: author.user.id });
    const { rows } = await app.pool.query('SELECT status, handled_by, action_id FROM flags WHERE post_id = $1', [post.id]);
    expect(rows).toEqual([{ status: 'handled', handled_by: animator.user.id, action_id: audit[0].id }]);
    await settle();
    expect(await lastMail(author.user.email)).toBeUndefined();
    // Nothing left to dismiss.
    const again = await act(app, 'post', post.id, animator.headers, { action: 'keep' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('ALREADY_HANDLED');
  });

  it('hide: readers lose the post, its author sees it with the reason and gets a mail citing the article', async () => {
    const { post, animator, author, reporter, community } = await flagged();
    const res = await act(app, 'post', post.id, animator.headers, {
      action: 'hide', reasonCode: 'manque_bienveillance', message: 'Merci de reformuler.', fromQueue: true,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: reporter.headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/posts/${post.id}` })).statusCode).toBe(404);
    const feed = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/posts`, headers: reporter.headers });
    expect(feed.json().items.map((p: { id: number }) => p.id)).not.toContain(post.id);
    const mine = await app.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: author.headers });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().hidden.reason).toContain('Manque de bienveillance (Charte éditoriale, art. 1)');
    expect(mine.json().hidden.reason).toContain('Merci de reformuler.');
    expect((await app.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: animator.headers })).statusCode).toBe(200);
    await settle();
    const mail = await lastMail(author.user.email);
    expect(mail?.subject).toBe('Votre contribution a été masquée par la modération');
    expect(mail?.text).toContain('Charte éditoriale, art. 1');
    expect(mail?.text).toContain('Merci de reformuler.');
    const audit = await auditRows(app, 'post', post.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'hide', reason_code: 'manque_bienveillance', before: { hidden: false }, after: { hidden: true } });
  });

  it('hides a comment: others see a placeholder, the author and staff keep the text and reason', async () => {
    const { post, animator, author, reporter } = await moderationScene(app);
    const c = await commentOn(app, post.id, author.headers, 'Propos limite');
    const res = await act(app, 'comment', c.id, animator.headers, { action: 'hide', reasonCode: 'discrimination' });
    expect(res.statusCode, res.body).toBe(200);
    const seen = async (headers?: Record<string, string>) =>
      (await app.inject({ method: 'GET', url: `/api/posts/${post.id}/comments`, headers })).json().items.find((k: { id: number }) => k.id === c.id);
    expect(await seen(reporter.headers)).toMatchObject({ bodyMd: '', bodyHtml: '', hidden: { reason: null } });
    expect(await seen(author.headers)).toMatchObject({ bodyMd: 'Propos limite', hidden: { reason: expect.stringContaining('Discrimination') } });
    expect(await seen(animator.headers)).toMatchObject({ bodyMd: 'Propos limite' });
  });

  it('edit and anonymise replace the body, keep the previous version and show « modéré »', async () => {
    const { post, animator, author, reporter } = await flagged();
    const edited = await act(app, 'post', post.id, animator.headers, { action: 'anonymise', reasonCode: 'defaut_anonymisation', body: 'Texte sans [nom].', fromQueue: true });
    expect(edited.statusCode, edited.body).toBe(200);
    const read = (await app.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: reporter.headers })).json();
    expect(read.bodyMd).toBe('Texte sans [nom].');
    expect(read.moderatedAt).toBeTruthy();
    const revisions = await app.inject({ method: 'GET', url: `/api/posts/${post.id}/revisions`, headers: author.headers });
    expect(revisions.json().items[0].bodyMd).toBe('Texte qui pose problème.');
    const audit = await auditRows(app, 'post', post.id);
    expect(audit[0]).toMatchObject({ action: 'anonymise', before: { bodyMd: 'Texte qui pose problème.' }, after: { bodyMd: 'Texte sans [nom].' } });

    const c = await commentOn(app, post.id, author.headers, 'Appelez Mme Durand');
    expect((await act(app, 'comment', c.id, animator.headers, { action: 'edit', reasonCode: 'defaut_anonymisation', body: 'Appelez la collègue' })).statusCode).toBe(200);
    const comments = (await app.inject({ method: 'GET', url: `/api/posts/${post.id}/comments` })).json().items;
    expect(comments.find((k: { id: number }) => k.id === c.id)).toMatchObject({ bodyMd: 'Appelez la collègue', moderatedAt: expect.any(String) });
    // The new body is required.
    const missing = await act(app, 'comment', c.id, animator.headers, { action: 'edit', reasonCode: 'spam' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields.body).toBeTruthy();
  });

  it('delete is soft and keeps the counters', async () => {
    const { post, animator, community, author } = await flagged();
    const c = await commentOn(app, post.id, author.headers);
    expect((await act(app, 'comment', c.id, animator.headers, { action: 'delete', reasonCode: 'spam' })).statusCode).toBe(200);
    const { rows: pc } = await app.pool.query('SELECT comment_count FROM posts WHERE id = $1', [post.id]);
    expect(pc[0].comment_count).toBe(0);
    const before = (await app.pool.query('SELECT post_count FROM communities WHERE id = $1', [community.id])).rows[0].post_count;
    expect((await act(app, 'post', post.id, animator.headers, { action: 'delete', reasonCode: 'spam', fromQueue: true })).statusCode).toBe(200);
    const { rows } = await app.pool.query('SELECT deleted_at IS NOT NULL AS deleted, deleted_by FROM posts WHERE id = $1', [post.id]);
    expect(rows[0]).toEqual({ deleted: true, deleted_by: animator.user.id });
    expect((await app.pool.query('SELECT post_count FROM communities WHERE id = $1', [community.id])).rows[0].post_count).toBe(before - 1);
    expect((await act(app, 'post', post.id, animator.headers, { action: 'delete', reasonCode: 'spam' })).json().code).toBe('ALREADY_DELETED');
  });

  it('warn sends the message only; it needs one', async () => {
    const { post, animator, author } = await flagged();
    expect((await act(app, 'post', post.id, animator.headers, { action: 'warn', reasonCode: 'devoir_reserve' })).statusCode).toBe(400);
    const res = await act(app, 'post', post.id, animator.headers, { action: 'warn', reasonCode: 'devoir_reserve', message: 'Attention au devoir de réserve.' });
    expect(res.statusCode, res.body).toBe(200);
    await settle();
    const mail = await lastMail(author.user.email);
    expect(mail?.subject).toBe('Un avertissement de la modération');
    expect(mail?.text).toContain('Charte éditoriale, art. 2');
  });

  it('suspend: the member cannot post nor comment there (403 SUSPENDED with the end date), elsewhere yes', async () => {
    const { post, animator, author, community } = await flagged();
    const res = await act(app, 'post', post.id, animator.headers, { action: 'suspend', reasonCode: 'manque_bienveillance', days: 7 });
    expect(res.statusCode, res.body).toBe(200);
    const write = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: author.headers, payload: { title: 'Encore', body: 'Moi' } });
    expect(write.statusCode).toBe(403);
    expect(write.json().code).toBe('SUSPENDED');
    expect(write.json().message).toMatch(/jusqu’au \d+ \S+ \d{4}/);
    const until = new Date(write.json().fields.until).getTime();
    expect(Math.abs(until - Date.now() - 7 * 86_400_000)).toBeLessThan(60_000);
    const comment = await app.inject({ method: 'POST', url: `/api/posts/${post.id}/comments`, headers: author.headers, payload: { body: 'Et ça ?' } });
    expect(comment.json().code).toBe('SUSPENDED');
    // Days are bounded.
    expect((await act(app, 'post', post.id, animator.headers, { action: 'suspend', reasonCode: 'spam', days: 0 })).statusCode).toBe(400);
    expect((await act(app, 'post', post.id, animator.headers, { action: 'suspend', reasonCode: 'spam' })).statusCode).toBe(400);
    // Once the period is over, the member writes again.
    await app.pool.query(`UPDATE community_suspensions SET until = now() - interval '1 second' WHERE user_id = $1`, [author.user.id]);
    const back = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: author.headers, payload: { title: 'Retour', body: 'Apaisé' } });
    expect(back.statusCode).toBe(201);
  });

  it('ban: national admin only; the banned user is signed out and cannot sign in (403 ACCOUNT_BANNED)', async () => {
    const { post, animator, coordinator, admin, author } = await flagged();
    const byAnimator = await act(app, 'post', post.id, animator.headers, { action: 'ban', reasonCode: 'spam', fromQueue: true });
    expect(byAnimator.statusCode).toBe(403);
    expect((await act(app, 'post', post.id, coordinator.headers, { action: 'ban', reasonCode: 'spam' })).statusCode).toBe(403);
    expect(await auditRows(app, 'post', post.id)).toHaveLength(0);
    const res = await act(app, 'post', post.id, admin.headers, { action: 'ban', reasonCode: 'spam', message: 'Publicités répétées.', fromQueue: true });
    expect(res.statusCode, res.body).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/me', headers: author.headers })).statusCode).toBe(401);
    expect((await app.pool.query('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [author.user.id])).rows[0].n).toBe(0);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: author.user.email, password: 'Tournesol-Pivoine-42-Cassis' } });
    expect(login.statusCode).toBe(403);
    expect(login.json().code).toBe('ACCOUNT_BANNED');
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: author.user.email, password: 'pas-le-bon-mot-de-passe' } });
    expect(wrong.statusCode).toBe(401);
  });

  it('refuses members, other communities’ staff, anonymous users, self-sanctions and bad input', async () => {
    const { post, reporter, author, animator } = await flagged();
    const other = await moderationScene(app);
    expect((await act(app, 'post', post.id, reporter.headers, { action: 'hide', reasonCode: 'spam' })).statusCode).toBe(403);
    expect((await act(app, 'post', post.id, other.animator.headers, { action: 'hide', reasonCode: 'spam' })).statusCode).toBe(403);
    expect((await act(app, 'post', post.id, {}, { action: 'hide', reasonCode: 'spam' })).statusCode).toBe(401);
    expect((await act(app, 'post', post.id, animator.headers, { action: 'hide' })).statusCode).toBe(400);
    expect((await act(app, 'post', post.id, animator.headers, { action: 'explode', reasonCode: 'spam' })).statusCode).toBe(400);
    expect((await act(app, 'post', post.id, animator.headers, { action: 'hide', reasonCode: 'inconnu' })).statusCode).toBe(400);
    expect((await act(app, 'post', 999_999_999, animator.headers, { action: 'hide', reasonCode: 'spam' })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: `/api/moderation/items/user/${post.id}/actions`, headers: animator.headers, payload: { action: 'keep' } })).statusCode).toBe(400);
    const own = await moderationScene(app);
    const mine = await commentOn(app, own.post.id, own.animator.headers);
    expect((await act(app, 'comment', mine.id, own.animator.headers, { action: 'suspend', reasonCode: 'spam', days: 3 })).statusCode).toBe(403);
    expect(await auditRows(app, 'post', post.id)).toHaveLength(0);
    void author;
  });

  it('two moderators acting at once: one wins, the other gets 409 ALREADY_HANDLED; one audit row', async () => {
    const { post, animator, coordinator } = await flagged();
    const [a, b] = await Promise.all([
      act(app, 'post', post.id, animator.headers, { action: 'hide', reasonCode: 'spam', fromQueue: true }),
      act(app, 'post', post.id, coordinator.headers, { action: 'delete', reasonCode: 'spam', fromQueue: true }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes).toEqual([200, 409]);
    expect([a, b].find((r) => r.statusCode === 409)!.json().code).toBe('ALREADY_HANDLED');
    expect(await auditRows(app, 'post', post.id)).toHaveLength(1);
  });
  it('unhide restores a hidden item for everyone, is audited with before and after, and tells the author', async () => {
    const { post, animator, coordinator, author, reporter, community } = await flagged();
    expect((await act(app, 'post', post.id, animator.headers, { action: 'hide', reasonCode: 'spam', fromQueue: true })).statusCode).toBe(200);
    // Only moderators restore; the author does not restore their own content, nor does a member.
    expect((await act(app, 'post', post.id, author.headers, { action: 'unhide' })).statusCode).toBe(403);
    expect((await act(app, 'post', post.id, reporter.headers, { action: 'unhide' })).statusCode).toBe(403);
    const res = await act(app, 'post', post.id, coordinator.headers, { action: 'unhide', message: 'Signalement non fondé après relecture.' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ action: 'unhide', handledFlags: 0 });
    expect((await app.inject({ method: 'GET', url: `/api/posts/${post.id}`, headers: reporter.headers })).json().hidden).toBeNull();
    const feed = await app.inject({ method: 'GET', url: `/api/communities/${community.slug}/posts`, headers: reporter.headers });
    expect(feed.json().items.map((p: { id: number }) => p.id)).toContain(post.id);
    const audit = await auditRows(app, 'post', post.id);
    expect(audit.map((a) => a.action)).toEqual(['hide', 'unhide']);
    expect(audit[1]).toMatchObject({
      actor_id: coordinator.user.id, target_user_id: author.user.id, reason_code: null, message: 'Signalement non fondé après relecture.',
      before: { hidden: true, hiddenReason: expect.stringContaining('Spam') }, after: { hidden: false },
    });
    await settle();
    const mail = await lastMail(author.user.email);
    expect(mail?.subject).toBe('Votre contribution est de nouveau visible');
    expect(mail?.text).toContain('Signalement non fondé après relecture.');
    // Nothing left to restore: a clear conflict, and no second row.
    const again = await act(app, 'post', post.id, animator.headers, { action: 'unhide' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'NOT_HIDDEN', message: expect.stringContaining('déjà rétabli') });
    expect(await auditRows(app, 'post', post.id)).toHaveLength(2);
  });

  it('two moderators acting on the same item outside the queue: the second gets a French 409, the log one row each', async () => {
    const { post, animator, coordinator } = await moderationScene(app);
    const hides = await Promise.all([
      act(app, 'post', post.id, animator.headers, { action: 'hide', reasonCode: 'spam' }),
      act(app, 'post', post.id, coordinator.headers, { action: 'hide', reasonCode: 'spam' }),
    ]);
    expect(hides.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(hides.find((r) => r.statusCode === 409)!.json()).toMatchObject({ code: 'ALREADY_HIDDEN', message: expect.stringContaining('déjà masqué') });
    const unhides = await Promise.all([
      act(app, 'post', post.id, animator.headers, { action: 'unhide' }),
      act(app, 'post', post.id, coordinator.headers, { action: 'unhide' }),
    ]);
    expect(unhides.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const deletes = await Promise.all([
      act(app, 'post', post.id, animator.headers, { action: 'delete', reasonCode: 'spam' }),
      act(app, 'post', post.id, coordinator.headers, { action: 'delete', reasonCode: 'spam' }),
    ]);
    expect(deletes.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(deletes.find((r) => r.statusCode === 409)!.json().code).toBe('ALREADY_DELETED');
    expect((await auditRows(app, 'post', post.id)).map((a) => a.action)).toEqual(['hide', 'unhide', 'delete']);
  });
});

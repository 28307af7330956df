import { describe, expect, it } from 'vitest';
import { addMember, createCommunity } from '../../../test/community-factories.js';
import { useTestApp } from '../../../test/helpers.js';
import type { App } from '../../types.js';
import { multipart, tinyPng } from '../attachments/attachments.fixtures.js';
import { memberOf } from '../posts/posts.fixtures.js';
import { countLinks } from './rules.js';

const THREE_LINKS = 'Voir https://exemple.fr/a, [le guide](https://exemple.fr/b) et www.exemple.fr/c.';

describe('links counted in Markdown', () => {
  it('counts Markdown links, images, autolinks and bare URLs once each', () => {
    expect(countLinks('Rien ici, juste du texte.')).toBe(0);
    expect(countLinks(THREE_LINKS)).toBe(3);
    expect(countLinks('[a](https://x.fr) ![b](https://x.fr/i.png) <https://y.fr> http://z.fr')).toBe(4);
    expect(countLinks('[ref]: https://x.fr\n\nun courriel a@b.fr')).toBe(1);
  });
});

describe('new-account limits and duplicates', async () => {
  const { app } = await useTestApp();
  const justNow = () => new Date();

  async function publish(a: App, slug: string, headers: Record<string, string>, title: string, body: string) {
    return a.inject({ method: 'POST', url: `/api/communities/${slug}/posts`, headers, payload: { title, body } });
  }
  const comment = (postId: number, headers: Record<string, string>, body: string) =>
    app.inject({ method: 'POST', url: `/api/posts/${postId}/comments`, headers, payload: { body } });

  it('limits a new account to two links per post or comment', async () => {
    const community = await createCommunity(app);
    const fresh = await memberOf(app, community.id, 'member', { createdAt: justNow() });
    const refused = await publish(app, community.slug, fresh.headers, 'Ressources utiles', THREE_LINKS);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'NEW_ACCOUNT_LINK_LIMIT', message: expect.stringContaining('2 liens') });

    const ok = await publish(app, community.slug, fresh.headers, 'Deux liens', 'https://exemple.fr/a et https://exemple.fr/b');
    expect(ok.statusCode, ok.body).toBe(201);
    const c = await comment(ok.json().id, fresh.headers, THREE_LINKS);
    expect(c.statusCode).toBe(403);
    expect(c.json().code).toBe('NEW_ACCOUNT_LINK_LIMIT');
  });

  it('lets an account older than a day with a few accepted contributions share more links', async () => {
    const community = await createCommunity(app);
    const member = await memberOf(app, community.id);
    // Old enough, but no contribution yet: still new.
    expect((await publish(app, community.slug, member.headers, 'Liens', THREE_LINKS)).statusCode).toBe(403);
    for (let i = 1; i <= 3; i++) {
      expect((await publish(app, community.slug, member.headers, `Retour ${i}`, `Expérience numéro ${i}`)).statusCode).toBe(201);
    }
    const ok = await publish(app, community.slug, member.headers, 'Liens', THREE_LINKS);
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('refuses attachments on an account’s first day', async () => {
    const community = await createCommunity(app);
    const upload = (headers: Record<string, string>) => {
      const body = multipart([{ name: 'file', file: { filename: 'plan.png', contentType: 'image/png', data: tinyPng() } }, { name: 'alt', value: 'Plan du quartier' }]);
      return app.inject({ method: 'POST', url: `/api/communities/${community.slug}/attachments`, headers: { ...headers, 'content-type': body.contentType }, payload: body.payload });
    };
    const fresh = await memberOf(app, community.id, 'member', { createdAt: justNow() });
    const refused = await upload(fresh.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('NEW_ACCOUNT_NO_ATTACHMENTS');
    const older = await memberOf(app, community.id);
    expect((await upload(older.headers)).statusCode).toBe(201);
    // Staff appointed on their first day can work at once.
    const animator = await memberOf(app, community.id, 'animator', { createdAt: justNow() });
    expect((await upload(animator.headers)).statusCode).toBe(201);
    expect((await publish(app, community.slug, animator.headers, 'Trois liens', THREE_LINKS)).statusCode).toBe(201);
  });

  it('refuses the same post twice within a day (normalised), not another author’s', async () => {
    const community = await createCommunity(app);
    const other = await createCommunity(app);
    const author = await memberOf(app, community.id);
    await addMember(app, other.id, author.user.id);
    const first = await publish(app, community.slug, author.headers, 'Appel à projets', 'Déposez vos dossiers **avant** le 15 mars.');
    expect(first.statusCode).toBe(201);
    const twice = await publish(app, other.slug, author.headers, 'APPEL à  projets', 'Déposez vos dossiers avant le 15 mars.');
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'DUPLICATE_CONTENT', message: expect.stringContaining('24 heures') });

    const someoneElse = await memberOf(app, community.id);
    expect((await publish(app, community.slug, someoneElse.headers, 'Appel à projets', 'Déposez vos dossiers avant le 15 mars.')).statusCode).toBe(201);

    // Once the day has passed, the same text is accepted again.
    await app.pool.query(`UPDATE rate_limits SET reset_at = now() - interval '1 second' WHERE key LIKE 'duplicate-%' AND key LIKE $1`, [`%:u${author.user.id}`]);
    expect((await publish(app, other.slug, author.headers, 'Appel à projets', 'Déposez vos dossiers avant le 15 mars.')).statusCode).toBe(201);
  });

  it('refuses a repeated comment: short ones on the same post only, long ones anywhere', async () => {
    const community = await createCommunity(app);
    const author = await memberOf(app, community.id);
    const p1 = (await publish(app, community.slug, author.headers, 'Sujet un', 'Premier sujet')).json().id;
    const p2 = (await publish(app, community.slug, author.headers, 'Sujet deux', 'Second sujet')).json().id;
    const reader = await memberOf(app, community.id);
    expect((await comment(p1, reader.headers, 'Merci !')).statusCode).toBe(201);
    expect((await comment(p2, reader.headers, 'Merci !')).statusCode).toBe(201);
    expect((await comment(p1, reader.headers, 'merci  !')).json().code).toBe('DUPLICATE_CONTENT');
    const long = 'Nous avons mis en place la même démarche à Villeurbanne : contactez le service habitat, ils ont une fiche méthode très claire.';
    expect((await comment(p1, reader.headers, long)).statusCode).toBe(201);
    const again = await comment(p2, reader.headers, long);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('DUPLICATE_CONTENT');
  });
  describe('edits meet the same limits as new contributions', () => {
    const editPost = (id: number, headers: Record<string, string>, payload: Record<string, string>) =>
      app.inject({ method: 'PATCH', url: `/api/posts/${id}`, headers, payload });
    const editComment = (id: number, headers: Record<string, string>, body: string) =>
      app.inject({ method: 'PATCH', url: `/api/comments/${id}`, headers, payload: { body } });

    it('a new account cannot edit more links into a post or a comment', async () => {
      const community = await createCommunity(app);
      const fresh = await memberOf(app, community.id, 'member', { createdAt: justNow() });
      const post = await publish(app, community.slug, fresh.headers, 'Ressources', 'Un lien : https://exemple.fr/a');
      expect(post.statusCode, post.body).toBe(201);
      const refused = await editPost(post.json().id, fresh.headers, { body: THREE_LINKS });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('NEW_ACCOUNT_LINK_LIMIT');
      // Nothing was written: neither the text nor a revision.
      const read = await app.inject({ method: 'GET', url: `/api/posts/${post.json().id}`, headers: fresh.headers });
      expect(read.json()).toMatchObject({ bodyMd: 'Un lien : https://exemple.fr/a', editedAt: null });
      expect((await editPost(post.json().id, fresh.headers, { body: 'Deux liens : https://exemple.fr/a https://exemple.fr/b' })).statusCode).toBe(200);

      const c = await comment(post.json().id, fresh.headers, 'Sans lien.');
      expect(c.statusCode, c.body).toBe(201);
      const refusedComment = await editComment(c.json().id, fresh.headers, THREE_LINKS);
      expect(refusedComment.statusCode).toBe(403);
      expect(refusedComment.json().code).toBe('NEW_ACCOUNT_LINK_LIMIT');
      expect((await editComment(c.json().id, fresh.headers, 'Un lien : https://exemple.fr/c')).statusCode).toBe(200);
    });

    it('an edit cannot copy another of the author’s texts, but may go back to its own first wording', async () => {
      const community = await createCommunity(app);
      const author = await memberOf(app, community.id);
      const first = (await publish(app, community.slug, author.headers, 'Appel à projets', 'Déposez vos dossiers avant le 15 mars.')).json().id;
      const second = (await publish(app, community.slug, author.headers, 'Autre sujet', 'Un tout autre texte.')).json().id;
      const copy = await editPost(second, author.headers, { title: 'Appel à projets', body: 'Déposez vos dossiers avant le 15 mars.' });
      expect(copy.statusCode).toBe(409);
      expect(copy.json().code).toBe('DUPLICATE_CONTENT');
      // Fixing a typo and then restoring the first wording is not a duplicate of itself.
      expect((await editPost(first, author.headers, { body: 'Déposez vos dossiers avant le 16 mars.' })).statusCode).toBe(200);
      expect((await editPost(first, author.headers, { body: 'Déposez vos dossiers avant le 15 mars.' })).statusCode).toBe(200);
      // Changing only the title of a post keeps its text's fingerprint.
      expect((await editPost(first, author.headers, { title: 'Appel à projets 2027' })).statusCode).toBe(200);

      const reader = await memberOf(app, community.id);
      const long = 'Nous avons mis en place la même démarche à Villeurbanne : contactez le service habitat, ils ont une fiche méthode très claire.';
      expect((await comment(first, reader.headers, long)).statusCode).toBe(201);
      const other = await comment(second, reader.headers, 'Une autre réponse.');
      const dup = await editComment(other.json().id, reader.headers, long);
      expect(dup.statusCode).toBe(409);
      expect(dup.json().code).toBe('DUPLICATE_CONTENT');
    });
  });
});

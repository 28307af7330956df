import { beforeAll, describe, expect, it } from 'vitest';
import { createUser, sessionFor } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, lastMailTo, newPage, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

describe.skipIf(!hasChromium)('modération a posteriori', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  const title = `Nos prestataires préférés ${suffix}`;
  let slug = '';
  let communityId = 0;
  let postUrl = '';
  const people: Record<'author' | 'reporter' | 'animator', { email: string; password: string }> = {} as never;

  beforeAll(async () => {
    const community = await createCommunity(scene.server.app, { name: `Achats publics ${suffix}` });
    slug = community.slug;
    communityId = community.id;
    for (const [key, role, first] of [['author', 'member', 'Bruno'], ['reporter', 'member', 'Nadia'], ['animator', 'animator', 'Samira']] as const) {
      const u = await createUser(scene.server.app, { firstName: first, lastName: `Test ${suffix}` });
      await addMember(scene.server.app, community.id, u.user.id, role);
      people[key] = { email: u.user.email, password: u.password };
    }
    const author = await scene.server.pool.query<{ id: number }>('SELECT id FROM users WHERE email = $1', [people.author.email]);
    const { rows } = await scene.server.pool.query<{ id: number }>(
      `INSERT INTO posts (community_id, author_id, title, body_md, body_html, excerpt)
       VALUES ($1, $2, $3, 'Contactez la société Dupont Conseil, remise de 20 %.', '<p>Contactez la société Dupont Conseil, remise de 20 %.</p>', 'Contactez la société Dupont Conseil')
       RETURNING id`, [community.id, author.rows[0]!.id, title]);
    postUrl = `${scene.server.url}/publications/${rows[0]!.id}`;
  });

  it('un membre signale la publication avec un motif de la charte', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, people.reporter.email, people.reporter.password, postUrl.replace(scene.server.url, ''));
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByRole('button', { name: 'Signaler', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Signaler cette publication' });
      await dialog.waitFor();
      await expectAccessible(page, 'fenêtre de signalement');
      await dialog.getByRole('radio', { name: /Démarche commerciale/ }).check();
      await dialog.getByLabel('Précisions (facultatif)').fill('Publicité pour un prestataire.');
      await dialog.getByRole('button', { name: 'Envoyer le signalement' }).click();
      await page.getByText('Merci : votre signalement a été transmis').waitFor();
    } finally {
      await context.close();
    }
  });

  it('l’animatrice le voit dans la file de modération et masque la publication', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, people.animator.email, people.animator.password, `/communautes/${slug}`);
      await page.getByRole('navigation', { name: /Rubriques de/ }).getByRole('link', { name: 'Modération' }).click();
      await page.getByRole('heading', { level: 1, name: 'Modération' }).waitFor();
      const card = page.getByRole('article', { name: new RegExp(title) });
      await card.waitFor();
      await card.getByText(/^en attente depuis \d+ min$/).waitFor();
      await card.getByText('Démarche commerciale × 1').waitFor();
      await card.getByText(/Publicité pour un prestataire/).waitFor();
      await expectAccessible(page, 'file de modération');
      await card.getByRole('button', { name: /^Masquer/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Masquer' });
      await dialog.waitFor();
      await expect(dialog.getByLabel(/Motif/).inputValue()).resolves.toBe('demarche_commerciale');
      await dialog.getByLabel(/Message à l’auteur/).fill('Les e-communautés ne sont pas un espace de promotion.');
      await expectAccessible(page, 'décision de modération');
      await dialog.getByRole('button', { name: 'Confirmer' }).click();
      await page.getByText('Aucun signalement en attente').waitFor();
      await page.getByRole('tab', { name: 'Chiffres' }).click();
      await page.getByText('Signalements traités').waitFor();
      await page.getByRole('img', { name: 'Signalements reçus et traités par jour : 1 reçus, 1 traités sur la période' }).waitFor();
      await expectAccessible(page, 'chiffres de la modération');
    } finally {
      await context.close();
    }
  });

  it('les autres ne la voient plus ; son auteur la voit avec le motif et reçoit un courriel', async () => {
    const reader = await newPage(scene.browser);
    try {
      await signInThroughUi(reader.page, scene.server.url, people.reporter.email, people.reporter.password, postUrl.replace(scene.server.url, ''));
      await reader.page.getByRole('heading', { level: 1, name: /introuvable|Page/i }).waitFor();
      await expect(reader.page.getByRole('heading', { level: 1, name: title }).count()).resolves.toBe(0);
    } finally {
      await reader.context.close();
    }
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, people.author.email, people.author.password, postUrl.replace(scene.server.url, ''));
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByText('Cette publication est masquée par la modération').waitFor();
      await page.getByText(/Motif\s: Démarche commerciale \(Charte éditoriale, art\. 4\)/).waitFor();
      await expectAccessible(page, 'publication masquée vue par son auteur');
      const mail = await lastMailTo(scene.server.pool, people.author.email);
      expect(mail.subject).toBe('Votre contribution a été masquée par la modération');
      expect(mail.text).toContain('Charte éditoriale, art. 4');
    } finally {
      await context.close();
    }
  });
  it('l’animatrice rétablit la publication depuis sa page ; les autres la voient de nouveau', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, people.animator.email, people.animator.password, postUrl.replace(scene.server.url, ''));
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByText('Cette publication est masquée par la modération').waitFor();
      await page.getByRole('button', { name: /^Rétablir/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Rétablir' });
      await dialog.waitFor();
      await dialog.getByLabel(/Message à l’auteur/).fill('Après relecture, la publication peut rester en ligne.');
      await expectAccessible(page, 'rétablir une publication');
      await dialog.getByRole('button', { name: 'Confirmer' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('Cette publication est masquée par la modération').waitFor({ state: 'detached' });
    } finally {
      await context.close();
    }
    const reader = await newPage(scene.browser);
    try {
      await signInThroughUi(reader.page, scene.server.url, people.reporter.email, people.reporter.password, postUrl.replace(scene.server.url, ''));
      await reader.page.getByRole('heading', { level: 1, name: title }).waitFor();
    } finally {
      await reader.context.close();
    }
    const mail = await lastMailTo(scene.server.pool, people.author.email);
    expect(mail.subject).toBe('Votre contribution est de nouveau visible');
  });
  it('deux modérateurs décident en même temps : la seconde décision est refusée clairement, la fenêtre reste ouverte', async () => {
    const app = scene.server.app;
    const second = `Offre de formation ${suffix}`;
    const ids = await scene.server.pool.query<{ author: number; reporter: number }>(
      'SELECT (SELECT id FROM users WHERE email = $1)::int AS author, (SELECT id FROM users WHERE email = $2)::int AS reporter',
      [people.author.email, people.reporter.email]);
    const { rows } = await scene.server.pool.query<{ id: number }>(
      `INSERT INTO posts (community_id, author_id, title, body_md, body_html, excerpt)
       VALUES ($1, $2, $3, 'Inscrivez-vous chez nous.', '<p>Inscrivez-vous chez nous.</p>', 'Inscrivez-vous chez nous.') RETURNING id`,
      [communityId, ids.rows[0]!.author, second]);
    const postId = rows[0]!.id;
    const flag = await app.inject({ method: 'POST', url: `/api/posts/${postId}/flags`, headers: await sessionFor(app, ids.rows[0]!.reporter), payload: { reasonCode: 'spam' } });
    expect(flag.statusCode, flag.body).toBe(201);
    const coordinator = await createUser(app, { firstName: 'Julien', lastName: `Test ${suffix}` });
    await addMember(app, communityId, coordinator.user.id, 'coordinator');

    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, people.animator.email, people.animator.password, `/communautes/${slug}/moderation`);
      const card = page.getByRole('article', { name: new RegExp(second) });
      await card.getByRole('button', { name: /^Masquer/ }).click();
      const dialog = page.getByRole('dialog', { name: 'Masquer' });
      await dialog.getByLabel(/Motif/).waitFor();
      // Meanwhile the coordinator hides it from another browser.
      const other = await app.inject({
        method: 'POST', url: `/api/moderation/items/post/${postId}/actions`, headers: await sessionFor(app, coordinator.user.id),
        payload: { action: 'hide', reasonCode: 'spam', fromQueue: true },
      });
      expect(other.statusCode, other.body).toBe(200);
      await dialog.getByRole('button', { name: 'Confirmer' }).click();
      // Whichever conflict the server finds first (flags handled, item already hidden), the dialog says so and stays open.
      await dialog.getByText(/une autre personne de l’équipe de modération/).waitFor();
      await expectAccessible(page, 'décision refusée : déjà traitée');
      // Closing the dialog lets the queue drop the card another moderator handled.
      await dialog.getByRole('button', { name: 'Annuler' }).click();
      await page.getByRole('article', { name: new RegExp(second) }).waitFor({ state: 'detached' });
      const audit = await scene.server.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM moderation_audit WHERE target_type = 'post' AND target_id = $1`, [postId]);
      expect(audit.rows[0]!.n).toBe(1);
    } finally {
      await context.close();
    }
  });
  it('la file ne propose aucune décision sur le contenu d’une personne de rang égal ou supérieur', async () => {
    const app = scene.server.app;
    const coordinator = await createUser(app, { firstName: 'Louise', lastName: `Test ${suffix}` });
    await addMember(app, communityId, coordinator.user.id, 'coordinator');
    const third = `Note de la coordination ${suffix}`;
    const { rows } = await scene.server.pool.query<{ id: number }>(
      `INSERT INTO posts (community_id, author_id, title, body_md, body_html, excerpt)
       VALUES ($1, $2, $3, 'Réunion jeudi.', '<p>Réunion jeudi.</p>', 'Réunion jeudi.') RETURNING id`,
      [communityId, coordinator.user.id, third]);
    const reporter = await scene.server.pool.query<{ id: number }>('SELECT id FROM users WHERE email = $1', [people.reporter.email]);
    const flag = await app.inject({ method: 'POST', url: `/api/posts/${rows[0]!.id}/flags`, headers: await sessionFor(app, reporter.rows[0]!.id), payload: { reasonCode: 'spam' } });
    expect(flag.statusCode, flag.body).toBe(201);

    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, people.animator.email, people.animator.password, `/communautes/${slug}/moderation`);
      const card = page.getByRole('article', { name: new RegExp(third) });
      await card.getByText(/rang égal ou supérieur/).waitFor();
      expect(await card.getByRole('group', { name: 'Décisions possibles' }).count()).toBe(0);
      expect(await card.getByRole('button').count()).toBe(0);
      await expectAccessible(page, 'file : contenu hors de portée');
    } finally {
      await context.close();
    }
  });
});

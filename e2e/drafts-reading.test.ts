import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { createUser, signedInUser } from '../server/test/factories.js';
import {
  NO_CHROMIUM_REASON, editorField, editorValue, expectAccessible, fillEditor, hasChromium, newPage, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

const PHONE = { width: 390, height: 844 };

async function noSideScroll(page: Page, label: string) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${label} : défilement horizontal sur téléphone`).toBeLessThanOrEqual(PHONE.width);
}

async function openMenu(page: Page, item: string) {
  await page.getByRole('button', { name: /Mon compte/ }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

describe.skipIf(!hasChromium)('brouillons, nouveautés depuis la dernière visite, enregistrements', () => {
  const scene = useBrowserScene();

  async function setup() {
    const app = scene.server.app;
    const community = await createCommunity(app);
    const { user: me, password } = await createUser(app, { firstName: 'Camille', lastName: `Brouillon${uniqueSuffix().slice(-4)}` });
    await addMember(app, community.id, me.id);
    const writer = await signedInUser(app);
    await addMember(app, community.id, writer.user.id);
    const headers = { ...writer.headers } as Record<string, string>;
    const publish = async (title: string) => {
      const res = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers, payload: { title, body: `Texte de ${title} ${uniqueSuffix()}` } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    };
    const comment = async (postId: number, body: string) => {
      const res = await app.inject({ method: 'POST', url: `/api/posts/${postId}/comments`, headers, payload: { body } });
      expect(res.statusCode, res.body).toBe(201);
    };
    return { app, community, me, password, writer, headers, publish, comment };
  }

  it('un commentaire commencé est retrouvé après rechargement, sur un autre appareil, dans « Mes brouillons », et disparaît une fois publié', async () => {
    const s = await setup();
    const postId = await s.publish('Plan vélo intercommunal');
    const goneId = await s.publish('Sujet qui sera supprimé');
    const desk = await newPage(scene.browser);
    const phone = await newPage(scene.browser, PHONE);
    try {
      await signInThroughUi(desk.page, scene.server.url, s.me.email, s.password, `/publications/${postId}`);
      await fillEditor(desk.page, 'Votre commentaire', 'Nous avons commencé par un comité d’usagers');
      await desk.page.getByText(/Brouillon enregistré à/).waitFor();
      await desk.page.reload();
      await expect.poll(() => editorValue(desk.page, 'Votre commentaire')).toBe('Nous avons commencé par un comité d’usagers');
      await desk.page.getByText(/Brouillon repris/).waitFor();
      await expectAccessible(desk.page, 'publication avec brouillon repris');

      // Another device (a second browser context): the same draft, then « Mes brouillons » from the account menu.
      await signInThroughUi(phone.page, scene.server.url, s.me.email, s.password, `/publications/${postId}`);
      await expect.poll(() => editorValue(phone.page, 'Votre commentaire')).toBe('Nous avons commencé par un comité d’usagers');
      await phone.page.goto(`${scene.server.url}/publications/${goneId}`);
      await fillEditor(phone.page, 'Votre commentaire', 'Réponse à un sujet bientôt supprimé');
      await phone.page.getByText(/Brouillon enregistré à/).waitFor();
      await s.app.inject({ method: 'DELETE', url: `/api/posts/${goneId}`, headers: s.headers });
      await openMenu(phone.page, 'Mes brouillons');
      await phone.page.getByRole('heading', { level: 1, name: 'Mes brouillons' }).waitFor();
      const list = phone.page.getByRole('list').filter({ hasText: 'comité d’usagers' });
      await list.getByRole('link', { name: 'Plan vélo intercommunal' }).first().waitFor();
      await phone.page.getByText(/La publication a été supprimée : ce commentaire ne peut plus y être publié/).waitFor();
      await expectAccessible(phone.page, 'mes brouillons');
      await noSideScroll(phone.page, 'mes brouillons');

      // Published from the first device: the draft is gone everywhere.
      await desk.page.getByRole('button', { name: 'Publier le commentaire' }).click();
      await desk.page.getByRole('list').getByText('Nous avons commencé par un comité d’usagers').waitFor();
      await expect.poll(() => editorValue(desk.page, 'Votre commentaire')).toBe('');
      await phone.page.reload();
      await phone.page.getByText(/La publication a été supprimée/).waitFor();
      expect(await phone.page.getByText('comité d’usagers').count()).toBe(0);
    } finally {
      await desk.context.close();
      await phone.context.close();
    }
  });

  it('fermer la page juste après avoir tapé : le navigateur prévient et les dernières lettres sont envoyées', async () => {
    const s = await setup();
    const postId = await s.publish('Fermeture rapide');
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, s.me.email, s.password, `/publications/${postId}`);
      await editorField(page, 'Votre commentaire').waitFor();
      // The session's CSRF token is known once the page has read the session.
      await page.getByRole('button', { name: /Mon compte/ }).waitFor();
      const dialogs: string[] = [];
      page.on('dialog', (d) => { dialogs.push(d.type()); void d.accept(); });
      await fillEditor(page, 'Votre commentaire', '');
      await editorField(page, 'Votre commentaire').locator('textarea').pressSequentially('Dernier mot', { delay: 5 });
      await page.close({ runBeforeUnload: true });
      await expect.poll(async () => {
        const { rows } = await s.app.pool.query(`SELECT body FROM drafts WHERE user_id = $1 AND place = $2`, [s.me.id, `comment:${postId}`]);
        return rows[0]?.body;
      }, { timeout: 10_000 }).toBe('Dernier mot');
      expect(dialogs).toContain('beforeunload');
    } finally {
      await context.close();
    }
  });

  it('sur une longue discussion, la marque des nouveaux commentaires est trouvée au-delà de la première page', async () => {
    const s = await setup();
    const postId = await s.publish('Longue discussion sur la GUSP');
    // 54 comments already read: more than the post page's first 50.
    await s.app.pool.query(
      `INSERT INTO comments (post_id, author_id, body_md, body_html, created_at)
       SELECT $1, $2, 'Avis n° ' || i, '<p>Avis n° ' || i || '</p>', now() - interval '1 hour' + i * interval '1 second'
         FROM generate_series(1, 54) AS i`, [postId, s.writer.user.id]);
    await s.app.pool.query('UPDATE posts SET comment_count = comment_count + 54 WHERE id = $1', [postId]);
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, s.me.email, s.password, `/publications/${postId}`);
      await page.getByText('Avis n° 1', { exact: true }).waitFor();
      await s.comment(postId, 'Première réponse de la semaine');
      await s.comment(postId, 'Deuxième réponse de la semaine');
      await page.reload();
      const marker = page.getByText('Nouveaux depuis votre dernière visite');
      await marker.waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('nouveaux');
      // The marker sits right before the first new comment, after the 54 already read.
      const next = await page.locator('#nouveaux + li').textContent();
      expect(next).toContain('Première réponse de la semaine');
      expect(await page.getByText('Avis n° 54', { exact: true }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });

  it('nouveaux commentaires marqués et atteints, nouvelles publications, tout marquer comme lu, enregistrer une publication', async () => {
    const s = await setup();
    const postId = await s.publish('Tarification sociale de l’eau');
    await s.comment(postId, 'Premier avis, déjà lu');
    const { context, page } = await newPage(scene.browser);
    const phone = await newPage(scene.browser, PHONE);
    try {
      await signInThroughUi(page, scene.server.url, s.me.email, s.password, `/publications/${postId}`);
      await page.getByText('Premier avis, déjà lu').waitFor();
      expect(await page.getByText('Nouveaux depuis votre dernière visite').count()).toBe(0);
      // Enough comments to push the new ones below the fold.
      for (let i = 1; i <= 6; i += 1) await s.comment(postId, `Complément n° ${i} ${'texte long '.repeat(30)}`);
      await page.reload();
      const marker = page.getByText('Nouveaux depuis votre dernière visite');
      await marker.waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('nouveaux');
      await expect.poll(() => marker.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight;
      })).toBe(true);
      await expectAccessible(page, 'publication, marque des nouveaux commentaires');

      // « Enregistrer », then « Mes enregistrements » from the account menu.
      const save = page.getByRole('button', { name: 'Enregistrer' });
      await save.click();
      await expect.poll(() => save.getAttribute('aria-pressed')).toBe('true');
      await openMenu(page, 'Mes enregistrements');
      await page.getByRole('heading', { level: 1, name: 'Mes enregistrements' }).waitFor();
      await page.getByRole('link', { name: 'Tarification sociale de l’eau' }).waitFor();
      await expectAccessible(page, 'mes enregistrements');

      // New posts since the last visit of the community, then « Tout marquer comme lu ».
      await page.goto(`${scene.server.url}/communautes/${s.community.slug}`);
      await page.getByRole('heading', { level: 2, name: 'Publications' }).waitFor();
      // The feed (and the visit it records) must be in before the visit is moved back an hour.
      await page.getByRole('link', { name: 'Tarification sociale de l’eau' }).first().waitFor();
      await s.app.pool.query(`UPDATE posts SET created_at = created_at - interval '2 hours' WHERE community_id = $1`, [s.community.id]);
      await s.app.pool.query(`UPDATE community_visits SET visited_at = visited_at - interval '1 hour' WHERE user_id = $1`, [s.me.id]);
      await s.publish('Nouvelle délibération type');
      await s.comment(postId, 'Encore un commentaire');
      await page.reload();
      await page.getByText('1 nouvelle publication depuis votre dernière visite.').waitFor();
      await page.getByText('Nouveau', { exact: true }).waitFor();
      await page.getByText('1 nouveau commentaire').waitFor();
      await expectAccessible(page, 'e-communauté, nouveautés depuis la dernière visite');
      await page.getByRole('button', { name: 'Tout marquer comme lu' }).click();
      await page.getByText('1 nouvelle publication depuis votre dernière visite.').waitFor({ state: 'detached' });
      expect(await page.getByText('1 nouveau commentaire').count()).toBe(0);

      // On a phone: the enregistrements page fits.
      await signInThroughUi(phone.page, scene.server.url, s.me.email, s.password, '/enregistrements');
      await phone.page.getByRole('link', { name: 'Tarification sociale de l’eau' }).waitFor();
      await noSideScroll(phone.page, 'mes enregistrements');
    } finally {
      await context.close();
      await phone.context.close();
    }
  });
});

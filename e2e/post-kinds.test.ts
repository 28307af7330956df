import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix, fillEditor,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

/**
 * Kinds of post as an animator and a member use them: an article and a veille (its link's title
 * fetched from a page served locally — the test configuration lets previews reach loopback only),
 * a filtered feed, and a post shared from a related e-community.
 */
describe.skipIf(!hasChromium)('types de publication', () => {
  const scene = useBrowserScene({ linkPreviewAllowLoopback: true });
  let page$: Server;
  let pageUrl = '';
  const suffix = uniqueSuffix();
  let slug = '';
  let animator = { email: '', password: '' };
  let member = { email: '', password: '' };
  const relatedTitle = `Budget participatif : notre bilan ${suffix}`;
  const articleTitle = `Conseils citoyens : ce que nous avons appris ${suffix}`;

  beforeAll(async () => {
    page$ = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(
        '<html><head><title>Rapport 2024 de l’Observatoire des quartiers</title>'
        + '<meta name="description" content="Les chiffres clés des quartiers prioritaires."></head><body></body></html>',
      );
    });
    await new Promise<void>((resolve) => page$.listen(0, '127.0.0.1', resolve));
    pageUrl = `http://127.0.0.1:${(page$.address() as AddressInfo).port}/rapport`;

    const community = await createCommunity(scene.server.app, { slug: `pdlv-${suffix}`, name: `Politique de la ville ${suffix}` });
    const related = await createCommunity(scene.server.app, { slug: `democratie-${suffix}`, name: `Démocratie participative ${suffix}` });
    slug = community.slug;
    await scene.server.pool.query('INSERT INTO community_relations (community_id, related_id) VALUES ($1, $2), ($2, $1)', [community.id, related.id]);
    const a = await createUser(scene.server.app, { firstName: 'Samira', lastName: `Animatrice ${suffix}` });
    const m = await createUser(scene.server.app, { firstName: 'Paul', lastName: `Membre ${suffix}` });
    const author = await createUser(scene.server.app, { firstName: 'Léa', lastName: `Autrice ${suffix}` });
    await addMember(scene.server.app, community.id, a.user.id, 'animator');
    await addMember(scene.server.app, community.id, m.user.id, 'member');
    await addMember(scene.server.app, related.id, author.user.id, 'member');
    animator = { email: a.user.email, password: a.password };
    member = { email: m.user.email, password: m.password };
    await scene.server.pool.query(
      `INSERT INTO posts (community_id, author_id, title, body_md, body_html, excerpt) VALUES ($1, $2, $3, 'Bilan', '<p>Bilan</p>', 'Bilan')`,
      [related.id, author.user.id, relatedTitle],
    );
  });
  afterAll(async () => {
    page$?.closeAllConnections();
    page$?.close();
  });

  async function publishSucceeded(page: Page) {
    await page.getByText(/Votre publication «\s.*\s» est en ligne/).waitFor();
  }

  it('l’animatrice publie un article et une veille, puis partage une publication d’une e-communauté liée', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, animator.email, animator.password, `/communautes/${slug}`);
      await page.getByRole('heading', { level: 1, name: `Politique de la ville ${suffix}` }).waitFor();

      await page.getByRole('button', { name: 'Publier', exact: true }).click();
      await page.getByLabel('Type de publication').selectOption('article');
      await page.getByLabel('Type d’article').selectOption('retour_experience');
      await page.getByLabel('Titre', { exact: true }).fill(articleTitle);
      await fillEditor(page, 'Texte', 'Trois enseignements de nos **conseils citoyens**.');
      await page.getByLabel(/Mots-clés/).fill('Conseils citoyens, Participation');
      await expectAccessible(page, 'formulaire article');
      await page.getByRole('button', { name: 'Publier', exact: true }).click();
      await publishSucceeded(page);

      await page.getByLabel('Type de publication').selectOption('veille');
      await page.getByLabel('Adresse du lien').fill(pageUrl);
      await page.getByRole('button', { name: 'Récupérer le titre et la description' }).click();
      await expect.poll(() => page.getByLabel('Titre', { exact: true }).inputValue()).toBe('Rapport 2024 de l’Observatoire des quartiers');
      await expect.poll(() => page.getByLabel(/Description du lien/).inputValue()).toBe('Les chiffres clés des quartiers prioritaires.');
      // The animator edits what was fetched before publishing.
      await page.getByLabel('Titre', { exact: true }).fill(`Observatoire des quartiers : le rapport 2024 ${suffix}`);
      await page.getByLabel(/Source/).fill('Observatoire national');
      await fillEditor(page, 'Commentaire de l’animation', 'À lire avant vos prochains diagnostics de territoire.');
      await expectAccessible(page, 'formulaire veille');
      await page.getByRole('button', { name: 'Publier', exact: true }).click();
      await publishSucceeded(page);
      await page.getByRole('link', { name: 'Voir la publication' }).click();
      await page.getByRole('heading', { level: 1, name: `Observatoire des quartiers : le rapport 2024 ${suffix}` }).waitFor();
      const link = page.getByRole('complementary', { name: 'Lien de la veille' });
      expect(await link.getByRole('link', { name: /Observatoire des quartiers : le rapport 2024/ }).getAttribute('href')).toBe(pageUrl);
      await page.getByText('Source : Observatoire national').waitFor();
      await expectAccessible(page, 'publication de veille');

      await page.goto(`${scene.server.url}/communautes/${slug}`);
      const panel = page.getByRole('region', { name: 'Dans les e-communautés liées' });
      await panel.getByRole('link', { name: relatedTitle }).waitFor();
      await expectAccessible(page, 'e-communauté avec communautés liées');
      await panel.getByRole('button', { name: `Partager « ${relatedTitle} » dans Politique de la ville ${suffix}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Votre commentaire').fill('Une démarche à reproduire dans nos quartiers.');
      await expectAccessible(page, 'partage');
      await dialog.getByRole('button', { name: 'Partager', exact: true }).click();
      await panel.getByText('Déjà partagé ici').waitFor();
      await panel.getByText(/^Partagé\s:/).waitFor();
    } finally {
      await context.close();
    }
  }, 90_000);

  it('un membre filtre le fil par type et par mot-clé, et lit un partage', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, member.email, member.password, `/communautes/${slug}`);
      const feed = page.getByRole('region', { name: 'Publications' });
      await feed.getByRole('link', { name: articleTitle }).waitFor();
      // A member publishes discussions and questions only.
      await page.getByRole('button', { name: 'Publier', exact: true }).click();
      expect(await page.getByLabel('Type de publication').locator('option').allTextContents()).toEqual(['Discussion', 'Question']);

      await feed.getByLabel('Type', { exact: true }).selectOption('veille');
      await feed.getByRole('link', { name: `Observatoire des quartiers : le rapport 2024 ${suffix}` }).waitFor();
      await expect.poll(() => feed.getByRole('article').count()).toBe(1);
      expect(page.url()).toContain('type=veille');
      await expectAccessible(page, 'fil filtré par type');

      await feed.getByRole('button', { name: 'Effacer les filtres' }).click();
      await feed.getByRole('button', { name: '#conseils citoyens' }).click();
      await expect.poll(() => feed.getByRole('article').count()).toBe(1);
      await feed.getByRole('link', { name: articleTitle }).waitFor();
      await expectAccessible(page, 'fil filtré par mot-clé');

      await feed.getByRole('button', { name: 'Retirer le filtre « conseils citoyens »' }).click();
      await feed.getByLabel('Type', { exact: true }).selectOption('partage');
      await feed.getByRole('link', { name: relatedTitle }).click();
      await page.getByRole('heading', { level: 1, name: relatedTitle }).waitFor();
      const original = page.getByRole('complementary', { name: 'Publication partagée' });
      await original.getByRole('link', { name: `Démocratie participative ${suffix}` }).waitFor();
      await original.getByText(/Léa Autrice/).waitFor();
      await expectAccessible(page, 'publication partagée');
      await original.getByRole('link', { name: 'Lire la publication d’origine et ses commentaires' }).click();
      await page.getByRole('heading', { level: 1, name: relatedTitle }).waitFor();
      expect(page.url()).not.toContain(slug);
    } finally {
      await context.close();
    }
  }, 90_000);
});

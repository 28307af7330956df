import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

/**
 * The animator's veille journey: add an RSS source (served locally — the test configuration lets
 * veille reach loopback only), see its articles in the inbox, publish one with a commentary,
 * dismiss another, see a broken source reported with its error, and the activity of the 12 weeks
 * (chart, summary sentence, table per source).
 */
describe.skipIf(!hasChromium)('veille', () => {
  const scene = useBrowserScene({ veilleAllowLoopback: true });
  let feeds: Server;
  let feedBase = '';
  let broken = false;
  const suffix = uniqueSuffix();
  let slug = '';
  let animator = { email: '', password: '' };

  beforeAll(async () => {
    feeds = createServer((req, res) => {
      if (broken) return res.writeHead(500).end();
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(`<?xml version="1.0"?>
<rss version="2.0"><channel><title>Observatoire des quartiers</title>
<item><title>Rapport annuel 2025</title><link>https://observatoire.example/rapport-2025</link><guid>r2025</guid>
<description>Les chiffres clés des quartiers prioritaires.</description></item>
<item><title>Appel à projets été</title><link>https://observatoire.example/appel</link><guid>appel</guid></item>
</channel></rss>`);
    });
    await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
    feedBase = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;
    const community = await createCommunity(scene.server.app, { slug: `veille-${suffix}`, name: `Politique de la ville ${suffix}` });
    slug = community.slug;
    const a = await createUser(scene.server.app, { firstName: 'Samira', lastName: `Veilleuse ${suffix}` });
    await addMember(scene.server.app, community.id, a.user.id, 'animator');
    animator = { email: a.user.email, password: a.password };
  });
  afterAll(async () => {
    feeds?.closeAllConnections();
    feeds?.close();
  });

  it('l’animatrice ajoute une source, publie un article avec son commentaire, en écarte un autre et voit l’activité de sa veille', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, animator.email, animator.password, `/communautes/${slug}`);
      await page.getByRole('navigation', { name: /Rubriques/ }).getByRole('link', { name: 'Veille' }).click();
      await page.getByRole('heading', { level: 1, name: 'Veille' }).waitFor();
      await page.getByText(/Rien à trier/).waitFor();
      await expectAccessible(page, 'veille vide');

      await page.getByLabel('Adresse du flux RSS ou Atom').fill(`${feedBase}/rss`);
      await page.getByRole('button', { name: 'Ajouter la source' }).click();
      await page.getByText('Source « Observatoire des quartiers » ajoutée : 2 articles reçus.').waitFor();
      const inbox = page.getByRole('list', { name: 'Articles à trier' });
      await inbox.getByRole('link', { name: /Rapport annuel 2025/ }).waitFor();
      await expectAccessible(page, 'boîte de veille');

      await page.getByRole('button', { name: 'Publier « Rapport annuel 2025 »' }).click();
      await page.getByLabel('Votre commentaire').fill('À lire avant le **prochain conseil citoyen**.');
      await expectAccessible(page, 'formulaire de publication de veille');
      await page.getByRole('button', { name: 'Publier la veille' }).click();
      await page.getByRole('link', { name: 'Voir la publication' }).click();
      await page.getByRole('heading', { level: 1, name: 'Rapport annuel 2025' }).waitFor();
      await page.getByText('prochain conseil citoyen').waitFor();

      await page.goBack();
      await page.getByRole('button', { name: 'Écarter « Appel à projets été »' }).click();
      await page.getByText(/Rien à trier/).waitFor();

      broken = true;
      await page.getByRole('button', { name: 'Relever « Observatoire des quartiers » maintenant' }).click();
      await page.getByText(/le site a répondu HTTP 500 \(1 échec de suite/).waitFor();
      await page.getByText(/Dernière lecture réussie/).waitFor();
      await expectAccessible(page, 'source en échec');

      // The activity of the 12 weeks: the chart (an image with its figures as label), the summary
      // sentence and the table per source, all from GET …/veille/activity.
      const activity = page.getByRole('region', { name: 'Activité de la veille' });
      await activity.getByText(/Sur les 12 dernières semaines : 2 articles reçus, 1 publié \(50\s%\), 1 écarté, 0 à trier\./).waitFor();
      const chart = activity.getByRole('img', { name: /^Articles par semaine de réception \(articles\) : / });
      await chart.waitFor();
      expect(await chart.getAttribute('aria-label')).toMatch(/Reçus 2, Publiés 1, Écartés 1$/);
      await activity.getByText('Données du graphique « Articles par semaine de réception »').click();
      const weeks = activity.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Reçus (articles)' }) });
      expect(await weeks.getByRole('row').count()).toBe(13);
      const perSource = activity.getByRole('table', { name: 'Activité par source sur 12 semaines' });
      const row = perSource.getByRole('row', { name: /Observatoire des quartiers/ });
      expect((await row.getByRole('cell').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()))
        .toEqual(['2', '1', '1', '0', '50 %', 'En échec 1 échec de suite']);
      await expectAccessible(page, 'activité de la veille');
      const { rows } = await scene.server.pool.query(
        `SELECT p.kind::text AS kind, p.link_url FROM posts p JOIN communities c ON c.id = p.community_id WHERE c.slug = $1`, [slug]);
      expect(rows).toEqual([{ kind: 'veille', link_url: 'https://observatoire.example/rapport-2025' }]);
    } finally {
      await context.close();
    }
  }, 120_000);
});

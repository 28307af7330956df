import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { createUser } from '../server/test/factories.js';
import { NO_CHROMIUM_REASON, expectAccessible, fillEditor, hasChromium, newPage, signInThroughUi, uniqueSuffix } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

/**
 * « Ressources CNFPT » end to end: the national team adds a feed of the catalogue (served here on loopback,
 * which only the test configuration lets the server fetch), an animator finds its entry in the veille,
 * puts it forward, and the card, its catalogue link and the dashboard's count follow.
 */
describe.skipIf(!hasChromium)('ressources CNFPT', () => {
  const scene = useBrowserScene({ veilleAllowLoopback: true, cnfptSourcesMax: 100_000 });
  const suffix = uniqueSuffix();
  const title = `Manager une équipe en transition ${suffix}`;
  const catalogue = `https://www.cnfpt.fr/se-former/formation/manager-${suffix}`;
  let feed: Server;
  let feedUrl = '';
  let slug = '';
  let admin = { email: '', password: '' };
  let animator = { email: '', password: '' };

  beforeAll(async () => {
    feed = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Offre de formation du CNFPT ${suffix}</title><link>https://www.cnfpt.fr/</link>
<item><title>${title}</title><link>${catalogue}</link><guid>${suffix}</guid><description>Deux jours à Nancy, en mars.</description></item>
</channel></rss>`));
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
    feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/formations.xml`;
    const { app } = scene.server;
    const community = await createCommunity(app, { name: `Management ${suffix}` });
    slug = community.slug;
    const a = await createUser(app, { firstName: 'Aline', lastName: `Pilote ${suffix}`, nationalRole: 'admin' });
    admin = { email: a.user.email, password: a.password };
    const b = await createUser(app, { firstName: 'Bruno', lastName: `Animateur ${suffix}` });
    await addMember(app, community.id, b.user.id, 'animator');
    animator = { email: b.user.email, password: b.password };
  });
  afterAll(() => { feed?.closeAllConnections(); feed?.close(); });

  it('l’équipe nationale ajoute un flux ; l’animateur met la ressource en avant ; la carte et le compte du mois suivent', async () => {
    {
      const { context, page } = await newPage(scene.browser);
      try {
        await signInThroughUi(page, scene.server.url, admin.email, admin.password, '/pilotage-national');
        await page.getByRole('tab', { name: 'Ressources CNFPT' }).click();
        await page.getByLabel('Adresse du flux RSS ou Atom').fill(feedUrl);
        await page.getByLabel('Type des ressources').selectOption('formation');
        await page.getByRole('button', { name: 'Ajouter la source' }).click();
        await page.getByText(`Source « Offre de formation du CNFPT ${suffix} » ajoutée : 1 ressource reçue.`).waitFor();
        await page.getByRole('list', { name: 'Sources de ressources CNFPT' }).getByRole('heading', { name: `Offre de formation du CNFPT ${suffix}` }).waitFor();
        await expectAccessible(page, 'pilotage national, ressources CNFPT');
      } finally {
        await context.close();
      }
    }

    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, animator.email, animator.password, `/communautes/${slug}/veille`);
      const inbox = page.getByRole('list', { name: 'Ressources du CNFPT à trier' });
      await inbox.getByRole('link', { name: title }).waitFor();
      await expectAccessible(page, 'veille avec les ressources CNFPT');
      await page.getByRole('button', { name: `Mettre en avant « ${title} »` }).click();
      // Prefilled from the catalogue: the title and the type; a word for the members is optional.
      await expect(page.getByLabel('Titre de la publication').inputValue()).resolves.toBe(title);
      await expect(page.getByLabel('Type de ressource').inputValue()).resolves.toBe('formation');
      await expectAccessible(page, 'mise en avant d’une ressource CNFPT');
      await page.getByRole('button', { name: 'Publier la ressource CNFPT' }).click();
      await page.getByText(`« ${title} » est mise en avant.`).waitFor();
      // The inbox is read again after the promotion: the item leaves it once that answer is in.
      await expect.poll(() => inbox.getByRole('link', { name: title }).count()).toBe(0);

      await page.getByRole('link', { name: 'Voir la publication' }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      const onPost = page.getByRole('link', { name: /^Voir dans le catalogue du CNFPT/ });
      await expect(onPost.getAttribute('href')).resolves.toBe(catalogue);
      await page.getByText('Ressource CNFPT', { exact: true }).first().waitFor();
      await expectAccessible(page, 'publication « ressource CNFPT »');

      await page.goto(`${scene.server.url}/communautes/${slug}`);
      const card = page.locator('article.post-card--cnfpt', { hasText: title });
      await card.getByText('Formation', { exact: true }).waitFor();
      await expect(card.getByRole('link', { name: /^Voir dans le catalogue du CNFPT/ }).getAttribute('href')).resolves.toBe(catalogue);
      await expectAccessible(page, 'fil avec une ressource CNFPT');

      await page.goto(`${scene.server.url}/communautes/${slug}/pilotage`);
      await expect(page.getByTestId('cnfpt-promoted').textContent()).resolves.toMatch(/^1 ressource CNFPT mise en avant en /);
      await expectAccessible(page, 'tableau de bord avec les ressources CNFPT');
    } finally {
      await context.close();
    }
  });

  it('l’animateur publie à la main un numéro de la LID comme ressource CNFPT', async () => {
    const { context, page } = await newPage(scene.browser);
    const lid = `https://www.cnfpt.fr/lid/numero-${suffix}`;
    try {
      await signInThroughUi(page, scene.server.url, animator.email, animator.password, `/communautes/${slug}`);
      await page.getByRole('button', { name: 'Publier', exact: true }).click();
      await page.getByLabel('Type de publication').selectOption('ressource');
      await page.getByLabel('Ressource du CNFPT (facultatif)').selectOption('lid');
      await page.getByLabel('Adresse du lien').fill(lid);
      await page.getByLabel('Titre', { exact: true }).fill(`LID n° 412 ${suffix}`);
      await fillEditor(page, 'Présentation de la ressource', 'Le dossier du mois porte sur le **management**.');
      await expectAccessible(page, 'formulaire de ressource CNFPT');
      await page.getByRole('button', { name: 'Publier', exact: true }).click();
      await page.getByRole('link', { name: 'Voir la publication' }).click();
      await page.getByRole('heading', { level: 1, name: `LID n° 412 ${suffix}` }).waitFor();
      const card = page.getByRole('complementary', { name: 'Ressource CNFPT' });
      await expect(card.getByRole('link', { name: /^Voir dans le catalogue du CNFPT/ }).getAttribute('href')).resolves.toBe(lid);
      await page.getByText('Numéro de la LID', { exact: true }).waitFor();
    } finally {
      await context.close();
    }
  });
});

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { tinyPng } from '../server/src/modules/attachments/attachments.fixtures.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

describe.skipIf(!hasChromium)('formats : fichiers joints et vidéos', () => {
  const scene = useBrowserScene(async () => ({ dataDir: await mkdtemp(join(tmpdir(), 'ecom-e2e-formats-')) }));
  const suffix = uniqueSuffix();
  let postId = 0;
  let email = '';
  let password = '';

  beforeAll(async () => {
    const community = await createCommunity(scene.server.app, { slug: `formats-${suffix}`, status: 'open' });
    const author = await createUser(scene.server.app, { firstName: 'Inès', lastName: `Moreau ${suffix}` });
    email = author.user.email;
    password = author.password;
    await addMember(scene.server.app, community.id, author.user.id);
    const { rows } = await scene.server.pool.query<{ id: number }>(
      `INSERT INTO posts (community_id, author_id, title, body_md, body_html) VALUES ($1, $2, $3, 'Le plan et la vidéo.', '<p>Le plan et la vidéo.</p>') RETURNING id`,
      [community.id, author.user.id, `Webinaire conseils citoyens ${suffix}`],
    );
    postId = rows[0]!.id;
  });

  it('l’auteure joint une image avec son texte alternatif et une vidéo YouTube qui ne se charge qu’au clic', async () => {
    const { context, page } = await newPage(scene.browser);
    const thirdParty: string[] = [];
    try {
      // Nothing leaves the machine: any other host gets a stub page, and is recorded.
      await context.route((url) => url.hostname !== 'localhost', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<p>lecteur</p>' }));
      page.on('request', (r) => {
        if (new URL(r.url()).hostname !== 'localhost') thirdParty.push(r.url());
      });

      await signInThroughUi(page, scene.server.url, email, password);
      await page.goto(`${scene.server.url}/publications/${postId}`);
      await page.getByRole('heading', { level: 1, name: /Webinaire conseils citoyens/ }).waitFor();
      await page.getByText('Ajouter des fichiers, des vidéos ou des cartes').click();
      await expectAccessible(page, 'publication : panneau des fichiers');

      // An image without its alternative is refused before sending, with the reason.
      await page.getByLabel('Fichier', { exact: true }).setInputFiles({ name: 'plan.png', mimeType: 'image/png', buffer: tinyPng() });
      await page.getByRole('button', { name: 'Ajouter le fichier' }).click();
      await page.getByRole('link', { name: /Texte alternatif : Décrivez l’image/ }).waitFor();
      const alt = 'Plan du quartier avec les trois conseils citoyens';
      await page.getByLabel('Texte alternatif (obligatoire pour une image)').fill(alt);
      await page.getByRole('button', { name: 'Ajouter le fichier' }).click();
      await page.getByText('« plan.png » a été ajouté à la publication.').waitFor();

      await page.getByLabel('Adresse de la vidéo ou de la carte').fill('https://www.youtube.com/watch?v=dQw4w9WgXcQ');
      await page.getByLabel('Titre (facultatif)').fill('Webinaire de lancement');
      await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
      await page.getByText('La vidéo ou la carte a été ajoutée').waitFor();

      // A reader's view, after a reload.
      thirdParty.length = 0;
      await page.reload();
      const image = page.getByRole('img', { name: alt });
      await image.waitFor();
      expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
      const show = page.getByRole('button', { name: 'Afficher la vidéo (contenu hébergé par YouTube)' });
      await show.waitFor();
      expect(await page.locator('iframe').count()).toBe(0);
      await expectAccessible(page, 'publication : image et vidéo en attente');
      await page.waitForTimeout(300);
      expect(thirdParty).toEqual([]);

      await show.click();
      const frame = page.locator('iframe[title="Webinaire de lancement"]');
      await frame.waitFor();
      expect(await frame.getAttribute('src')).toBe('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ');
      await expect.poll(() => thirdParty.some((u) => u.startsWith('https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'))).toBe(true);
      // Only the privacy-enhanced host, never youtube.com itself.
      expect(thirdParty.every((u) => new URL(u).hostname === 'www.youtube-nocookie.com')).toBe(true);
      await expectAccessible(page, 'publication : vidéo affichée');
    } finally {
      await context.close();
    }
  });
});

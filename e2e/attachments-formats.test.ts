import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { tinyPng } from '../server/src/modules/attachments/attachments.fixtures.js';
import { tinyJpeg } from '../server/src/modules/attachments/image-metadata.fixtures.js';
import {
  expectAccessible, fillEditor, hasChromium, newPage, NO_CHROMIUM_REASON, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';
import { makePdf, pdfTextOf } from './fixtures/pdf.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

const PHONE = { width: 390, height: 844 };
const MIND_MAP_ALT = 'Carte mentale du projet de territoire';
const MIND_MAP_LONG = 'Au centre, le projet de territoire ; quatre branches : mobilités, logement, emploi, santé.';
const INFOGRAPHIC_ALT = 'Infographie : la rénovation énergétique en chiffres';
const INFOGRAPHIC_LONG = '12 000 logements rénovés en 2025, soit 30 % de plus qu’en 2024.';
const MAP_URL = 'https://www.openstreetmap.org/#map=15/45.76400/4.83570';

/**
 * The files beyond an image and a video: a PDF (listed with its type and size, served as a PDF with its name), an
 * OpenStreetMap map loaded on request, and a mind map and an infographic with the long description they require,
 * tied to the image so that a screen reader announces it. Published through the UI, then read as a member would.
 */
describe.skipIf(!hasChromium)('fichiers joints : PDF, carte, carte mentale et infographie', () => {
  const scene = useBrowserScene(async () => ({ dataDir: await mkdtemp(join(tmpdir(), 'ecom-e2e-attachments-')) }));
  const suffix = uniqueSuffix();
  const title = `Projet de territoire ${suffix}`;
  let slug = '';
  let author = { email: '', password: '' };
  let reader = { email: '', password: '' };
  let pdf: Buffer;

  beforeAll(async () => {
    const community = await createCommunity(scene.server.app, { name: `Territoires ${suffix}`, status: 'open' });
    slug = community.slug;
    const a = await createUser(scene.server.app, { firstName: 'Inès', lastName: `Moreau ${suffix}` });
    const r = await createUser(scene.server.app, { firstName: 'Hugo', lastName: `Lecteur ${suffix}` });
    await addMember(scene.server.app, community.id, a.user.id);
    await addMember(scene.server.app, community.id, r.user.id);
    author = { email: a.user.email, password: a.password };
    reader = { email: r.user.email, password: r.password };
    pdf = await makePdf(['Compte rendu du comité de pilotage', `Séance du ${suffix}`]);
  });

  async function addFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }, format: string | null, alt: string, longDesc = '') {
    const form = page.getByRole('form', { name: 'Ajouter un fichier' });
    await form.getByLabel('Fichier', { exact: true }).setInputFiles(file);
    if (format) await form.getByLabel('Format', { exact: true }).selectOption({ label: format });
    if (alt) await form.getByLabel('Texte alternatif (obligatoire pour une image)').fill(alt);
    if (longDesc) await form.getByLabel('Description complète (obligatoire pour une carte mentale ou une infographie)').fill(longDesc);
    await form.getByRole('button', { name: 'Ajouter le fichier' }).click();
  }

  /** The image's description, as assistive technologies compute it: the text of the elements aria-describedby names. */
  async function describedBy(image: Locator): Promise<string> {
    const ids = (await image.getAttribute('aria-describedby'))?.split(/\s+/).filter(Boolean) ?? [];
    expect(ids.length).toBeGreaterThan(0);
    const page = image.page();
    const texts = await Promise.all(ids.map((id) => page.locator(`[id="${id}"]`).textContent()));
    return texts.join(' ').replace(/\s+/g, ' ').trim();
  }

  it('l’autrice publie par le formulaire, puis joint un PDF, une carte, une carte mentale et une infographie', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      // Nothing leaves the machine.
      await context.route((url) => url.hostname !== 'localhost', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<p>carte</p>' }));
      await signInThroughUi(page, scene.server.url, author.email, author.password, `/communautes/${slug}`);
      await page.getByRole('button', { name: 'Publier', exact: true }).click();
      const publish = page.getByRole('form', { name: 'Publier' });
      await publish.getByLabel('Titre').fill(title);
      await fillEditor(publish, 'Texte', 'Les documents du comité de pilotage, la carte du quartier et nos synthèses.');
      await publish.getByRole('button', { name: 'Publier', exact: true }).click();
      await page.getByRole('link', { name: 'Voir la publication' }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByText('Ajouter des fichiers, des vidéos ou des cartes').click();

      await addFile(page, { name: 'comite-pilotage.pdf', mimeType: 'application/pdf', buffer: pdf }, null, 'Compte rendu du comité de pilotage');
      await page.getByText('« comite-pilotage.pdf » a été ajouté à la publication.').waitFor();

      // A mind map without its long description is refused, with the reason.
      await addFile(page, { name: 'carte-mentale.png', mimeType: 'image/png', buffer: tinyPng() }, 'Carte mentale', MIND_MAP_ALT);
      await page.getByRole('link', { name: /Description complète : Obligatoire pour une carte mentale ou une infographie/ }).waitFor();
      await expectAccessible(page, 'fichiers joints : description complète manquante');
      await page.getByLabel('Description complète (obligatoire pour une carte mentale ou une infographie)').fill(MIND_MAP_LONG);
      await page.getByRole('form', { name: 'Ajouter un fichier' }).getByRole('button', { name: 'Ajouter le fichier' }).click();
      await page.getByText('« carte-mentale.png » a été ajouté à la publication.').waitFor();

      await addFile(page, { name: 'infographie.jpg', mimeType: 'image/jpeg', buffer: tinyJpeg() }, 'Infographie', INFOGRAPHIC_ALT, INFOGRAPHIC_LONG);
      await page.getByText('« infographie.jpg » a été ajouté à la publication.').waitFor();

      await page.getByLabel('Adresse de la vidéo ou de la carte').fill(MAP_URL);
      await page.getByLabel('Titre (facultatif)').fill('Le quartier de la Part-Dieu');
      await page.getByRole('button', { name: 'Ajouter', exact: true }).click();
      await page.getByText('La vidéo ou la carte a été ajoutée').waitFor();
      await expectAccessible(page, 'fichiers joints ajoutés');
    } finally {
      await context.close();
    }
  }, 180_000);

  for (const [label, viewport] of [['grand écran', undefined], ['téléphone', PHONE]] as const) {
    it(`sur ${label}, un membre lit la publication : le PDF, la carte à la demande, les descriptions complètes`, async () => {
      const { context, page } = await newPage(scene.browser, viewport);
      const thirdParty: string[] = [];
      try {
        await context.route((url) => url.hostname !== 'localhost', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<p>carte</p>' }));
        page.on('request', (r) => {
          if (new URL(r.url()).hostname !== 'localhost') thirdParty.push(r.url());
        });
        await signInThroughUi(page, scene.server.url, reader.email, reader.password, `/communautes/${slug}`);
        await page.getByRole('link', { name: title }).first().click();
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
        const files = page.getByRole('region', { name: 'Fichiers joints' });

        // The PDF: listed with its type and size, served as a PDF under its name, and the same document.
        const link = files.getByRole('link', { name: 'Compte rendu du comité de pilotage' });
        const item = files.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'Compte rendu du comité de pilotage' }) });
        const size = pdf.length < 1024 ? `${pdf.length} o` : `${Math.round(pdf.length / 1024)} ko`;
        await expect(item.innerText()).resolves.toContain(`(PDF, ${size} — comite-pilotage.pdf)`);
        const response = await page.request.get(new URL((await link.getAttribute('href'))!, scene.server.url).toString());
        expect(response.status()).toBe(200);
        expect(response.headers()['content-type']).toBe('application/pdf');
        expect(response.headers()['content-disposition']).toMatch(/^inline; filename="comite-pilotage\.pdf"/);
        expect(response.headers()['x-content-type-options']).toBe('nosniff');
        const body = await response.body();
        expect(body.equals(pdf)).toBe(true);
        await expect(pdfTextOf(body)).resolves.toContain('Compte rendu du comité de pilotage');

        // The mind map and the infographic: each image carries its format and is described by its long description.
        for (const [alt, long, format] of [[MIND_MAP_ALT, MIND_MAP_LONG, 'Carte mentale'], [INFOGRAPHIC_ALT, INFOGRAPHIC_LONG, 'Infographie']] as const) {
          const image = files.getByRole('img', { name: alt });
          await image.waitFor();
          const figure = files.locator('figure').filter({ has: page.getByRole('img', { name: alt }) });
          await figure.getByText(format, { exact: true }).waitFor();
          await expect(describedBy(image)).resolves.toContain(long);
          await figure.getByText(`Description complète (${format.toLowerCase()})`).click();
          await figure.getByText(long).waitFor();
        }

        // The map: a placeholder first, the frame only when asked for.
        const maps = page.getByRole('region', { name: 'Carte' });
        const show = maps.getByRole('button', { name: 'Afficher la carte (contenu hébergé par OpenStreetMap)' });
        await show.waitFor();
        expect(await page.locator('iframe').count()).toBe(0);
        await expectAccessible(page, `publication avec PDF, carte et images décrites (${label})`);
        expect(thirdParty).toEqual([]);
        await show.click();
        const frame = maps.locator('iframe[title="Le quartier de la Part-Dieu"]');
        await frame.waitFor();
        expect(await frame.getAttribute('src')).toMatch(/^https:\/\/www\.openstreetmap\.org\/export\/embed\.html\?bbox=4\.8\d+,45\.7\d+,4\.8\d+,45\.7\d+&layer=mapnik$/);
        await expect.poll(() => thirdParty.some((u) => u.startsWith('https://www.openstreetmap.org/export/embed.html'))).toBe(true);
        if (viewport) {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow).toBeLessThanOrEqual(0);
        }
        await expectAccessible(page, `carte affichée (${label})`);
      } finally {
        await context.close();
      }
    }, 120_000);
  }
});

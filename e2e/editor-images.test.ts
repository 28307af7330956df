import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { createPost } from '../server/src/modules/posts/service.js';
import { minimalPdf, tinyPng } from '../server/src/modules/attachments/attachments.fixtures.js';
import { NO_CHROMIUM_REASON, editorValue, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

const ALT = 'Plan de la visite du quartier';

/** Whether the comment's image was really loaded by the browser (a 404 leaves naturalWidth at 0). */
async function shownImageWidth(page: Page, alt: string): Promise<number> {
  const img = page.locator(`.comment .prose img[alt="${alt}"]`);
  await img.waitFor();
  return img.evaluate(async (el: HTMLImageElement) => {
    await el.decode().catch(() => undefined);
    return el.naturalWidth;
  });
}

/**
 * A member puts a picture of their own into a comment from the editor: the « Image » dialog takes a file, asks for
 * its alternative text before sending anything, reports the server's refusal in French, then inserts the image by
 * its address on the site; once published, the image shows to the author and to another reader.
 */
describe.skipIf(!hasChromium)('éditeur : image envoyée depuis l’appareil', () => {
  const scene = useBrowserScene(async () => ({ dataDir: await mkdtemp(join(tmpdir(), 'ecom-e2e-editor-images-')) }));

  async function setup() {
    const suffix = uniqueSuffix();
    const app = scene.server.app;
    const community = await createCommunity(app, { slug: `images-${suffix}`, name: `Images ${suffix}` });
    const writer = await createUser(app, { firstName: 'Irène', lastName: `Photographe ${suffix}` });
    const reader = await createUser(app, { firstName: 'Louis', lastName: `Lecteur ${suffix}` });
    await addMember(app, community.id, writer.user.id);
    await addMember(app, community.id, reader.user.id);
    const postId = await createPost(scene.server.db, community.id, reader.user.id, { title: `Visite de quartier ${suffix}`, body: 'Des photos ?' });
    return { writer, reader, postId };
  }

  async function uploads(uploaderId: number): Promise<number> {
    const { rows } = await scene.server.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM attachments WHERE uploader_id = $1', [uploaderId]);
    return rows[0]!.n;
  }

  it('ajoute une image par fichier au clavier, exige son texte alternatif, et la montre dans le commentaire publié', async () => {
    const { writer, reader, postId } = await setup();
    const { page } = await newPage(scene.browser);
    await signInThroughUi(page, scene.server.url, writer.user.email, writer.password);
    await page.goto(`${scene.server.url}/publications/${postId}`);
    const area = page.getByRole('textbox', { name: 'Votre commentaire' }).and(page.locator('[contenteditable="true"]'));
    await area.waitFor();
    await area.focus();
    await page.keyboard.type('Voici le plan :');
    await page.keyboard.press('Enter');

    // Alt+F10 reaches the toolbar, arrows its « Image » button.
    await page.keyboard.press('Alt+F10');
    for (let i = 0; i < 20; i += 1) {
      if ((await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))) === 'Image') break;
      await page.keyboard.press('ArrowRight');
    }
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Ajouter une image' });
    await dialog.waitFor();
    // The native file chooser is the operating system's: the test hands it the file.
    const picker = dialog.getByLabel('Image de votre appareil');
    await picker.setInputFiles({ name: 'plan.png', mimeType: 'image/png', buffer: tinyPng() });

    // Without its alternative text nothing is sent.
    await dialog.getByRole('button', { name: 'Ajouter l’image' }).press('Enter');
    await dialog.getByRole('link', { name: /Texte alternatif : Décrivez l’image/ }).waitFor();
    expect(await uploads(writer.user.id)).toBe(0);
    await expectAccessible(page, 'dialogue d’image avec une erreur');

    // A file whose content is not what its name says: the server's French refusal, in the dialog.
    await picker.setInputFiles({ name: 'faux.png', mimeType: 'image/png', buffer: minimalPdf() });
    await dialog.getByLabel('Texte alternatif').focus();
    await page.keyboard.type(ALT);
    await page.keyboard.press('Enter');
    await dialog.getByText('Le contenu du fichier ne correspond pas à son extension ou à son type annoncé.').waitFor();
    expect(await uploads(writer.user.id)).toBe(0);

    await picker.setInputFiles({ name: 'plan.png', mimeType: 'image/png', buffer: tinyPng() });
    await dialog.getByLabel('Texte alternatif').focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const { rows } = await scene.server.pool.query<{ id: number }>('SELECT id FROM attachments WHERE uploader_id = $1', [writer.user.id]);
    expect(rows).toHaveLength(1);
    await expect.poll(() => editorValue(page, 'Votre commentaire')).toBe(`Voici le plan :\n\n![${ALT}](/api/attachments/${rows[0]!.id}/plan.png)`);

    await page.getByRole('button', { name: 'Publier le commentaire' }).press('Enter');
    expect(await shownImageWidth(page, ALT)).toBeGreaterThan(0);
    await expectAccessible(page, 'commentaire avec une image envoyée');

    // Another member of the community reads the comment with its image.
    const other = await newPage(scene.browser);
    await signInThroughUi(other.page, scene.server.url, reader.user.email, reader.password);
    await other.page.goto(`${scene.server.url}/publications/${postId}`);
    expect(await shownImageWidth(other.page, ALT)).toBeGreaterThan(0);
  });

  it('une image collée dans le texte ouvre le dialogue avec elle, à décrire avant l’envoi', async () => {
    const { writer, postId } = await setup();
    const { page } = await newPage(scene.browser);
    await signInThroughUi(page, scene.server.url, writer.user.email, writer.password);
    await page.goto(`${scene.server.url}/publications/${postId}`);
    const area = page.getByRole('textbox', { name: 'Votre commentaire' }).and(page.locator('[contenteditable="true"]'));
    await area.waitFor();
    await area.focus();
    await page.evaluate((bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'capture.png', { type: 'image/png' }));
      document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, [...tinyPng()]);
    const dialog = page.getByRole('dialog', { name: 'Ajouter une image' });
    await dialog.waitFor();
    await expect(dialog.getByLabel('Image de votre appareil').evaluate((el: HTMLInputElement) => el.files?.[0]?.name)).resolves.toBe('capture.png');
    await page.keyboard.type('Capture du tableau de bord');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => editorValue(page, 'Votre commentaire')).toMatch(/^!\[Capture du tableau de bord\]\(\/api\/attachments\/\d+\/capture\.png\)$/);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix, fillEditor, editorValue,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

describe.skipIf(!hasChromium)('aide à l’anonymisation', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  const title = `Médiation de nuit : retour d’expérience ${suffix}`;
  let slug = '';
  let member: { email: string; password: string };

  beforeAll(async () => {
    const community = await createCommunity(scene.server.app, { name: `Tranquillité publique ${suffix}` });
    slug = community.slug;
    const m = await createUser(scene.server.app, { firstName: 'Inès', lastName: `Marchal ${suffix}` });
    await addMember(scene.server.app, community.id, m.user.id, 'member');
    member = { email: m.user.email, password: m.password };
  });

  it('un membre vérifie sa publication, remplace l’adresse électronique, garde le numéro et publie', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, member.email, member.password, `/communautes/${slug}`);
      await page.getByRole('button', { name: 'Publier', exact: true }).click();
      const form = page.getByRole('form', { name: 'Publier' });
      await form.getByLabel('Titre').fill(title);
      await fillEditor(form, 'Texte', 
        'Pour le protocole, écrivez à karim.haddad@ville-exemple.fr ou appelez le standard au 01 23 45 67 89.',
      );
      await form.getByRole('button', { name: 'Vérifier l’anonymisation' }).click();
      const panel = form.getByRole('region', { name: 'Vérification de l’anonymisation' });
      await panel.getByRole('heading', { name: '2 données personnelles probables à vérifier' }).waitFor();
      await expect(panel.getByRole('listitem').count()).resolves.toBe(2);
      await expectAccessible(page, 'vérification de l’anonymisation');

      await panel.getByRole('button', { name: 'Remplacer « karim.haddad@ville-exemple.fr » par « [adresse électronique] »' }).click();
      await panel.getByText('Remplacé par « [adresse électronique] ».').waitFor();
      // Focus moves on to the next decision, for keyboard users.
      await expect(page.evaluate(() => (document.activeElement?.textContent ?? '').replace(/\s/g, ' '))).resolves.toContain('Remplacer par « [téléphone] »');
      await panel.getByRole('button', { name: 'Ignorer « 01 23 45 67 89 »' }).click();
      await panel.getByText('Ignoré : le texte reste tel quel.').waitFor();
      await form.getByRole('heading', { name: 'Vérification terminée' }).waitFor();
      await expect(editorValue(form, 'Texte')).resolves.toBe(
        'Pour le protocole, écrivez à [adresse électronique] ou appelez le standard au 01 23 45 67 89.',
      );
      await expectAccessible(page, 'vérification terminée');

      await form.getByRole('button', { name: 'Publier', exact: true }).click();
      await page.getByRole('link', { name: 'Voir la publication' }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      const article = page.locator('main');
      await article.getByText(/écrivez à \[adresse électronique\] ou appelez le standard au 01 23 45 67 89/).waitFor();
      await expect(article.getByText('karim.haddad@ville-exemple.fr').count()).resolves.toBe(0);
      await expectAccessible(page, 'publication anonymisée');
    } finally {
      await context.close();
    }
  });

  it('sur un téléphone (360 px), le formulaire de commentaire propose la vérification sans débordement', async () => {
    const { context, page } = await newPage(scene.browser, { width: 360, height: 780 });
    try {
      await signInThroughUi(page, scene.server.url, member.email, member.password, `/communautes/${slug}`);
      await page.getByRole('link', { name: title }).first().click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await fillEditor(page, 'Votre commentaire', 'Mme Lefèvre habite 12 rue des Lilas, 69003 Lyon.');
      await page.getByRole('button', { name: 'Vérifier l’anonymisation' }).click();
      await page.getByRole('heading', { name: '2 données personnelles probables à vérifier' }).waitFor();
      await page.getByRole('button', { name: 'Remplacer « Mme Lefèvre » par « Mme [nom] »' }).click();
      await page.getByRole('button', { name: 'Remplacer « 12 rue des Lilas, 69003 Lyon » par « [adresse] »' }).click();
      await expect(editorValue(page, 'Votre commentaire')).resolves.toBe('Mme [nom] habite [adresse].');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page, 'commentaire sur téléphone');
    } finally {
      await context.close();
    }
  });
});

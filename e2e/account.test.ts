import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '../server/test/factories.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, lastMailTo, linkIn, newPage, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

// Without the browser, a skipped test named after the reason keeps the gap visible in every report.
if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

/** Name, role and text of the focused element, to follow the keyboard path. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return { tag: '', id: '', text: '', label: '' };
    const labelled = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent ?? '' : '';
    return { tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent ?? '').trim(), label: labelled.trim() };
  });
}

describe.skipIf(!hasChromium)('compte : clavier et mot de passe', () => {
  const scene = useBrowserScene();

  it('la connexion se fait entièrement au clavier, en commençant par le lien d’évitement', async () => {
    const suffix = uniqueSuffix();
    const { user, password } = await createUser(scene.server.app, { firstName: 'Karim', lastName: `Clavier ${suffix}` });
    const { context, page } = await newPage(scene.browser);
    try {
      await page.goto(`${scene.server.url}/connexion`);
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      await expectAccessible(page, 'connexion');

      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ tag: 'a', text: 'Aller au contenu' });
      await expectAccessible(page, 'lien d’évitement visible');
      await page.keyboard.press('Enter');
      expect(await focused(page)).toMatchObject({ tag: 'main', id: 'contenu' });

      // From the main content, the first stop is the e-mail field, then the password.
      await page.keyboard.press('Tab');
      expect((await focused(page)).label).toBe('Adresse électronique');
      await page.keyboard.type(user.email);
      await page.keyboard.press('Tab');
      expect((await focused(page)).label).toBe('Mot de passe');
      await page.keyboard.type(password);
      await page.keyboard.press('Enter');

      await page.getByRole('heading', { level: 1, name: 'Mon fil' }).waitFor();
      await page.getByRole('button', { name: `Mon compte (Karim Clavier ${suffix})` }).waitFor();
      await expectAccessible(page, 'accueil après connexion au clavier');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('réinitialise le mot de passe par courriel puis se connecte avec le nouveau', async () => {
    const suffix = uniqueSuffix();
    const { user, password: oldPassword } = await createUser(scene.server.app, { firstName: 'Lucie', lastName: `Oubli ${suffix}` });
    const newPassword = `Nouvelle phrase secrète ${suffix}`;
    const { context, page } = await newPage(scene.browser);
    try {
      await page.goto(`${scene.server.url}/connexion`);
      await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' }).waitFor();
      await expectAccessible(page, 'mot de passe oublié');
      await page.getByLabel('Adresse électronique').fill(user.email);
      await page.getByRole('button', { name: 'Recevoir le lien' }).click();
      await page.getByText('Demande enregistrée').waitFor();
      await expectAccessible(page, 'demande de réinitialisation enregistrée');

      const mail = await lastMailTo(scene.server.pool, user.email);
      await page.goto(linkIn(mail.text, '/mot-de-passe/nouveau?token='));
      await page.getByRole('heading', { level: 1, name: 'Nouveau mot de passe' }).waitFor();
      await expectAccessible(page, 'nouveau mot de passe');
      // A mismatch is reported in the error summary and next to the field.
      await page.getByLabel('Nouveau mot de passe').fill(newPassword);
      await page.getByLabel('Confirmation du mot de passe').fill(`${newPassword}!`);
      await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      await page.getByText('Le formulaire contient une erreur').waitFor();
      await page.getByText('Les deux mots de passe ne sont pas identiques.').first().waitFor();
      await expectAccessible(page, 'nouveau mot de passe avec erreur');
      await page.getByLabel('Confirmation du mot de passe').fill(newPassword);
      await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      await page.getByText('Mot de passe modifié').waitFor();
      await expectAccessible(page, 'mot de passe modifié');

      // The old password no longer works; the new one does.
      await page.getByRole('link', { name: 'Se connecter' }).last().click();
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      await page.getByLabel('Adresse électronique').fill(user.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(oldPassword);
      await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
      await page.getByRole('alert').filter({ hasText: /./ }).first().waitFor();
      await expectAccessible(page, 'connexion refusée');
      expect(await page.getByRole('button', { name: /^Mon compte/ }).count()).toBe(0);

      await signInThroughUi(page, scene.server.url, user.email, newPassword);
      await page.getByRole('heading', { level: 1, name: 'Mon fil' }).waitFor();
    } finally {
      await context.close();
    }
  }, 120_000);
});

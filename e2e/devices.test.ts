import { describe, expect, it } from 'vitest';
import { createUser } from '../server/test/factories.js';
import { NO_CHROMIUM_REASON, expectAccessible, hasChromium, lastMailTo, newPage, signInThroughUi } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

// Without the browser, a skipped test named after the reason keeps the gap visible in every report.
if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

describe.skipIf(!hasChromium)('mes appareils', () => {
  // Without the session cache, so that making the sign-in look 11 minutes old in the database takes effect at once.
  const scene = useBrowserScene({ sessionCacheSeconds: 0 });

  it('un membre connecté sur deux navigateurs voit les deux, déconnecte l’autre, puis tous les autres après avoir confirmé son mot de passe', async () => {
    const { url, pool } = scene.server;
    const { user, password } = await createUser(scene.server.app, { firstName: 'Inès' });
    const desk = await newPage(scene.browser);
    const laptop = await newPage(scene.browser);
    try {
      await signInThroughUi(desk.page, url, user.email, password);
      await signInThroughUi(laptop.page, url, user.email, password);
      // Each browser was new to the account: the person is told by e-mail.
      expect((await lastMailTo(pool, user.email, 'Nouvelle connexion à votre compte')).subject).toBe('Nouvelle connexion à votre compte');

      const { page } = desk;
      await page.goto(`${url}/profil`);
      await page.getByRole('link', { name: 'Gérer mes appareils' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mes appareils' }).waitFor();
      const sessions = page.getByRole('list', { name: 'Sessions ouvertes' }).getByRole('listitem');
      await expect.poll(() => sessions.count()).toBe(2);
      await sessions.first().getByText('cet appareil').waitFor();
      await sessions.first().getByText('Mot de passe').waitFor();
      await expectAccessible(page, 'mes appareils');

      await sessions.nth(1).getByRole('button', { name: /^Déconnecter / }).click();
      await page.getByText('L’appareil est déconnecté.').waitFor();
      await expect.poll(() => sessions.count()).toBe(1);
      // The other browser is signed out: its next page asks it to sign in.
      await laptop.page.goto(`${url}/profil`);
      await laptop.page.getByLabel('Adresse électronique').waitFor();

      // Signing out every other device is sensitive: once the last proof is 11 minutes old, the password is asked.
      await signInThroughUi(laptop.page, url, user.email, password);
      await pool.query(`UPDATE sessions SET reauthenticated_at = now() - interval '11 minutes' WHERE user_id = $1`, [user.id]);
      await page.reload();
      await expect.poll(() => sessions.count()).toBe(2);
      await page.getByRole('button', { name: 'Déconnecter tous les autres appareils' }).click();
      const dialog = page.getByRole('dialog', { name: 'Confirmez votre mot de passe' });
      await dialog.waitFor();
      await expectAccessible(page, 'confirmation avant de déconnecter les autres appareils');
      await dialog.getByLabel('Mot de passe').fill(password);
      await dialog.getByRole('button', { name: 'Confirmer' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('1 appareil déconnecté.').waitFor();
      await page.getByText('Votre compte n’est ouvert sur aucun autre appareil.').waitFor();
      await laptop.page.goto(`${url}/profil`);
      await laptop.page.getByLabel('Adresse électronique').waitFor();
    } finally {
      await desk.context.close();
      await laptop.context.close();
    }
  }, 120_000);
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createUser, sessionFor } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

// Without the browser, a skipped test named after the reason keeps the gap visible in every report.
if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

describe.skipIf(!hasChromium)('données personnelles', () => {
  // Without the session cache, so that making the sign-in look 11 minutes old in the database takes effect at once.
  const scene = useBrowserScene({ sessionCacheSeconds: 0 });

  it('un membre télécharge ses données puis supprime son compte ; sa publication reste sous « Membre supprimé »', async () => {
    const suffix = uniqueSuffix();
    const community = await createCommunity(scene.server.app);
    const { user, password } = await createUser(scene.server.app, { firstName: 'Bérénice', lastName: `Départ ${suffix}` });
    const { user: reader, password: readerPassword } = await createUser(scene.server.app, { firstName: 'Rémi', lastName: `Lecteur ${suffix}` });
    await addMember(scene.server.app, community.id, user.id);
    await addMember(scene.server.app, community.id, reader.id);
    const title = `Notre budget participatif ${suffix}`;
    const created = await scene.server.app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/posts`, headers: await sessionFor(scene.server.app, user.id),
      payload: { title, body: 'Trois ans de budget participatif dans notre commune.' },
    });
    expect(created.statusCode).toBe(201);
    const postId = created.json().id as number;

    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, user.email, password, '/profil');
      await page.getByRole('heading', { level: 2, name: 'Mes données' }).waitFor();
      await expectAccessible(page, 'profil, section Mes données');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Télécharger mes données (JSON)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^e-communautes-mes-donnees-\d{4}-\d{2}-\d{2}\.json$/);
      const data = JSON.parse(readFileSync((await download.path())!, 'utf8'));
      expect(data.profile.email).toBe(user.email);
      expect(data.posts.map((p: { title: string }) => p.title)).toEqual([title]);
      expect(data.memberships[0].community_slug).toBe(community.slug);

      // The dialog works from the keyboard: « Annuler » has the focus on opening, Échap gives it back to the button.
      const trigger = page.getByRole('button', { name: 'Supprimer mon compte' });
      await trigger.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('alertdialog', { name: 'Supprimer mon compte' });
      await dialog.waitFor();
      await expect.poll(() => dialog.getByRole('button', { name: 'Annuler' }).evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => trigger.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press('Enter');
      await dialog.waitFor();
      await expectAccessible(page, 'dialogue de suppression du compte');
      // Signed in more than 10 minutes ago: the password is asked again (ReauthDialog) before the deletion is sent.
      await scene.server.pool.query(`UPDATE sessions SET reauthenticated_at = now() - interval '11 minutes' WHERE user_id = $1`, [user.id]);
      await dialog.getByRole('button', { name: 'Supprimer définitivement mon compte' }).click();
      const reauth = page.getByRole('dialog', { name: 'Confirmez votre mot de passe' });
      await reauth.waitFor();
      await reauth.getByLabel('Mot de passe').fill('pas le bon mot de passe');
      await reauth.getByRole('button', { name: 'Confirmer' }).click();
      await reauth.getByText('Mot de passe incorrect.').first().waitFor();
      await reauth.getByLabel('Mot de passe').fill(password);
      await reauth.getByRole('button', { name: 'Confirmer' }).click();
      await page.getByRole('heading', { level: 1, name: 'Votre compte est supprimé' }).waitFor();
      await page.getByRole('link', { name: 'Se connecter' }).first().waitFor();
      await expectAccessible(page, 'compte supprimé');
    } finally {
      await context.close();
    }

    const other = await newPage(scene.browser);
    try {
      await signInThroughUi(other.page, scene.server.url, reader.email, readerPassword, `/publications/${postId}`);
      await other.page.getByRole('heading', { level: 1, name: title }).waitFor();
      await other.page.getByRole('link', { name: 'Membre supprimé' }).first().waitFor();
      expect(await other.page.getByText(`Départ ${suffix}`).count()).toBe(0);
    } finally {
      await other.context.close();
    }
  }, 180_000);

  it('un membre accepte la nouvelle version des CGU depuis le dialogue', async () => {
    const { user, password } = await createUser(scene.server.app);
    // The CGU page is shared by every test file: a newer version is simulated by an older acceptance.
    await scene.server.pool.query(`INSERT INTO cgu_acceptances (user_id, version) SELECT $1, version - 1 FROM legal_pages WHERE slug = 'cgu'`, [user.id]);
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, user.email, password);
      const dialog = page.getByRole('alertdialog', { name: 'Les conditions générales d’utilisation ont changé' });
      await dialog.waitFor();
      await expectAccessible(page, 'dialogue des nouvelles CGU');
      await dialog.getByRole('link', { name: 'Lire les conditions générales d’utilisation' }).click();
      await page.getByRole('heading', { level: 1, name: 'Conditions générales d’utilisation' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Versions précédentes' }).waitFor();
      await expectAccessible(page, 'CGU à accepter');
      await page.getByRole('button', { name: 'J’accepte' }).click();
      await page.getByRole('region', { name: 'Nouvelles conditions générales d’utilisation' }).waitFor({ state: 'detached' });
      const { rows } = await scene.server.pool.query('SELECT max(version) AS v FROM cgu_acceptances WHERE user_id = $1', [user.id]);
      const current = (await scene.server.pool.query(`SELECT version FROM legal_pages WHERE slug = 'cgu'`)).rows[0].version;
      expect(rows[0].v).toBe(current);
    } finally {
      await context.close();
    }
  }, 120_000);
});

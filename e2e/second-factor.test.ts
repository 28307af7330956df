import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { codeFor } from '../server/src/modules/mfa/mfa.fixtures.js';
import { NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, uniqueSuffix } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

async function passwordStep(page: Page, baseUrl: string, email: string, password: string) {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Second facteur' }).waitFor();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: /^Mon compte/ }).click();
  await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
  await page.getByRole('link', { name: 'Se connecter' }).first().waitFor();
}

describe.skipIf(!hasChromium)('second facteur : application d’authentification, codes de secours', () => {
  const scene = useBrowserScene({ sessionCacheSeconds: 0 });

  it('la page de connexion d’un réseau de démonstration liste ses comptes partagés, exemptés du second facteur', async () => {
    const { app, url } = scene.server;
    const suffix = uniqueSuffix();
    const community = await createCommunity(app, { name: `Démo ${suffix}` });
    const demo = await createUser(app, { firstName: 'Démo', lastName: `Anim${suffix}` });
    await addMember(app, community.id, demo.user.id, 'animator');
    // What the demo seed does (no route can): the shared account of a demo network.
    await app.pool.query('UPDATE users SET demo_account = true WHERE id = $1', [demo.user.id]);
    const { context, page } = await newPage(scene.browser);
    try {
      await page.goto(`${url}/connexion`);
      // One shared account per role is listed (the run's database may hold other demo accounts).
      const card = page.getByRole('region', { name: 'Comptes de démonstration' });
      await card.getByText('(animation)').waitFor();
      await card.getByText('exemptés du second facteur').waitFor();
      await expectAccessible(page, 'connexion avec comptes de démonstration');
      await page.getByLabel('Adresse électronique').fill(demo.user.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(demo.password);
      await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
      // An animator, yet no second-factor step: the session opens at once.
      await page.getByRole('button', { name: /^Mon compte/ }).waitFor();
      expect(new URL(page.url()).pathname).not.toBe('/connexion/second-facteur');
    } finally {
      await app.pool.query('UPDATE users SET demo_account = false WHERE id = $1', [demo.user.id]);
      await context.close();
    }
  });

  it('une animatrice active son application, se reconnecte avec un code puis avec un code de secours', async () => {
    const { app, url } = scene.server;
    const suffix = uniqueSuffix();
    const community = await createCommunity(app, { name: `Sécurité ${suffix}` });
    const animator = await createUser(app, { firstName: 'Inès', lastName: `Anim${suffix}` });
    await addMember(app, community.id, animator.user.id, 'animator');

    const { context, page } = await newPage(scene.browser);
    try {
      // First sign-in: the grace period starts, the session opens.
      await page.goto(`${url}/connexion`);
      await page.getByLabel('Adresse électronique').fill(animator.user.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(animator.password);
      await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
      await page.getByRole('button', { name: /^Mon compte/ }).waitFor();

      // « Sécurité du compte », from the account menu.
      await page.getByRole('button', { name: /^Mon compte/ }).click();
      await page.getByRole('menuitem', { name: 'Sécurité du compte' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sécurité du compte' }).waitFor();
      await page.getByText('Second facteur obligatoire pour votre rôle').waitFor();
      await expectAccessible(page, 'sécurité du compte');
      await page.getByRole('button', { name: 'Associer une application d’authentification' }).click();
      await page.getByRole('img', { name: 'QR code à scanner avec votre application d’authentification' }).waitFor();
      const secret = (await page.locator('.totp-setup__secret').textContent())!.trim();
      expect(secret).toMatch(/^[A-Z2-7 ]+$/);
      await expectAccessible(page, 'association de l’application');
      await page.getByLabel('Code à 6 chiffres affiché par l’application').fill(codeFor(secret));
      await page.getByRole('button', { name: 'Vérifier et activer' }).click();
      const codes = page.getByRole('list', { name: 'Codes de secours' }).getByRole('listitem');
      await codes.first().waitFor();
      expect(await codes.count()).toBe(10);
      const recovery = (await codes.first().textContent())!.trim();
      await page.getByText('Activée').waitFor();
      await expectAccessible(page, 'codes de secours');

      // Signing in again asks for the code after the password.
      await signOut(page);
      await passwordStep(page, url, animator.user.email, animator.password);
      await expectAccessible(page, 'étape du second facteur');
      await page.getByLabel('Code à 6 chiffres de votre application d’authentification').fill(codeFor(secret, 1));
      await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
      await page.getByRole('button', { name: /^Mon compte/ }).waitFor();

      // And a recovery code when the phone is not at hand; it works once.
      await signOut(page);
      await passwordStep(page, url, animator.user.email, animator.password);
      await page.getByRole('button', { name: 'Utiliser un code de secours' }).click();
      await page.getByLabel(/^Code de secours/).fill(recovery);
      await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
      await page.getByRole('button', { name: /^Mon compte/ }).waitFor();
      await page.goto(`${url}/compte/securite`);
      await page.getByText('Il vous reste 9 codes de secours sur 10.').waitFor();

      await signOut(page);
      await passwordStep(page, url, animator.user.email, animator.password);
      await page.getByRole('button', { name: 'Utiliser un code de secours' }).click();
      await page.getByLabel(/^Code de secours/).fill(recovery);
      await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
      await page.getByText('Code incorrect, expiré ou déjà utilisé.').first().waitFor();
    } finally {
      await context.close();
    }
  }, 120_000);

  it('un coordonnateur enregistre une clé d’accès (authentificateur virtuel de Chromium) et se connecte avec', async () => {
    const { app, url, pool } = scene.server;
    const suffix = uniqueSuffix();
    const community = await createCommunity(app, { name: `Clés ${suffix}` });
    const coordinator = await createUser(app, { firstName: 'Paul', lastName: `Coordo${suffix}` });
    await addMember(app, community.id, coordinator.user.id, 'coordinator');

    const { context, page } = await newPage(scene.browser);
    try {
      // A platform authenticator that always says yes: what Chromium's DevTools protocol offers for tests.
      const cdp = await context.newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
      });

      await page.goto(`${url}/connexion`);
      await page.getByLabel('Adresse électronique').fill(coordinator.user.email);
      await page.getByLabel('Mot de passe', { exact: true }).fill(coordinator.password);
      await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
      await page.getByRole('button', { name: /^Mon compte/ }).waitFor();
      await page.goto(`${url}/compte/securite`);
      await page.getByLabel(/^Nom de la clé/).fill('Ordinateur du bureau');
      await page.getByRole('button', { name: 'Ajouter une clé d’accès' }).click();
      await page.getByRole('list', { name: 'Codes de secours' }).waitFor();
      await page.getByRole('list', { name: 'Mes clés d’accès' }).getByText('Ordinateur du bureau').waitFor();
      await expectAccessible(page, 'clés d’accès');
      const { rows } = await pool.query('SELECT name FROM mfa_passkeys WHERE user_id = $1', [coordinator.user.id]);
      expect(rows).toEqual([{ name: 'Ordinateur du bureau' }]);

      await signOut(page);
      await passwordStep(page, url, coordinator.user.email, coordinator.password);
      await page.getByRole('button', { name: 'Utiliser ma clé d’accès' }).click();
      await page.getByRole('button', { name: /^Mon compte/ }).waitFor();
      const used = await pool.query('SELECT last_used_at FROM mfa_passkeys WHERE user_id = $1', [coordinator.user.id]);
      expect(used.rows[0].last_used_at).not.toBeNull();

      // Eleven minutes later, a sensitive change (associating an app) asks for proof: the passkey gives it.
      await pool.query(`UPDATE sessions SET reauthenticated_at = now() - interval '11 minutes' WHERE user_id = $1`, [coordinator.user.id]);
      await page.goto(`${url}/compte/securite`);
      await page.getByRole('button', { name: 'Associer une application d’authentification' }).click();
      const secret = (await page.locator('.totp-setup__secret').textContent())!.trim();
      await page.getByLabel('Code à 6 chiffres affiché par l’application').fill(codeFor(secret));
      await page.getByRole('button', { name: 'Vérifier et activer' }).click();
      const dialog = page.getByRole('dialog', { name: 'Confirmez votre mot de passe' });
      await dialog.waitFor();
      await expectAccessible(page, 'confirmation par clé d’accès');
      await dialog.getByRole('button', { name: 'Utiliser ma clé d’accès' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('Activée').waitFor();
    } finally {
      await context.close();
    }
  }, 120_000);

  it('le délai de grâce écoulé, une animatrice active une clé d’accès dès la connexion et continue', async () => {
    const { app, url, pool } = scene.server;
    const suffix = uniqueSuffix();
    const community = await createCommunity(app, { name: `Grâce ${suffix}` });
    const animator = await createUser(app, { firstName: 'Lina', lastName: `Anim${suffix}` });
    await addMember(app, community.id, animator.user.id, 'animator');
    await pool.query(`UPDATE users SET mfa_grace_started_at = now() - interval '30 days' WHERE id = $1`, [animator.user.id]);

    const { context, page } = await newPage(scene.browser);
    try {
      const cdp = await context.newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
      });
      await passwordStep(page, url, animator.user.email, animator.password);
      await page.getByRole('heading', { level: 2, name: 'Ou avec une clé d’accès' }).waitFor();
      await expectAccessible(page, 'activation obligatoire : application ou clé d’accès');
      await page.getByLabel(/^Nom de la clé/).fill('Téléphone pro');
      await page.getByRole('button', { name: 'Ajouter une clé d’accès' }).click();
      await page.getByRole('list', { name: 'Codes de secours' }).waitFor();
      await page.getByRole('button', { name: 'J’ai noté mes codes, continuer' }).click();
      await page.getByRole('button', { name: /^Mon compte/ }).waitFor();
      const { rows } = await pool.query('SELECT name FROM mfa_passkeys WHERE user_id = $1', [animator.user.id]);
      expect(rows).toEqual([{ name: 'Téléphone pro' }]);

      // Next time, the passkey is the second factor asked for.
      await signOut(page);
      await passwordStep(page, url, animator.user.email, animator.password);
      await page.getByRole('button', { name: 'Utiliser ma clé d’accès' }).click();
      await page.getByRole('button', { name: /^Mon compte/ }).waitFor();
    } finally {
      await context.close();
    }
  }, 120_000);
});

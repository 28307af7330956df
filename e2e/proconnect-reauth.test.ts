import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { sessionFor } from '../server/test/factories.js';
import { startTestProvider, type TestProvider } from '../server/test/oidc-provider.js';
import { NO_CHROMIUM_REASON, expectAccessible, hasChromium, launchBrowser, newPage, startServer, uniqueSuffix, type E2eServer } from './harness.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

/** Signs in on the test provider's own development page (any login name picks the person). */
async function signInAtProvider(page: Page, login: string) {
  await page.locator('input[name="login"]').waitFor();
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', 'peu-importe');
  await page.locator('button[type="submit"]').click();
}

describe.skipIf(!hasChromium)('confirmer son identité avec ProConnect', () => {
  let server: E2eServer;
  let provider: TestProvider;
  let browser: Browser;

  beforeAll(async () => {
    // Without the session cache, so that making the sign-in look 11 minutes old in the database takes effect at once.
    server = await startServer({ sessionCacheSeconds: 0 });
    provider = await startTestProvider([`${server.url}/api/auth/oidc/callback`], [`${server.url}/connexion`]);
    server.app.config.oidc = {
      issuer: provider.issuer, clientId: provider.clientId, clientSecret: provider.clientSecret,
      acrValues: 'eidas1', label: 'ProConnect', allowInsecure: true,
    };
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await provider?.close();
    await server?.close();
  });

  it('un agent inscrit par ProConnect, sans mot de passe connu, se confirme chez ProConnect avant de déconnecter ses autres appareils', async () => {
    const login = `agent${uniqueSuffix()}`;
    const email = `${login}@mairie.exemple.fr`;
    provider.agents.set(login, { email, given_name: 'Yanis', usual_name: `Perrin ${login}` });
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${server.url}/connexion`);
      await page.getByRole('link', { name: 'S’identifier avec ProConnect' }).click();
      await signInAtProvider(page, login);
      await page.getByLabel(/accepte les conditions générales/).check();
      await page.getByRole('button', { name: 'Créer mon compte' }).click();
      await page.getByRole('button', { name: `Mon compte (Yanis Perrin ${login})` }).waitFor();

      const { rows } = await server.pool.query<{ id: number }>('SELECT id FROM users WHERE email = $1', [email]);
      const userId = Number(rows[0]!.id);
      await sessionFor(server.app, userId);
      await server.pool.query(`UPDATE sessions SET reauthenticated_at = now() - interval '11 minutes' WHERE user_id = $1`, [userId]);

      await page.goto(`${server.url}/profil/appareils`);
      await page.getByText('ProConnect', { exact: true }).waitFor();
      await page.getByRole('button', { name: 'Déconnecter tous les autres appareils' }).click();
      const dialog = page.getByRole('dialog', { name: 'Confirmez votre mot de passe' });
      const viaProconnect = dialog.getByRole('link', { name: 'Confirmer mon identité avec ProConnect' });
      await viaProconnect.waitFor();
      await expectAccessible(page, 'confirmation avec ProConnect');
      await viaProconnect.click();
      // prompt=login: the provider asks again although its own session is still open.
      await signInAtProvider(page, login);
      await page.waitForURL((url) => url.origin === server.url && url.pathname === '/profil/appareils', { timeout: 30_000 });
      await page.getByRole('button', { name: 'Déconnecter tous les autres appareils' }).click();
      await page.getByText('1 appareil déconnecté.').waitFor();
    } finally {
      await context.close();
    }
  }, 120_000);
});

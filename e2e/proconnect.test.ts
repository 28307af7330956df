import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createUser } from '../server/test/factories.js';
import { startTestProvider, type TestProvider } from '../server/test/oidc-provider.js';
import { startSmtpSink, type SmtpSink } from '../server/test/smtp-sink.js';
import { NO_CHROMIUM_REASON, expectAccessible, hasChromium, launchBrowser, newPage, signInThroughUi, startServer, uniqueSuffix, type E2eServer } from './harness.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

/** Signs in on the test provider's own development page (any login name picks the person). */
async function signInAtProvider(page: import('playwright-core').Page, login: string) {
  await page.locator('input[name="login"]').waitFor();
  await page.fill('input[name="login"]', login);
  await page.fill('input[name="password"]', 'peu-importe');
  await page.locator('button[type="submit"]').click();
}

describe.skipIf(!hasChromium)('ProConnect dans le navigateur', () => {
  let server: E2eServer;
  let provider: TestProvider;
  let browser: Browser;
  let sink: SmtpSink;

  beforeAll(async () => {
    // A real SMTP server: the link code is read from the message, as the person would.
    sink = await startSmtpSink();
    server = await startServer({ smtpUrl: sink.url });
    provider = await startTestProvider([`${server.url}/api/auth/oidc/callback`], [`${server.url}/connexion`]);
    // Set once the app's port is known (the provider must list our exact callback address).
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
    await sink?.close();
  });

  it('s’inscrit par ProConnect, se déconnecte des deux côtés, puis se reconnecte', async () => {
    const login = `agent${uniqueSuffix()}`;
    provider.agents.set(login, { email: `${login}@mairie.exemple.fr`, given_name: 'Inès', usual_name: `Moreau ${login}` });
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${server.url}/connexion`);
      const button = page.getByRole('link', { name: 'S’identifier avec ProConnect' });
      await button.waitFor();
      const about = page.getByRole('link', { name: 'Qu’est-ce que ProConnect ?' });
      expect(await about.getAttribute('href')).toBe('https://www.proconnect.gouv.fr/');
      expect(await about.getAttribute('target')).toBe('_blank');
      // ProConnect first, then « ou », then the password form.
      const order = await page.evaluate(() => {
        const main = document.querySelector('main')!.textContent!;
        return [main.indexOf('S’identifier avec'), main.indexOf('ou'), main.indexOf('Adresse électronique')];
      });
      expect(order[0]).toBeLessThan(order[2]!);
      await expectAccessible(page, 'connexion avec ProConnect');

      await button.click();
      await signInAtProvider(page, login);
      await page.getByRole('heading', { level: 1, name: 'Créer votre compte avec ProConnect' }).waitFor();
      await page.getByText(`${login}@mairie.exemple.fr`).waitFor();
      await expectAccessible(page, 'inscription ProConnect');
      await page.getByLabel(/accepte les conditions générales/).check();
      await page.getByRole('button', { name: 'Créer mon compte' }).click();
      await page.getByRole('button', { name: `Mon compte (Inès Moreau ${login})` }).waitFor();

      // Sign out: our session ends, then the browser goes through ProConnect's logout and back.
      await page.getByRole('button', { name: `Mon compte (Inès Moreau ${login})` }).click();
      await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
      await page.waitForURL((url) => url.origin === provider.issuer, { timeout: 30_000 });
      // The test provider asks to confirm the sign-out (ProConnect does it without asking).
      await page.locator('button[autofocus], button[type="submit"]').first().click();
      await page.waitForURL((url) => url.origin === server.url && url.pathname === '/connexion', { timeout: 30_000 });
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();

      // Both sessions ended: signing in again goes through the provider's login page.
      await page.getByRole('link', { name: 'S’identifier avec ProConnect' }).click();
      await signInAtProvider(page, login);
      await page.getByRole('button', { name: `Mon compte (Inès Moreau ${login})` }).waitFor();
      const { rows } = await server.pool.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [`${login}@mairie.exemple.fr`]);
      expect(rows[0].n).toBe(1);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('associe un compte existant après son mot de passe', async () => {
    const { user, password } = await createUser(server.app, { firstName: 'Paul', lastName: `Existant ${uniqueSuffix()}` });
    const login = `homonyme${uniqueSuffix()}`;
    provider.agents.set(login, { email: user.email, given_name: 'Paul', usual_name: 'Existant' });
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${server.url}/connexion`);
      await page.getByRole('link', { name: 'S’identifier avec ProConnect' }).click();
      await signInAtProvider(page, login);
      await page.getByRole('heading', { level: 1, name: 'Associer votre compte' }).waitFor();
      // The address is named twice: in the explanation and where the code would be sent.
      await page.getByText(user.email).first().waitFor();
      await expectAccessible(page, 'associer un compte');
      await page.getByLabel('Mot de passe', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Associer et me connecter' }).click();
      await page.getByRole('button', { name: `Mon compte (Paul ${user.lastName})` }).waitFor();
      const { rowCount } = await server.pool.query('SELECT 1 FROM oidc_identities WHERE user_id = $1', [user.id]);
      expect(rowCount).toBe(1);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('associe un compte existant avec un code reçu par courriel, sans mot de passe', async () => {
    const lastName = `Sansmotdepasse ${uniqueSuffix()}`;
    const { user } = await createUser(server.app, { firstName: 'Aïcha', lastName });
    const login = `oubli${uniqueSuffix()}`;
    provider.agents.set(login, { email: user.email, given_name: 'Aïcha', usual_name: 'Sansmotdepasse' });
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${server.url}/connexion`);
      await page.getByRole('link', { name: 'S’identifier avec ProConnect' }).click();
      await signInAtProvider(page, login);
      await page.getByRole('heading', { level: 1, name: 'Associer votre compte' }).waitFor();
      const since = sink.mails.length;
      await page.getByRole('button', { name: 'Recevoir un code par courriel' }).click();
      await page.getByText('Code envoyé').waitFor();
      await expectAccessible(page, 'associer par un code');
      const mail = await sink.waitForMail(user.email, { since, timeoutMs: 10_000 });
      const code = /Votre code : (\d{6})/.exec(mail.text)![1]!;
      await page.getByLabel('Code reçu par courriel').fill(code);
      await page.getByRole('button', { name: 'Associer avec ce code' }).click();
      await page.getByRole('button', { name: `Mon compte (Aïcha ${lastName})` }).waitFor();
      const { rowCount } = await server.pool.query('SELECT 1 FROM oidc_identities WHERE user_id = $1', [user.id]);
      expect(rowCount).toBe(1);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('refuse hors de la liste d’accès en montrant la règle, le SIRET et l’organisation, et propose le mot de passe', async () => {
    const settings = server.app.config.oidc!;
    settings.allowedDomains = ['autorise.gouv.fr'];
    settings.allowedSirets = ['21690123100011'];
    const login = `filtre${uniqueSuffix()}`;
    provider.agents.set(login, { email: `${login}@mairie.exemple.fr`, given_name: 'Hors', usual_name: 'Liste', siret: '21750001600019', organizational_unit: 'Mairie de Paris' });
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${server.url}/connexion`);
      await page.getByRole('link', { name: 'S’identifier avec ProConnect' }).click();
      await signInAtProvider(page, login);
      await page.getByRole('heading', { level: 1, name: 'Connexion avec ProConnect impossible' }).waitFor();
      await page.getByText('les adresses électroniques en @autorise.gouv.fr').waitFor();
      await page.getByText('les agents des établissements de SIRET 21690123100011').waitFor();
      await page.getByText('21750001600019').waitFor();
      await page.getByText('Mairie de Paris').waitFor();
      await expectAccessible(page, 'accès refusé par le filtre');
      const { rowCount } = await server.pool.query('SELECT 1 FROM users WHERE email = $1', [`${login}@mairie.exemple.fr`]);
      expect(rowCount).toBe(0);
      await page.getByRole('link', { name: 'Se connecter avec son mot de passe' }).click();
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    } finally {
      settings.allowedDomains = [];
      settings.allowedSirets = [];
      await context.close();
    }
  }, 120_000);

  it('explique en français une connexion annulée et propose toujours le mot de passe', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${server.url}/connexion`);
      await page.getByRole('link', { name: 'S’identifier avec ProConnect' }).click();
      await page.getByRole('link', { name: '[ Cancel ]' }).click();
      await page.getByRole('heading', { level: 1, name: 'Connexion avec ProConnect impossible' }).waitFor();
      await page.getByText('La connexion avec ProConnect a été annulée ou refusée.').waitFor();
      await expectAccessible(page, 'erreur ProConnect');
      await page.getByRole('link', { name: 'Se connecter avec son mot de passe' }).click();
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
    } finally {
      await context.close();
    }
  }, 120_000);

  it('montre les connexions refusées à l’équipe nationale dans le journal de sécurité', async () => {
    const { user, password } = await createUser(server.app, { nationalRole: 'admin' });
    await server.pool.query(`INSERT INTO security_events (kind, code) VALUES ('oidc-callback-refused', 'OIDC_STATE_MISMATCH')`);
    const { context, page } = await newPage(browser);
    try {
      await signInThroughUi(page, server.url, user.email, password, '/moderation');
      await page.getByRole('link', { name: 'Journal de sécurité' }).click();
      await page.getByRole('heading', { level: 1, name: 'Journal de sécurité' }).waitFor();
      await page.getByRole('cell', { name: 'OIDC_STATE_MISMATCH' }).first().waitFor();
      await page.getByText('Retour de ProConnect refusé').first().waitFor();
      await expectAccessible(page, 'journal de sécurité');
    } finally {
      await context.close();
    }
  }, 120_000);
});

import { describe, expect, it } from 'vitest';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { createUser } from '../server/test/factories.js';
import { holdTestLock } from '../server/test/helpers.js';
import { UNUSABLE_PASSWORD_HASH } from '../server/src/modules/member-import/csv-import.js';
import { queueWelcomeMails, sendWelcomeBatch } from '../server/src/modules/member-import/welcome.js';
import { NO_CHROMIUM_REASON, expectAccessible, hasChromium, lastMailTo, linkIn, newPage, signInThroughUi, uniqueSuffix } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

describe.skipIf(!hasChromium)('import de membres', () => {
  const scene = useBrowserScene();

  it('la coordination importe un export de tableur : vérification ligne par ligne, erreurs, confirmation', async () => {
    const suffix = uniqueSuffix();
    const { app } = scene.server;
    const community = await createCommunity(app, { name: `Voirie ${suffix}` });
    const { user, password } = await createUser(app, { firstName: 'Claire', lastName: `Coordination ${suffix}` });
    await addMember(app, community.id, user.id, 'coordinator');
    const csv = '\uFEFFE-mail;Prénom;Nom;Employeur\r\n'
      + `anne-${suffix}@exemple.fr;Anne;Dupont;Mairie de Brest\r\n`
      + 'pas-une-adresse;Bruno;Martin;CD 29\r\n'
      + `ANNE-${suffix}@EXEMPLE.FR;Anne;Dupont;Mairie de Brest\r\n`
      + `jean-${suffix}@exemple.fr;Jean-Loïc;Le Gall;"Brest Métropole; eau"\r\n`;
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, user.email, password);
      await page.goto(`${scene.server.url}/communautes/${community.slug}/coordination`);
      await page.getByRole('link', { name: 'Importer une liste de membres (CSV)' }).click();
      await page.getByRole('heading', { level: 1, name: 'Import de membres' }).waitFor();
      await expectAccessible(page, 'import : page vide');
      // A coordinator does not see the national team's welcome campaign.
      expect(await page.getByRole('heading', { name: /Campagne de bienvenue/ }).count()).toBe(0);

      await page.getByLabel('Fichier CSV').setInputFiles({ name: 'agents.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
      await page.getByText('2 nouveau(x) compte(s), 0 compte(s) existant(s) à ajouter, 0 déjà membre(s), 2 ligne(s) en erreur.').waitFor();
      const table = page.getByRole('table');
      await expect.poll(() => table.getByRole('row').count()).toBe(5);
      expect(await table.getByRole('row').nth(2).textContent()).toContain('Adresse électronique invalide : « pas-une-adresse ».');
      expect(await table.getByRole('row').nth(3).textContent()).toContain('Doublon de la ligne 2');
      expect(await table.getByRole('row').nth(4).textContent()).toContain('Brest Métropole; eau');
      await expectAccessible(page, 'import : vérification');

      await page.getByRole('button', { name: 'Confirmer l’import' }).click();
      await page.getByText('2 compte(s) pré-inscrit(s), 2 adhésion(s) ajoutée(s), 0 ligne(s) déjà à jour, 2 ligne(s) en erreur').waitFor();
      await expectAccessible(page, 'import : terminé');
      const { rows } = await scene.server.pool.query(
        `SELECT u.email FROM users u JOIN memberships m ON m.user_id = u.id AND m.community_id = $1 WHERE u.imported_at IS NOT NULL ORDER BY u.email`, [community.id]);
      expect(rows.map((r) => r.email)).toEqual([`anne-${suffix}@exemple.fr`, `jean-${suffix}@exemple.fr`]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('l’équipe nationale suit la campagne de bienvenue et la suspend', async () => {
    const suffix = uniqueSuffix();
    const { user, password } = await createUser(scene.server.app, { nationalRole: 'admin', firstName: 'Nadia', lastName: `Nationale ${suffix}` });
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, user.email, password, '/pilotage-national');
      await page.getByRole('link', { name: 'Import des membres et campagne de bienvenue' }).click();
      await page.getByRole('heading', { level: 2, name: 'Campagne de bienvenue des membres importés' }).waitFor();
      await page.getByRole('progressbar', { name: /^En attente d’envoi/ }).waitFor();
      await expectAccessible(page, 'import : campagne');
      // The campaign is the network's: the welcome tests of the run do not send while it is paused here.
      const campaign = await holdTestLock(scene.server.app, 'welcome-campaign');
      try {
        await page.getByRole('button', { name: 'Suspendre la campagne' }).click();
        await page.getByText('Campagne suspendue.').waitFor();
        await page.getByRole('button', { name: 'Reprendre la campagne' }).click();
        await page.getByText('Envoi en cours par lots.').waitFor();
      } finally {
        await campaign.release();
      }
    } finally {
      await context.close();
    }
  }, 120_000);

  it('un membre importé se connecte la première fois depuis le lien du courriel : mot de passe, CGU, connecté', async () => {
    const suffix = uniqueSuffix();
    const { app } = scene.server;
    const email = `importee-${suffix}@exemple.fr`;
    const { rows } = await app.pool.query<{ id: number }>(
      `INSERT INTO users (email, password_hash, first_name, last_name, employer, imported_at) VALUES ($1, $2, 'Inès', $3, 'Mairie de Lorient', now()) RETURNING id`,
      [email, UNUSABLE_PASSWORD_HASH, `Importée ${suffix}`]);
    await app.db.transaction((tx) => queueWelcomeMails(tx, [Number(rows[0]!.id)]));
    // What the worker does: one batch (no SMTP server here, so the mail lands in the dev outbox).
    await sendWelcomeBatch({ db: app.db, mailer: app.mailer, publicUrl: scene.server.url, perHour: 1_000_000 });
    const mail = await lastMailTo(app.pool, email);
    expect(mail.subject).toBe('Votre compte sur la plateforme des e-communautés');

    const { context, page } = await newPage(scene.browser);
    try {
      await page.goto(linkIn(mail.text, '/activation?token='));
      await page.getByRole('heading', { level: 1, name: 'Activer votre compte' }).waitFor();
      await expectAccessible(page, 'activation');
      const password = `Ma phrase de passe ${suffix}`;
      await page.getByLabel('Mot de passe', { exact: true }).fill(password);
      await page.getByLabel('Confirmation du mot de passe').fill(password);
      // Without the CGU the form says so and sends nothing.
      await page.getByRole('button', { name: 'Activer mon compte' }).click();
      await page.getByText('Vous devez accepter les conditions générales d’utilisation.').first().waitFor();
      await expectAccessible(page, 'activation : erreur');
      await page.getByLabel(/accepte les conditions générales/).check();
      await page.getByRole('button', { name: 'Activer mon compte' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mon fil' }).waitFor();
      await page.getByRole('button', { name: `Mon compte (Inès Importée ${suffix})` }).waitFor();
      await expectAccessible(page, 'accueil après activation');
    } finally {
      await context.close();
    }
  }, 120_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, launchBrowser, newPage, signInThroughUi, startServer, uniqueSuffix, type E2eServer,
} from './harness.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

/** Paris month of now, 'YYYY-MM'. */
const parisMonth = () => new Intl.DateTimeFormat('fr-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);

describe.skipIf(!hasChromium)('coordination, réunion de programmation et rapport d’activité', () => {
  let server: E2eServer;
  let browser: Browser;
  const suffix = uniqueSuffix();
  let slug = '';
  let animator: { email: string; password: string };
  let coordinator: { email: string; password: string };
  const animatorName = `Inès Roux ${suffix}`;
  let meetingPath = '';
  let reportPath = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(process.env.WEB_DIST ? { webDist: process.env.WEB_DIST } : {}), launchBrowser()]);
    const community = await createCommunity(server.app, { name: `Coordination ${suffix}` });
    slug = community.slug;
    const a = await createUser(server.app, { firstName: 'Inès', lastName: `Roux ${suffix}` });
    const k = await createUser(server.app, { firstName: 'Marc', lastName: `Petit ${suffix}` });
    await addMember(server.app, community.id, a.user.id, 'animator');
    await addMember(server.app, community.id, k.user.id, 'coordinator');
    animator = { email: a.user.email, password: a.password };
    coordinator = { email: k.user.email, password: k.password };
    // This month: two veille posts and one article by the animator.
    for (const [kind, title] of [['veille', 'Veille A'], ['veille', 'Veille B'], ['article', 'Article C']] as const) {
      await server.pool.query(
        `INSERT INTO posts (community_id, author_id, kind, title, body_md, body_html, excerpt) VALUES ($1, $2, $3, $4, 'x', '<p>x</p>', 'x')`,
        [community.id, a.user.id, kind, `${title} ${suffix}`],
      );
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('la coordination voit l’alerte du trimestre, fixe les objectifs et programme la réunion', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signInThroughUi(page, server.url, coordinator.email, coordinator.password, `/communautes/${slug}`);
      await page.getByRole('navigation', { name: /Rubriques de/ }).getByRole('link', { name: 'Coordination' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tableau de bord de coordination' }).waitFor();
      await page.getByText(/Aucune réunion de programmation et d’analyse n’est prévue au T\d/).waitFor();
      const row = page.getByRole('row', { name: new RegExp(animatorName) });
      await row.getByRole('cell', { name: /^3 \/ 20/ }).waitFor();
      const form = page.getByRole('form', { name: 'Objectifs de l’e-communauté' });
      await form.getByLabel('Qualité (%)').fill('90');
      await form.getByRole('button', { name: 'Enregistrer les objectifs' }).click();
      await page.getByText('Objectifs enregistrés.').waitFor();
      await page.getByText(/Objectif : 90 %/).waitFor();
      await expectAccessible(page, 'tableau de bord de coordination');

      await page.getByRole('link', { name: 'Programmer la réunion' }).click();
      await page.getByRole('heading', { level: 1, name: 'Réunions de programmation et d’analyse' }).waitFor();
      await expectAccessible(page, 'liste des réunions');
      // An hour ago (the browser's clock and time zone), so the minutes can be recorded in this test.
      const at = new Date(Date.now() - 3600_000);
      const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
      const schedule = page.getByRole('form', { name: 'Programmer une réunion' });
      await schedule.getByLabel('Date et heure').fill(local);
      await schedule.getByLabel('Premier mois analysé').fill(parisMonth());
      await schedule.getByLabel('Dernier mois analysé').fill(parisMonth());
      await schedule.getByLabel('Ordre du jour').fill('Bilan du trimestre\nLigne éditoriale : dossiers à venir');
      await expect(schedule.getByLabel(new RegExp(animatorName)).isChecked()).resolves.toBe(true);
      await schedule.getByRole('button', { name: 'Programmer la réunion' }).click();
      await page.getByRole('heading', { level: 1, name: /Réunion de programmation et d’analyse du/ }).waitFor();
      meetingPath = new URL(page.url()).pathname;
      await page.getByRole('listitem').filter({ hasText: animatorName }).first().waitFor();
      await expectAccessible(page, 'page de la réunion');

      await page.goto(`${server.url}/communautes/${slug}/coordination`);
      await page.getByText(/Réunion de programmation et d’analyse du T\d \d{4} : 1 prévue/).waitFor();
      await expect(page.getByText(/Aucune réunion de programmation/).count()).resolves.toBe(0);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('l’animatrice prépare son rapport, le transmet une fois et l’exporte', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signInThroughUi(page, server.url, animator.email, animator.password, meetingPath);
      await page.getByRole('button', { name: 'Préparer mon rapport d’activité' }).click();
      await page.getByRole('heading', { level: 1, name: `Rapport d’activité de ${animatorName}` }).waitFor();
      reportPath = new URL(page.url()).pathname;
      await page.getByText(/3 sur un objectif de 20 pour la période/).waitFor();
      await page.getByRole('img', { name: /Contributions par famille.*Veille 2, Animation 0, Rédaction 1/ }).waitFor();
      await page.getByLabel('Faits marquants').fill('Deux veilles très lues sur la rénovation urbaine.');
      await page.getByLabel('Rendez-vous prévus').fill('Webinaire en janvier.');
      await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
      await page.getByText('Brouillon enregistré.').waitFor();
      await expectAccessible(page, 'rapport d’activité en brouillon');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger en PDF' }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^rapport-activite-${slug}-.*\\.pdf$`));
      const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Chiffres en CSV (tableur)' }).click()]);
      expect(csv.suggestedFilename()).toMatch(/-chiffres\.csv$/);

      await page.getByRole('button', { name: 'Transmettre à la coordination' }).click();
      await page.getByText(/transmis à la coordination le/).waitFor();
      await page.getByText('Deux veilles très lues sur la rénovation urbaine.').waitFor();
      await expect(page.getByRole('button', { name: 'Transmettre à la coordination' }).count()).resolves.toBe(0);
      await expectAccessible(page, 'rapport d’activité transmis');
    } finally {
      await context.close();
    }
  }, 180_000);

  it('la coordination commente le rapport et consigne le compte rendu', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signInThroughUi(page, server.url, coordinator.email, coordinator.password, reportPath);
      await page.getByRole('heading', { level: 1, name: `Rapport d’activité de ${animatorName}` }).waitFor();
      await page.getByLabel('Votre commentaire').fill('Merci, à présenter en réunion.');
      await page.getByRole('button', { name: 'Enregistrer le commentaire' }).click();
      await page.locator('p.report-text', { hasText: 'Merci, à présenter en réunion.' }).waitFor();
      await expectAccessible(page, 'rapport commenté');

      await page.goto(`${server.url}${meetingPath}`);
      await page.getByText('commenté', { exact: true }).waitFor();
      await page.getByRole('button', { name: /Modifier la date, la période/ }).click();
      const edit = page.getByRole('form', { name: 'Modifier la réunion' });
      await edit.getByLabel('Ordre du jour').fill('Bilan du trimestre et dossier rénovation urbaine');
      await expectAccessible(page, 'modification de la réunion');
      await edit.getByRole('button', { name: 'Enregistrer les modifications' }).click();
      await page.getByText('Réunion modifiée.').waitFor();
      await page.getByText('Bilan du trimestre et dossier rénovation urbaine').waitFor();
      await page.getByRole('textbox', { name: 'Compte rendu', exact: true }).fill('Tour de table de l’équipe.');
      await page.getByRole('textbox', { name: 'Décisions', exact: true }).fill('Dossier « rénovation urbaine » au prochain trimestre.');
      await page.getByRole('button', { name: 'Enregistrer le compte rendu' }).click();
      await page.getByText('Compte rendu enregistré.').waitFor();
      await page.getByText(/Enregistré par Marc Petit/).waitFor();
      await expectAccessible(page, 'compte rendu de la réunion');
    } finally {
      await context.close();
    }
  }, 180_000);
});

import { parisMonthNow, utcToParis } from '../common/time/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix, fillEditor,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';
import { seedSteeringScene, type SteeringCast } from './fixtures/steering-scene.js';
import { chooseMonth } from './fixtures/month-field.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

/** Paris month of now, 'YYYY-MM'. */

describe.skipIf(!hasChromium)('coordination, réunion de programmation et rapport d’activité', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  let cast: SteeringCast;
  let meetingPath = '';
  let reportPath = '';

  beforeAll(async () => {
    cast = await seedSteeringScene(scene.server, {
      communityName: `Coordination ${suffix}`,
      animator: { firstName: 'Inès', lastName: `Roux ${suffix}` },
      coordinator: { firstName: 'Marc', lastName: `Petit ${suffix}` },
      suffix,
    });
  });

  it('la coordination voit l’alerte du trimestre, fixe les objectifs et programme la réunion', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, cast.coordinator.email, cast.coordinator.password, `/communautes/${cast.slug}`);
      await page.getByRole('navigation', { name: /Rubriques de/ }).getByRole('link', { name: 'Tableau de bord' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tableau de bord de coordination' }).waitFor();
      await page.getByText(/Aucune réunion de programmation et d’analyse n’est prévue au T\d/).waitFor();
      const row = page.getByRole('row', { name: new RegExp(cast.animatorName) });
      await row.getByRole('cell', { name: /^3 \/ 20/ }).waitFor();
      const form = page.getByRole('form', { name: 'Objectifs de l’e-communauté' });
      await form.getByLabel('Qualité (%)').fill('90');
      await form.getByRole('button', { name: 'Enregistrer les objectifs' }).click();
      await page.getByText('Objectifs enregistrés.').waitFor();
      await page.getByText(/Objectif\s: 90\s%/).waitFor();
      await expectAccessible(page, 'tableau de bord de coordination');

      await page.getByRole('link', { name: 'Programmer la réunion' }).click();
      await page.getByRole('heading', { level: 1, name: 'Réunions de programmation et d’analyse' }).waitFor();
      await expectAccessible(page, 'liste des réunions');
      // An hour ago, in Paris time (the form's time zone), so the minutes can be recorded in this test.
      const at = utcToParis(new Date(Date.now() - 3600_000));
      const local = `${at.date}T${at.time}`;
      const schedule = page.getByRole('form', { name: 'Programmer une réunion' });
      await schedule.getByLabel('Date et heure').fill(local);
      await chooseMonth(schedule, 'Premier mois analysé', parisMonthNow());
      await chooseMonth(schedule, 'Dernier mois analysé', parisMonthNow());
      await schedule.getByLabel('Ordre du jour').fill('Bilan du trimestre\nLigne éditoriale : dossiers à venir');
      await expect(schedule.getByLabel(new RegExp(cast.animatorName)).isChecked()).resolves.toBe(true);
      await schedule.getByRole('button', { name: 'Programmer la réunion' }).click();
      await page.getByRole('heading', { level: 1, name: /Réunion de programmation et d’analyse du/ }).waitFor();
      meetingPath = new URL(page.url()).pathname;
      await page.getByRole('listitem').filter({ hasText: cast.animatorName }).first().waitFor();
      await expectAccessible(page, 'page de la réunion');

      await page.goto(`${scene.server.url}/communautes/${cast.slug}/coordination`);
      await page.getByText(/Réunion de programmation et d’analyse du T\d \d{4}\s: 1 prévue/).waitFor();
      await expect(page.getByText(/Aucune réunion de programmation/).count()).resolves.toBe(0);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('l’animatrice prépare son rapport, le transmet une fois et l’exporte', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, cast.animator.email, cast.animator.password, meetingPath);
      await page.getByRole('button', { name: 'Préparer mon rapport d’activité' }).click();
      await page.getByRole('heading', { level: 1, name: `Rapport d’activité de ${cast.animatorName}` }).waitFor();
      reportPath = new URL(page.url()).pathname;
      await page.getByText(/3 sur un objectif de 20 pour la période/).waitFor();
      await page.getByRole('img', { name: /Contributions par famille.*Veille 2, Animation 0, Rédaction 1/ }).waitFor();
      await fillEditor(page, 'Faits marquants', 'Deux veilles très lues sur la rénovation urbaine.');
      await fillEditor(page, 'Rendez-vous prévus', 'Webinaire en janvier.');
      await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
      await page.getByText('Brouillon enregistré.').waitFor();
      await expectAccessible(page, 'rapport d’activité en brouillon');

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Télécharger en PDF' }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^rapport-activite-${cast.slug}-.*\\.pdf$`));
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
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, cast.coordinator.email, cast.coordinator.password, reportPath);
      await page.getByRole('heading', { level: 1, name: `Rapport d’activité de ${cast.animatorName}` }).waitFor();
      await page.getByLabel('Votre commentaire').fill('Merci, à présenter en réunion.');
      await page.getByRole('button', { name: 'Enregistrer le commentaire' }).click();
      await page.locator('p.report-text', { hasText: 'Merci, à présenter en réunion.' }).waitFor();
      await expectAccessible(page, 'rapport commenté');

      await page.goto(`${scene.server.url}${meetingPath}`);
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
      await page.getByText(/Compte rendu finalisé\s: l’équipe peut le lire\./).waitFor();
      await page.getByText(/Enregistré par Marc Petit/).waitFor();
      await expectAccessible(page, 'compte rendu de la réunion');
    } finally {
      await context.close();
    }
  }, 180_000);
});

import { parisMonthNow, utcToParis } from '../common/time/index.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix, fillEditor } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';
import { chooseMonth } from './fixtures/month-field.js';
import { seedSteeringScene, type SteeringCast } from './fixtures/steering-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});


/** Issue 15, item 13: before the meeting, the coordination reviews a draft report and prepares the minutes. */
describe.skipIf(!hasChromium)('relecture d’un brouillon de rapport et compte rendu préparé avant la réunion', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  let cast: SteeringCast;
  let meetingPath = '';
  let reportPath = '';

  beforeAll(async () => {
    cast = await seedSteeringScene(scene.server, {
      communityName: `Relecture ${suffix}`,
      animator: { firstName: 'Léa', lastName: `Garnier ${suffix}` },
      coordinator: { firstName: 'Paul', lastName: `Morel ${suffix}` },
      suffix,
    });
  });

  it('la coordination programme une réunion à venir, l’animatrice commence son brouillon', async () => {
    const coord = await newPage(scene.browser);
    try {
      await signInThroughUi(coord.page, scene.server.url, cast.coordinator.email, cast.coordinator.password, `/communautes/${cast.slug}/reunions`);
      // Tomorrow, in Paris time: the meeting has not started.
      const at = utcToParis(new Date(Date.now() + 86_400_000));
      const schedule = coord.page.getByRole('form', { name: 'Programmer une réunion' });
      await schedule.getByLabel('Date et heure').fill(`${at.date}T${at.time}`);
      await chooseMonth(schedule, 'Premier mois analysé', parisMonthNow());
      await chooseMonth(schedule, 'Dernier mois analysé', parisMonthNow());
      await schedule.getByLabel('Ordre du jour').fill('Bilan du trimestre');
      await schedule.getByRole('button', { name: 'Programmer la réunion' }).click();
      await coord.page.getByRole('heading', { level: 1, name: /Réunion de programmation et d’analyse du/ }).waitFor();
      meetingPath = new URL(coord.page.url()).pathname;
    } finally {
      await coord.context.close();
    }
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, cast.animator.email, cast.animator.password, meetingPath);
      await page.getByRole('button', { name: 'Préparer mon rapport d’activité' }).click();
      await page.getByRole('heading', { level: 1, name: `Rapport d’activité de ${cast.animatorName}` }).waitFor();
      reportPath = new URL(page.url()).pathname;
      await fillEditor(page, 'Faits marquants', 'Un webinaire sur la rénovation urbaine.');
      // Waited for by its response so that a failure says whether the save left, and what the server answered.
      const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && /\/api\/reports\/\d+$/.test(r.url()));
      await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
      const response = await saved;
      expect(response.status(), await response.text()).toBe(200);
      await page.getByText('Brouillon enregistré.').waitFor();
    } finally {
      await context.close();
    }
  }, 180_000);

  it('la coordination relit le brouillon : une note sur une partie, « à revoir »', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, cast.coordinator.email, cast.coordinator.password, reportPath);
      const review = page.getByRole('form', { name: 'Relecture du brouillon' });
      await review.getByLabel(/Note sur «\sFaits marquants\s»/).fill('Précisez le nombre de participant·es.');
      await review.getByLabel('Avis sur le brouillon').selectOption('to_revise');
      await review.getByRole('button', { name: 'Enregistrer la relecture' }).click();
      await page.getByText('Relecture enregistrée.').waitFor();
      await page.getByText(/relecture\s:\sà revoir/).waitFor();
      await expectAccessible(page, 'relecture d’un brouillon de rapport');

      await page.goto(`${scene.server.url}${meetingPath}`);
      await page.getByRole('list', { name: 'Rapports de l’équipe' }).getByText(/relecture\s:\sà revoir/).waitFor();
    } finally {
      await context.close();
    }
  }, 180_000);

  it('l’animatrice lit la note et l’avis sur son brouillon', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, cast.animator.email, cast.animator.password, reportPath);
      await page.getByText(/relecture\s:\sà revoir/).waitFor();
      await page.locator('.report-review-note', { hasText: 'Précisez le nombre de participant·es.' }).waitFor();
      await expect(page.getByRole('form', { name: 'Relecture du brouillon' }).count()).resolves.toBe(0);
      await expectAccessible(page, 'brouillon relu, vu par son autrice');
    } finally {
      await context.close();
    }
  }, 180_000);

  it('la coordination prépare le compte rendu avant la réunion, l’équipe ne le lit pas encore', async () => {
    const coord = await newPage(scene.browser);
    try {
      await signInThroughUi(coord.page, scene.server.url, cast.coordinator.email, cast.coordinator.password, meetingPath);
      const page = coord.page;
      await page.getByText(/Préparez le compte rendu avant la réunion/).waitFor();
      await expect(page.getByLabel(/Compte rendu définitif/).count()).resolves.toBe(0);
      await page.getByRole('textbox', { name: 'Compte rendu', exact: true }).fill('Points à aborder, le webinaire, les dossiers.');
      await page.getByRole('button', { name: 'Enregistrer le compte rendu' }).click();
      await page.getByText('Brouillon du compte rendu enregistré.').waitFor();
      await page.getByText(/Enregistré par Paul Morel/).waitFor();
      await expectAccessible(page, 'compte rendu préparé avant la réunion');
    } finally {
      await coord.context.close();
    }
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, cast.animator.email, cast.animator.password, meetingPath);
      await page.getByRole('heading', { level: 1, name: /Réunion de programmation et d’analyse du/ }).waitFor();
      await expect(page.getByText('Points à aborder, le webinaire, les dossiers.').count()).resolves.toBe(0);
    } finally {
      await context.close();
    }
  }, 180_000);
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { parisMonthNow } from '../common/time/index.js';
import { NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';
import { pdfTextOf } from './fixtures/pdf.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

const PHONE = { width: 390, height: 844 };
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/**
 * The national team's « Contrats et heures » tab, driven only through the UI: a pay scale, a mission for an
 * animator of a community created a moment ago (the tab reads the live list of communities, not the national
 * figures recomputed every ten minutes), then the month's service statement and what its PDF says.
 */
describe.skipIf(!hasChromium)('contrats de l’équipe nationale, de la mission à l’état de service en PDF', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  const scaleCode = `E${suffix}`.slice(0, 20);
  const month = parisMonthNow();
  const monthWords = `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
  type Person = { email: string; password: string; id: number };
  let admin: Person;
  let animator: Person;
  let coordinator: Person;
  let slug = '';
  let communityName = '';

  beforeAll(async () => {
    const person = async (firstName: string, lastName: string, nationalRole: 'admin' | null = null): Promise<Person> => {
      const u = await createUser(scene.server.app, { firstName, lastName, nationalRole });
      return { email: u.user.email, password: u.password, id: u.user.id };
    };
    admin = await person('Nadia', `Contrats ${suffix}`, 'admin');
    animator = await person('Inès', `Mission ${suffix}`);
    coordinator = await person('Marc', `Certifie ${suffix}`);
    // Created now: no recomputation of the national figures happens before the tab is opened.
    const community = await createCommunity(scene.server.app, { name: `Mobilités douces ${suffix}` });
    slug = community.slug;
    communityName = community.name;
    await addMember(scene.server.app, community.id, animator.id, 'animator');
    await addMember(scene.server.app, community.id, coordinator.id, 'coordinator');
  });

  async function chooseCommunity(page: Page) {
    const panel = page.getByRole('tabpanel', { name: 'Contrats et heures' });
    await panel.getByLabel('Rechercher une e-communauté').fill(`Mobilités douces ${suffix}`);
    await panel.getByRole('option', { name: communityName }).waitFor({ state: 'attached' });
    await panel.getByLabel('E-communauté', { exact: true }).selectOption({ label: communityName });
    return panel;
  }

  it('l’équipe nationale crée une grille et confie une mission dans une e-communauté créée à l’instant', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, admin.email, admin.password, '/pilotage-national');
      await page.getByRole('tab', { name: 'Contrats et heures' }).click();
      const scales = page.getByRole('form', { name: 'Créer ou modifier une grille' });
      await scales.getByLabel('Code de la grille').fill(scaleCode);
      await scales.getByLabel('Libellé').fill('Grille d’essai');
      await scales.getByLabel('Taux horaire brut (€)').fill('41,20');
      await scales.getByRole('button', { name: 'Enregistrer la grille' }).click();
      await page.getByRole('row', { name: new RegExp(`^${scaleCode} `) }).getByText(/41,20\s€/).first().waitFor();

      const panel = await chooseCommunity(page);
      await panel.getByText('Aucune mission dans cette e-communauté.').waitFor();
      await panel.getByLabel('Rechercher l’animateur·rice').fill(`Mission ${suffix}`);
      await panel.getByRole('button', { name: `Choisir : Inès Mission ${suffix}` }).click();
      await panel.getByText(`Inès Mission ${suffix}`, { exact: true }).waitFor();
      await panel.getByLabel('Début', { exact: true }).fill(`${month}-01`);
      await panel.getByLabel('Heures par mois').fill('15');
      await panel.getByLabel('Grille', { exact: true }).selectOption(scaleCode);
      await panel.getByRole('button', { name: 'Confier la mission' }).click();
      await panel.getByText(/Mission confiée à Inès Mission .*\s: 15 h par mois, 618,00\s€ brut\./).waitFor();
      // Listed in the community's missions, with its figures.
      const row = panel.getByRole('table', { name: 'Missions de l’e-communauté' }).getByRole('row', { name: new RegExp(`Inès Mission ${suffix}`) });
      await row.waitFor();
      const text = await row.innerText();
      expect(text).toContain('15 h');
      expect(text).toContain(scaleCode);
      expect(text).toMatch(/41,20\s€\/h/);
      expect(text).toMatch(/618,00\s€/);
      await expectAccessible(page, 'contrats et heures, mission confiée');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('sur un téléphone, l’onglet trouve l’e-communauté et montre la mission', async () => {
    const { context, page } = await newPage(scene.browser, PHONE);
    try {
      await signInThroughUi(page, scene.server.url, admin.email, admin.password, '/pilotage-national');
      await page.getByRole('tab', { name: 'Contrats et heures' }).click();
      const panel = await chooseCommunity(page);
      await panel.getByRole('row', { name: new RegExp(`Inès Mission ${suffix}`) }).waitFor();
      // Searching another name keeps the chosen community selected, with its missions.
      await panel.getByLabel('Rechercher une e-communauté').fill(`Aucune ${suffix}`);
      await panel.getByRole('option', { name: 'Aucune e-communauté ne correspond' }).waitFor({ state: 'attached' });
      await expect(panel.getByLabel('E-communauté', { exact: true }).inputValue()).resolves.toBe(slug);
      await panel.getByRole('row', { name: new RegExp(`Inès Mission ${suffix}`) }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page, 'contrats et heures (téléphone)');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('l’animatrice déclare 12,5 h, la coordination valide ; le PDF dit les heures, le montant, le mois et les noms', async () => {
    const a = await newPage(scene.browser);
    try {
      const { page } = a;
      await signInThroughUi(page, scene.server.url, animator.email, animator.password, '/mes-heures');
      const form = page.getByRole('form', { name: `Déclarer mes heures pour ${communityName}` });
      await form.getByLabel('Heures effectuées').fill('12,5');
      await form.getByRole('button', { name: 'Déclarer mes heures' }).click();
      await page.getByText(/déclarées\s: 12,5 h, 515,00\s€ brut/).waitFor();
    } finally {
      await a.context.close();
    }

    const k = await newPage(scene.browser);
    try {
      const { page } = k;
      await signInThroughUi(page, scene.server.url, coordinator.email, coordinator.password, `/communautes/${slug}/etats-de-service`);
      await page.getByRole('button', { name: new RegExp(`Valider le service fait de Inès Mission ${suffix}`) }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Je valide le service fait' }).click();
      await page.getByText(new RegExp(`Validé le .* par Marc Certifie ${suffix}`)).waitFor();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: new RegExp(`^PDF de ${monthWords}, Inès Mission ${suffix}`) }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`etat-de-service-${slug}-${month}.pdf`);
      const path = await download.path();
      const { readFile } = await import('node:fs/promises');
      const text = await pdfTextOf(await readFile(path));
      expect(text).toContain('État de service fait');
      expect(text).toContain(`Mission d’animation de l’e-communauté ${communityName} — ${monthWords}`);
      expect(text).toContain(`Animateur·rice : Inès Mission ${suffix}`);
      expect(text).toContain('Heures prévues par mois : 15 h');
      expect(text).toContain('Heures effectuées : 12,5 h');
      // The amount as a person reads it: digits, a comma, a space, the euro sign (no glyph the font lacks).
      expect(text).toMatch(/Montant brut : 515,00 € \(12,5 h × 41,20 €\)/);
      expect(text).toMatch(new RegExp(`Grille et taux horaire : ${scaleCode}, 41,20 € de l’heure`));
      expect(text).toMatch(new RegExp(`Service fait certifié le .* par Marc Certifie ${suffix}\\.`));
      await expectAccessible(page, 'états de service, après validation');
    } finally {
      await k.context.close();
    }
  }, 180_000);
});

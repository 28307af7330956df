import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { addDays, parisToday } from '../common/time/index.js';
import { NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

const PHONE = { width: 390, height: 844 };

/**
 * The animators' network's annual gathering: the national team schedules it, animators and coordinators register,
 * the national team marks who came, and the figures (registered, present) follow on both sides.
 */
describe.skipIf(!hasChromium)('rencontre annuelle du réseau des animateurs et sa feuille de présence', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  const title = `Rencontre annuelle ${suffix}`;
  // Near the end of the two-year window, so that it comes first in the list (latest start first).
  const day = addDays(parisToday(), 725);
  type Person = { email: string; password: string; id: number };
  let admin: Person;
  let animator: Person;
  let coordinator: Person;

  beforeAll(async () => {
    const person = async (firstName: string, lastName: string, nationalRole: 'admin' | null = null): Promise<Person> => {
      const u = await createUser(scene.server.app, { firstName, lastName, nationalRole });
      return { email: u.user.email, password: u.password, id: u.user.id };
    };
    admin = await person('Nadia', `Réseau ${suffix}`, 'admin');
    animator = await person('Lina', `Présente ${suffix}`);
    coordinator = await person('Paul', `Absent ${suffix}`);
    const community = await createCommunity(scene.server.app, { name: `Rencontre ${suffix}` });
    await addMember(scene.server.app, community.id, animator.id, 'animator');
    await addMember(scene.server.app, community.id, coordinator.id, 'coordinator');
  });

  const adminCard = (page: Page) => page.locator('.card').filter({ has: page.getByRole('heading', { level: 4, name: title }) });
  const memberCard = (page: Page) => page.locator('.card').filter({ has: page.getByRole('heading', { level: 3, name: title }) });

  async function openNetworkTab(page: Page) {
    await signInThroughUi(page, scene.server.url, admin.email, admin.password, '/pilotage-national');
    await page.getByRole('tab', { name: 'Réseau des animateurs' }).click();
  }

  async function register(person: Person, viewport?: { width: number; height: number }) {
    const { context, page } = await newPage(scene.browser, viewport);
    try {
      await signInThroughUi(page, scene.server.url, person.email, person.password, '/reseau-animateurs');
      const card = memberCard(page);
      await card.getByText('Rassemblement annuel').waitFor();
      await expect(card.innerText()).resolves.toContain('Lieu : Lyon, Hôtel de Région');
      await card.getByRole('button', { name: `M’inscrire à « ${title} »` }).click();
      await card.getByText('Vous êtes inscrit·e.').waitFor();
      if (viewport) await expectAccessible(page, 'réseau des animateurs, inscription (téléphone)');
    } finally {
      await context.close();
    }
  }

  it('l’équipe nationale programme la rencontre annuelle (lieu, début et fin en heure de Paris)', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await openNetworkTab(page);
      await page.getByRole('radio', { name: 'Rassemblement annuel' }).check();
      await page.getByLabel('Titre', { exact: true }).fill(title);
      await page.getByLabel('Programme', { exact: true }).fill('Ateliers, retours d’expérience et remise des prix de l’animation.');
      await page.getByLabel('Lieu', { exact: true }).fill('Lyon, Hôtel de Région');
      await page.getByLabel('Début', { exact: true }).fill(`${day}T09:30`);
      await page.getByLabel('Fin', { exact: true }).fill(`${addDays(day, 1)}T17:00`);
      await page.getByRole('button', { name: 'Programmer' }).click();
      await page.getByText(`« ${title} » est programmé.`).waitFor();
      const card = adminCard(page);
      await card.getByText('0 inscrit·es, 0 présent·es.').waitFor();
      await expect(card.innerText()).resolves.toMatch(/Rassemblement annuel — .* à 9\sh\s30/);
      await expectAccessible(page, 'réseau des animateurs (pilotage), rencontre annuelle');
      const { rows } = await scene.server.pool.query(`SELECT kind, location FROM network_events WHERE title = $1`, [title]);
      expect(rows).toEqual([{ kind: 'gathering', location: 'Lyon, Hôtel de Région' }]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('une animatrice (téléphone) et un coordonnateur s’inscrivent', async () => {
    await register(animator, PHONE);
    await register(coordinator);
  }, 120_000);

  it('sur un téléphone, l’équipe nationale marque la présence ; les chiffres suivent, et l’animatrice lit « vous y étiez »', async () => {
    const { context, page } = await newPage(scene.browser, PHONE);
    try {
      await openNetworkTab(page);
      const card = adminCard(page);
      await card.getByText('2 inscrit·es, 0 présent·es.').waitFor();
      await card.getByRole('button', { name: 'Inscrit·es et présence' }).click();
      const sheet = card.getByRole('group', { name: 'Présence' });
      const present = sheet.getByRole('checkbox', { name: `Lina Présente ${suffix} était présent·e` });
      const absent = sheet.getByRole('checkbox', { name: `Paul Absent ${suffix} était présent·e` });
      // Recorded by the server first, then shown ticked.
      await present.click();
      await card.getByText('2 inscrit·es, 1 présent·es.').waitFor();
      await expect.poll(() => present.isChecked()).toBe(true);
      expect(await absent.isChecked()).toBe(false);
      await expectAccessible(page, 'feuille de présence (téléphone)');
      // Recorded, not only ticked: a fresh page shows the same sheet.
      await page.reload();
      await page.getByRole('tab', { name: 'Réseau des animateurs' }).click();
      await adminCard(page).getByText('2 inscrit·es, 1 présent·es.').waitFor();
      await adminCard(page).getByRole('button', { name: 'Inscrit·es et présence' }).click();
      await adminCard(page).getByRole('checkbox', { name: `Lina Présente ${suffix} était présent·e` }).waitFor();
      expect(await adminCard(page).getByRole('checkbox', { name: `Lina Présente ${suffix} était présent·e` }).isChecked()).toBe(true);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }

    const a = await newPage(scene.browser);
    try {
      await signInThroughUi(a.page, scene.server.url, animator.email, animator.password, '/reseau-animateurs');
      await memberCard(a.page).getByText('2 inscrit·es — vous y étiez').waitFor();
    } finally {
      await a.context.close();
    }
    const k = await newPage(scene.browser);
    try {
      await signInThroughUi(k.page, scene.server.url, coordinator.email, coordinator.password, '/reseau-animateurs');
      await memberCard(k.page).getByText('Vous êtes inscrit·e.').waitFor();
      await expect(memberCard(k.page).innerText()).resolves.not.toContain('vous y étiez');
    } finally {
      await k.context.close();
    }
  }, 180_000);
});

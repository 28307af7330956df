import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { parisMonthNow } from '../common/time/index.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

/**
 * « Mes heures »: hours above the mission's 13 h a month are refused until the national team raises that month's
 * ceiling (with a reason, in the audit log); the coordination validates the service after a summary.
 */
describe.skipIf(!hasChromium)('heures déclarées bornées, plafond relevé, validation confirmée', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  type Person = { email: string; password: string; id: number };
  let admin: Person;
  let animator: Person;
  let coordinator: Person;
  let slug = '';
  let communityName = '';

  beforeAll(async () => {
    const community = await createCommunity(scene.server.app, { name: `Heures ${suffix}` });
    slug = community.slug;
    communityName = community.name;
    const person = async (firstName: string, lastName: string, nationalRole: 'admin' | null = null): Promise<Person> => {
      const u = await createUser(scene.server.app, { firstName, lastName, nationalRole });
      return { email: u.user.email, password: u.password, id: u.user.id };
    };
    admin = await person('Nadia', `Pilote ${suffix}`, 'admin');
    animator = await person('Lina', `Heures ${suffix}`);
    coordinator = await person('Paul', `Valide ${suffix}`);
    await addMember(scene.server.app, community.id, animator.id, 'animator');
    await addMember(scene.server.app, community.id, coordinator.id, 'coordinator');
    await scene.server.pool.query(
      `INSERT INTO animator_assignments (user_id, community_id, starts_on, scale_code, hourly_rate_cents) VALUES ($1, $2, '2024-01-01', '4T1', 3880)`,
      [animator.id, community.id],
    );
  });

  it('40 h sur une mission de 13 h : refusées, puis acceptées une fois le plafond du mois relevé, et validées après un récapitulatif', async () => {
    const a = await newPage(scene.browser, { width: 390, height: 844 });
    try {
      const { page } = a;
      await signInThroughUi(page, scene.server.url, animator.email, animator.password, '/mes-heures');
      await page.getByLabel('Heures effectuées').fill('40');
      await page.getByRole('button', { name: 'Déclarer mes heures' }).click();
      await page.getByText(/Au plus 13 h ce mois-ci pour cette mission/).waitFor();
      await page.getByLabel('Heures effectuées').fill('12,1');
      await page.getByRole('button', { name: 'Déclarer mes heures' }).click();
      await page.getByText(/par quarts d’heure/).first().waitFor();
      await expectAccessible(page, 'mes heures, valeurs refusées');
      const { rows } = await scene.server.pool.query(`SELECT count(*)::int AS n FROM service_statements s JOIN animator_assignments x ON x.id = s.assignment_id WHERE x.user_id = $1`, [animator.id]);
      expect(rows[0]).toEqual({ n: 0 });
    } finally {
      await a.context.close();
    }

    const n = await newPage(scene.browser);
    try {
      const { page } = n;
      await signInThroughUi(page, scene.server.url, admin.email, admin.password, '/pilotage-national');
      await page.getByRole('tab', { name: 'Contrats et heures' }).click();
      const panel = page.getByRole('tabpanel', { name: 'Contrats et heures' });
      await panel.getByLabel('Rechercher une e-communauté').fill(communityName);
      await panel.getByRole('option', { name: communityName }).waitFor({ state: 'attached' });
      await panel.getByLabel('E-communauté', { exact: true }).selectOption({ label: communityName });
      const form = page.getByRole('form', { name: 'Relever le plafond d’heures d’un mois' });
      await form.getByLabel('Mois (AAAA-MM)').fill(parisMonthNow());
      await form.getByLabel('Heures autorisées ce mois-ci').fill('40');
      await form.getByLabel('Motif').fill('Rencontre régionale à préparer');
      await form.getByRole('button', { name: 'Relever le plafond' }).click();
      await form.getByText(/porté à 40 h/).waitFor();
      await expectAccessible(page, 'plafond relevé');
      const audit = await scene.server.pool.query(`SELECT message FROM moderation_audit WHERE action = 'hours_ceiling' AND actor_id = $1`, [admin.id]);
      expect(audit.rows).toEqual([{ message: 'Rencontre régionale à préparer' }]);
    } finally {
      await n.context.close();
    }

    const b = await newPage(scene.browser);
    try {
      const { page } = b;
      await signInThroughUi(page, scene.server.url, animator.email, animator.password, '/mes-heures');
      await page.getByLabel('Heures effectuées').fill('40');
      await page.getByRole('button', { name: 'Déclarer mes heures' }).click();
      await page.getByText(/déclarées\s: 40 h, 1\s552,00\s€/).waitFor();
    } finally {
      await b.context.close();
    }

    const k = await newPage(scene.browser, { width: 390, height: 844 });
    try {
      const { page } = k;
      await signInThroughUi(page, scene.server.url, coordinator.email, coordinator.password, `/communautes/${slug}/etats-de-service`);
      await page.getByRole('button', { name: new RegExp(`Valider le service fait de Lina Heures ${suffix}`) }).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.getByText(/40 h \(mission : 13 h par mois\)/).waitFor();
      await dialog.getByText(/1\s552,00\s€/).waitFor();
      await dialog.getByText(/^0 \(veille 0, animation 0, rédaction 0\)$/).waitFor();
      await expectAccessible(page, 'confirmation de la validation');
      // Cancelling validates nothing.
      await dialog.getByRole('button', { name: 'Annuler' }).click();
      const none = await scene.server.pool.query(`SELECT count(*)::int AS n FROM service_statements WHERE validated_at IS NOT NULL AND community_id = (SELECT id FROM communities WHERE slug = $1)`, [slug]);
      expect(none.rows[0]).toEqual({ n: 0 });
      await page.getByRole('button', { name: new RegExp(`Valider le service fait de Lina Heures ${suffix}`) }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Je valide le service fait' }).click();
      await page.getByText(/Validé le .* par Paul Valide/).waitFor();
    } finally {
      await k.context.close();
    }
  }, 180_000);
});

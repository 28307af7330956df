import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { refreshRollups } from '../server/src/modules/national/rollups.js';
import { parisToday } from '../common/time/index.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

describe.skipIf(!hasChromium)('pilotage national, réseau des animateurs, heures', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  let slug = '';
  let communityName = '';
  type Person = { email: string; password: string; id: number };
  let admin: Person;
  let animator: Person;
  let coordinator: Person;

  beforeAll(async () => {
    const community = await createCommunity(scene.server.app, { name: `Pilotage national ${suffix}` });
    slug = community.slug;
    communityName = community.name;
    const person = async (firstName: string, lastName: string, nationalRole: 'admin' | null = null): Promise<Person> => {
      const u = await createUser(scene.server.app, { firstName, lastName, nationalRole });
      return { email: u.user.email, password: u.password, id: u.user.id };
    };
    admin = await person('Nadia', `Pilote ${suffix}`, 'admin');
    animator = await person('Lina', `Anime ${suffix}`);
    coordinator = await person('Paul', `Coordonne ${suffix}`);
    await addMember(scene.server.app, community.id, animator.id, 'animator');
    await addMember(scene.server.app, community.id, coordinator.id, 'coordinator');
    await scene.server.pool.query(
      `INSERT INTO animator_assignments (user_id, community_id, starts_on, scale_code, hourly_rate_cents) VALUES ($1, $2, '2024-01-01', '4T1', 3880)`,
      [animator.id, community.id],
    );
    await refreshRollups(scene.server.db);
  });

  it('l’équipe nationale lit le tableau de bord national et crée une e-communauté en brouillon avec l’assistant', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, admin.email, admin.password, '/');
      await page.getByRole('button', { name: /^Mon compte/ }).click();
      await page.getByRole('menuitem', { name: 'Pilotage national' }).click();
      await page.getByRole('heading', { level: 1, name: 'Pilotage national' }).waitFor();
      await page.getByText(/données du .* à /).waitFor();
      const row = page.getByRole('row', { name: new RegExp(communityName) });
      await row.waitFor();
      // Only the animator carries the monthly target of 20; the coordinator adds none.
      await expect(row.getByRole('cell').last().textContent()).resolves.toContain('/ 20');
      await page.getByRole('img', { name: /Abonné·es du réseau, fin de mois/ }).waitFor();
      await expectAccessible(page, 'tableau de bord national');

      await page.getByRole('tab', { name: 'Créer une e-communauté' }).click();
      const newSlug = `pdlv-${suffix}`.toLowerCase();
      await page.getByLabel('Nom', { exact: true }).fill(`Politique de la Ville ${suffix}`);
      await page.getByLabel('Adresse (slug)').fill(newSlug);
      await page.getByRole('button', { name: 'Étape suivante' }).click();
      await page.getByLabel('Périmètre').fill('Contrats de ville et quartiers prioritaires');
      await page.getByLabel('Public cible').fill('Chefs de projet politique de la ville');
      await page.getByLabel('Ligne éditoriale').fill('Partager les pratiques des territoires');
      await page.getByRole('button', { name: 'Étape suivante' }).click();
      await page.getByRole('button', { name: 'Étape suivante' }).click();
      await page.getByText('Choisissez le ou la coordonnateur·rice.').waitFor();
      await page.getByLabel('Rechercher le ou la coordonnateur·rice').fill(`Coordonne ${suffix}`);
      await page.getByRole('button', { name: /Choisir comme coordonnateur·rice/ }).first().click();
      await page.getByLabel('Rechercher un·e animateur·rice').fill(`Anime ${suffix}`);
      await page.getByRole('button', { name: /Ajouter comme animateur·rice/ }).first().click();
      await page.getByText(`Lina Anime ${suffix}`).waitFor();
      await expectAccessible(page, 'assistant de création, étape équipe');
      await page.getByRole('button', { name: 'Étape suivante' }).click();
      await page.getByLabel('Date de lancement').fill('2099-02-01');
      await page.getByRole('button', { name: 'Créer l’e-communauté' }).click();
      await page.getByText(/est en préparation\s: elle s’ouvrira automatiquement le 1er février 2099/).waitFor();
      const { rows } = await scene.server.pool.query(`SELECT status, launch_date::text AS d, perimeter FROM communities WHERE slug = $1`, [newSlug]);
      expect(rows[0]).toEqual({ status: 'draft', d: '2099-02-01', perimeter: 'Contrats de ville et quartiers prioritaires' });

      // The network: one exchange session a month (here, a month a year and a half ahead).
      const [y, mo] = parisToday().split('-').map(Number) as [number, number];
      const exchangeMonth = new Date(Date.UTC(y, mo - 1 + 18, 1)).toISOString().slice(0, 7);
      await page.getByRole('tab', { name: 'Réseau des animateurs' }).click();
      await page.getByLabel('Titre', { exact: true }).fill(`Échange de pratiques ${suffix}`);
      await page.getByLabel('Début', { exact: true }).fill(`${exchangeMonth}-10T10:00`);
      await page.getByRole('button', { name: 'Programmer' }).click();
      await page.getByText(`« Échange de pratiques ${suffix} » est programmé.`).waitFor();
      await page.getByLabel('Titre', { exact: true }).fill('Deuxième échange du mois');
      await page.getByLabel('Début', { exact: true }).fill(`${exchangeMonth}-20T10:00`);
      await page.getByRole('button', { name: 'Programmer' }).click();
      await page.getByText(/déjà prévue ce mois-ci/).waitFor();
      await expectAccessible(page, 'réseau des animateurs (pilotage)');
    } finally {
      await context.close();
    }
  }, 180_000);

  it('l’animatrice s’inscrit à l’échange, partage une pratique et déclare ses heures ; la coordination valide le service fait', async () => {
    const a = await newPage(scene.browser);
    try {
      const { page } = a;
      await signInThroughUi(page, scene.server.url, animator.email, animator.password, '/');
      await page.getByRole('button', { name: /^Mon compte/ }).click();
      await page.getByRole('menuitem', { name: 'Réseau des animateurs' }).click();
      await page.getByRole('heading', { level: 1, name: 'Réseau des animateurs' }).waitFor();
      await page.getByRole('button', { name: new RegExp(`M’inscrire à « Échange de pratiques ${suffix} »`) }).click();
      await page.getByText('Vous êtes inscrit·e.').waitFor();
      await page.getByLabel('Titre', { exact: true }).fill(`Relancer une discussion ${suffix}`);
      await page.getByLabel('Description (Markdown)').fill('Poser une **question ouverte** le lundi.');
      await page.getByRole('button', { name: 'Partager', exact: true }).click();
      await page.getByRole('heading', { name: `Relancer une discussion ${suffix}` }).waitFor();
      await expectAccessible(page, 'réseau des animateurs');

      await page.goto(`${scene.server.url}/mes-heures`);
      await page.getByText(/soit 504,40\s€ brut par mois/).waitFor();
      await page.getByText('ni coordonnées bancaires ni pièce d’identité', { exact: false }).first().waitFor();
      await page.getByRole('button', { name: 'Déclarer mes heures' }).click();
      await page.getByText(/déclarées\s: 13 h, 504,40\s€/).waitFor();
      await page.getByRole('button', { name: 'Déclarer mes heures' }).click();
      await page.getByText('Les heures de ce mois sont déjà déclarées pour cette mission.').waitFor();
      await expectAccessible(page, 'mes heures');
    } finally {
      await a.context.close();
    }

    const k = await newPage(scene.browser);
    try {
      const { page } = k;
      await signInThroughUi(page, scene.server.url, coordinator.email, coordinator.password, `/communautes/${slug}/etats-de-service`);
      await page.getByRole('heading', { level: 1, name: /États de service fait/ }).waitFor();
      await page.getByRole('button', { name: /Valider le service fait de Lina Anime/ }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Je valide le service fait' }).click();
      await page.getByText(/Validé le .* par Paul Coordonne/).waitFor();
      const pdf = await page.getByRole('link', { name: /^PDF/ }).getAttribute('href');
      const res = await page.request.get(`${scene.server.url}${pdf}`);
      expect(res.headers()['content-type']).toBe('application/pdf');
      expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');
      await expectAccessible(page, 'états de service (coordination)');

      await page.getByRole('navigation', { name: /Rubriques de/ }).getByRole('button', { name: 'Plus' }).click();
      await page.getByRole('navigation', { name: /Rubriques de/ }).getByRole('link', { name: 'Audience' }).click();
      await page.getByRole('heading', { level: 1, name: /Audience/ }).waitFor();
      await page.getByText(/sans adresse IP/).waitFor();
      await page.getByRole('img', { name: /Membres actifs par jour/ }).waitFor();
      await expectAccessible(page, 'audience');
    } finally {
      await k.context.close();
    }
  }, 180_000);
});

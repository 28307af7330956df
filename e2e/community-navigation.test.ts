import { beforeAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { createUser } from '../server/test/factories.js';
import { addMember } from '../server/test/community-factories.js';
import { NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix, fillEditor } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';
import { seedSteeringScene, type Credentials, type SteeringCast } from './fixtures/steering-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };
const MAX_TOP_LEVEL = 7;

/** The entries of the menu's first level (links and the « Plus » button), as a person sees them. */
async function topLevelEntries(nav: Locator): Promise<string[]> {
  const items = nav.locator('ul.community-nav__primary > li');
  const names: string[] = [];
  for (const item of await items.all()) {
    const entry = item.locator(':scope > a, :scope > div > button').first();
    if (await entry.isVisible()) names.push((await entry.innerText()).trim().split('\n')[0]!);
  }
  return names;
}

const hasFocus = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

describe.skipIf(!hasChromium)('menus des e-communautés organisés par rôle, publications d’abord', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  const name = `Navigation ${suffix}`;
  let cast: SteeringCast;
  let member: Credentials;
  let admin: Credentials;

  beforeAll(async () => {
    const { app, pool } = scene.server;
    cast = await seedSteeringScene(scene.server, {
      communityName: name,
      animator: { firstName: 'Léa', lastName: `Marchand ${suffix}` },
      coordinator: { firstName: 'Julien', lastName: `Ferrand ${suffix}` },
      suffix,
    });
    const m = await createUser(app, { firstName: 'Nadia', lastName: `Bensaïd ${suffix}` });
    const a = await createUser(app, { firstName: 'Odile', lastName: `Pilote ${suffix}`, nationalRole: 'admin' });
    member = { email: m.user.email, password: m.password };
    admin = { email: a.user.email, password: a.password };
    const { rows: [c] } = await pool.query<{ id: number }>(
      `UPDATE communities SET description = $2, launch_date = '2023-02-01' WHERE slug = $1 RETURNING id`,
      [cast.slug, 'Un espace d’échange entre agents des collectivités sur la politique de la ville, ses contrats, ses quartiers prioritaires et leurs conseils citoyens.'],
    );
    await addMember(app, c!.id, m.user.id, 'member');
    // Eight publications with excerpts of a realistic length: the first screen must show five of them.
    const excerpt = 'Retour sur la journée régionale consacrée aux contrats de ville : les services de l’État, les collectivités et les conseils citoyens ont partagé leurs méthodes d’évaluation et les premiers résultats des programmes engagés dans les quartiers prioritaires.';
    for (let i = 1; i <= 8; i++) {
      await pool.query(
        `INSERT INTO posts (community_id, author_id, kind, title, body_md, body_html, excerpt, created_at)
         VALUES ($1, $2, 'discussion', $3, 'x', '<p>x</p>', $4, now() - make_interval(hours => $5))`,
        [c!.id, m.user.id, `Publication récente ${i} ${suffix}`, excerpt, i],
      );
    }
  });

  const roles = () => [
    { role: 'membre', who: member, main: 'Publications', from: 'agenda', heading: name },
    { role: 'animation', who: cast.animator, main: 'Tableau de bord', from: '', heading: 'Mon tableau de bord' },
    { role: 'coordination', who: cast.coordinator, main: 'Tableau de bord', from: '', heading: 'Tableau de bord de coordination' },
    { role: 'équipe nationale', who: admin, main: 'Tableau de bord', from: '', heading: 'Tableau de bord de coordination' },
  ];

  for (const viewport of [{ label: 'grand écran', size: { width: 1280, height: 900 } }, { label: 'téléphone', size: PHONE }]) {
    it(`sur ${viewport.label}, chaque rôle voit au plus ${MAX_TOP_LEVEL} rubriques et sa page principale à un clic`, async () => {
      for (const r of roles()) {
        const { context, page } = await newPage(scene.browser, viewport.size);
        try {
          await signInThroughUi(page, scene.server.url, r.who.email, r.who.password, `/communautes/${cast.slug}${r.from ? `/${r.from}` : ''}`);
          const nav = page.getByRole('navigation', { name: `Rubriques de ${name}` });
          await nav.waitFor();
          const phone = viewport.size === PHONE;
          if (phone) await nav.getByRole('button', { name: /^Sections de l’e-communauté/ }).click();
          const entries = await topLevelEntries(nav);
          expect(entries.length, `${r.role} : ${entries.join(', ')}`).toBeLessThanOrEqual(MAX_TOP_LEVEL);
          expect(entries, r.role).toContain(r.main);
          await expectAccessible(page, `rubriques (${r.role}, ${viewport.label})`);
          await nav.getByRole('link', { name: r.main, exact: true }).click();
          await page.getByRole('heading', { level: 1, name: r.heading }).waitFor();
        } finally {
          await context.close();
        }
      }
    });
  }

  it('la coordination et l’équipe nationale trouvent les autres rubriques sous « Plus », au clavier', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, cast.coordinator.email, cast.coordinator.password, `/communautes/${cast.slug}`);
      const nav = page.getByRole('navigation', { name: `Rubriques de ${name}` });
      const more = nav.getByRole('button', { name: 'Plus' });
      await more.focus();
      await page.keyboard.press('Enter');
      await expect(more.getAttribute('aria-expanded')).resolves.toBe('true');
      const agenda = nav.getByRole('link', { name: 'Agenda', exact: true });
      await expect(agenda.isVisible()).resolves.toBe(true);
      await expectAccessible(page, 'rubriques « Plus » ouvertes');
      await page.keyboard.press('Tab');
      await expect(hasFocus(nav.getByRole('link', { name: 'Tableau d’animation' }))).resolves.toBe(true);
      await page.keyboard.press('Escape');
      await expect(more.getAttribute('aria-expanded')).resolves.toBe('false');
      await expect(hasFocus(more)).resolves.toBe(true);
      await expect(agenda.isVisible()).resolves.toBe(false);
      await page.keyboard.press('Space');
      await agenda.click();
      await page.getByRole('heading', { level: 1, name: /Agenda/ }).waitFor();
      // The button names the folded section one is on.
      await expect(nav.getByRole('button', { name: /^Plus/ }).innerText()).resolves.toContain('Agenda');
      // The national team reaches its own dashboard from the main menu in one click.
      await context.clearCookies();
      await signInThroughUi(page, scene.server.url, admin.email, admin.password, `/communautes/${cast.slug}`);
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Pilotage national' }).click();
      await page.getByRole('heading', { level: 1, name: 'Pilotage national' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('une e-communauté s’ouvre sur ses dernières publications, le formulaire derrière « Publier »', async () => {
    const { context, page } = await newPage(scene.browser, LAPTOP);
    try {
      await signInThroughUi(page, scene.server.url, member.email, member.password, `/communautes/${cast.slug}`);
      await page.getByRole('heading', { level: 1, name }).waitFor();
      const titles = page.getByRole('region', { name: 'Publications' }).getByRole('heading', { level: 3 });
      await titles.first().waitFor();
      const onFirstScreen = await titles.evaluateAll((hs) => hs.filter((h) => h.getBoundingClientRect().bottom <= window.innerHeight).length);
      expect(onFirstScreen).toBeGreaterThanOrEqual(5);
      await expect(page.getByRole('form', { name: 'Publier' }).count()).resolves.toBe(0);
      await expectAccessible(page, 'e-communauté, premier écran');

      const open = page.getByRole('button', { name: 'Publier', exact: true });
      await open.click();
      const form = page.getByRole('form', { name: 'Publier' });
      await form.waitFor();
      await expect(hasFocus(page.getByRole('heading', { level: 2, name: 'Publier' }))).resolves.toBe(true);
      await expectAccessible(page, 'formulaire de publication ouvert');
      await form.getByLabel('Titre').fill(`Nouvelle question ${suffix}`);
      await fillEditor(form, 'Texte', 'Qui a déjà monté un conseil citoyen intercommunal ?');
      await form.getByRole('button', { name: 'Publier', exact: true }).click();
      await page.getByText(`Votre publication « Nouvelle question ${suffix} » est en ligne.`).waitFor();
      await titles.filter({ hasText: `Nouvelle question ${suffix}` }).waitFor();
      await form.getByRole('button', { name: 'Fermer' }).click();
      await expect(form.count()).resolves.toBe(0);
      await expect(hasFocus(page.getByRole('button', { name: 'Publier', exact: true }))).resolves.toBe(true);
    } finally {
      await context.close();
    }
  });

  it('sur téléphone, « lancement le … » ne commence pas seul une ligne par son point ; « Publier » ouvre le formulaire', async () => {
    const { context, page } = await newPage(scene.browser, PHONE);
    try {
      await signInThroughUi(page, scene.server.url, member.email, member.password, `/communautes/${cast.slug}`);
      await page.getByRole('heading', { level: 1, name }).waitFor();
      const stats = page.locator('.page-head').getByText(/lancement le 1er février 2023/);
      const lineStartsWithDot = await stats.evaluate((el) => {
        // The top of each « · » against the top of the character just before it: a dot alone at a line's start is lower.
        const text = el.firstChild as Text;
        const rect = (from: number) => { const r = document.createRange(); r.setStart(text, from); r.setEnd(text, from + 1); return r.getBoundingClientRect(); };
        return [...text.data.matchAll(/·/g)].some((m) => rect(m.index!).top > rect(m.index! - 1).top + 2);
      });
      expect(lineStartsWithDot).toBe(false);
      await expectAccessible(page, 'e-communauté sur téléphone');
      // The publications come before the form there too; « Publier » opens it within the screen's width.
      await page.getByRole('region', { name: 'Publications' }).getByRole('heading', { level: 3 }).first().waitFor();
      await expect(page.getByRole('form', { name: 'Publier' }).count()).resolves.toBe(0);
      await page.getByRole('button', { name: 'Publier', exact: true }).click();
      await page.getByRole('form', { name: 'Publier' }).getByLabel('Titre').waitFor();
      await expect(page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).resolves.toBe(0);
      await expectAccessible(page, 'formulaire de publication sur téléphone');
    } finally {
      await context.close();
    }
  });
});


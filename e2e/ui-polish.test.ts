import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser, sessionFor } from '../server/test/factories.js';
import { addMember } from '../server/test/community-factories.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';
import { conformity, conformityMention } from '../common/accessibility.js';
import { seedSteeringScene, type SteeringCast } from './fixtures/steering-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

const PHONE = { width: 390, height: 844 };

/** How far the page scrolls sideways (0 when everything fits the screen's width). */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

function mainNav(page: Page) {
  return page.getByRole('navigation', { name: 'Menu principal' });
}

/** The community's menu as its coordination (here the national administrator) sees it: daily sections first. */
const PRIMARY_SECTIONS = ['Publications', 'Tableau de bord', 'États de service', 'Réunions', 'Modération', 'Questions à traiter'];
/** The sections folded behind « Plus ». */
const MORE_SECTIONS = [
  'Tableau d’animation', 'Calendrier éditorial', 'Veille', 'Audience', 'Agenda', 'Sondages', 'Dossiers', 'Pages co-écrites', 'Inviter', 'Ligne éditoriale',
];
const ADMIN_MAIN_LINKS = ['Accueil', 'Annuaire', 'Membres', 'Agenda', 'Questions à traiter', 'Pilotage national', 'Modération', 'Administration'];

/** Whether the element that has the keyboard focus is the given locator's element. */
function hasFocus(locator: ReturnType<Page['getByRole']>): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement);
}

/** The links of a navigation landmark that are shown (not folded away). */
async function visibleLinks(nav: ReturnType<Page['getByRole']>): Promise<string[]> {
  const names: string[] = [];
  for (const link of await nav.getByRole('link').all()) {
    if (await link.isVisible()) names.push((await link.textContent())!.trim());
  }
  return names;
}

describe.skipIf(!hasChromium)('finitions de l’interface', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  let cast: SteeringCast;
  let member: { email: string; password: string };
  let admin: { email: string; password: string };

  beforeAll(async () => {
    const { app, pool } = scene.server;
    cast = await seedSteeringScene(scene.server, {
      communityName: `Finitions ${suffix}`,
      animator: { firstName: 'Inès', lastName: `Roussel ${suffix}` },
      coordinator: { firstName: 'Marc', lastName: `Vidal ${suffix}` },
      suffix,
    });
    const m = await createUser(app, { firstName: 'Chloé', lastName: `Perrin ${suffix}` });
    const a = await createUser(app, { firstName: 'Odile', lastName: `Pilote ${suffix}`, nationalRole: 'admin' });
    member = { email: m.user.email, password: m.password };
    admin = { email: a.user.email, password: a.password };
    const { rows: [community] } = await pool.query<{ id: number }>('SELECT id FROM communities WHERE slug = $1', [cast.slug]);
    await addMember(app, community!.id, m.user.id, 'member');
    // A conversation whose last message is much wider than a phone: the inbox must cut it, not widen the page.
    const { rows: [animator] } = await pool.query<{ id: number }>('SELECT id FROM users WHERE email = $1', [cast.animator.email]);
    const res = await app.inject({
      method: 'POST', url: '/api/conversations', headers: await sessionFor(app, animator!.id),
      payload: { memberIds: [m.user.id], body: `Bonjour, voici le compte rendu détaillé de la réunion de lancement du contrat de ville ${'et des ateliers de quartier '.repeat(6)}` },
    });
    expect(res.statusCode).toBe(201);
  });

  it('sur téléphone, la boîte de réception et le tableau de bord ne débordent pas sur le côté', async () => {
    const { context, page } = await newPage(scene.browser, PHONE);
    try {
      await signInThroughUi(page, scene.server.url, member.email, member.password, '/messages');
      await page.getByRole('heading', { level: 1, name: 'Messages privés' }).waitFor();
      await page.getByRole('list', { name: 'Conversations' }).getByRole('link', { name: new RegExp(`Inès Roussel ${suffix}`) }).waitFor();
      await expect(sidewaysOverflow(page)).resolves.toBe(0);
      await expectAccessible(page, 'messages privés sur téléphone');
    } finally {
      await context.close();
    }
    const coordination = await newPage(scene.browser, PHONE);
    try {
      const { page } = coordination;
      await signInThroughUi(page, scene.server.url, cast.coordinator.email, cast.coordinator.password, `/communautes/${cast.slug}/pilotage`);
      await page.getByRole('heading', { level: 1, name: 'Mon tableau de bord' }).waitFor();
      // The team's table is wider than the phone: it scrolls in its own box.
      await page.getByRole('row', { name: new RegExp(`Inès Roussel ${suffix}`) }).waitFor();
      await expect(sidewaysOverflow(page)).resolves.toBe(0);
      await expectAccessible(page, 'tableau de bord de la coordination sur téléphone');
    } finally {
      await coordination.context.close();
    }
  });

  it('le menu principal mène chaque rôle à ses outils', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, member.email, member.password, '/');
      await mainNav(page).getByRole('link', { name: 'Agenda' }).waitFor();
      await expect(mainNav(page).getByRole('link', { name: 'Questions à traiter' }).count()).resolves.toBe(0);
      await expect(mainNav(page).getByRole('link', { name: 'Pilotage national' }).count()).resolves.toBe(0);
    } finally {
      await context.close();
    }
    const animator = await newPage(scene.browser);
    try {
      const { page } = animator;
      await signInThroughUi(page, scene.server.url, cast.animator.email, cast.animator.password, '/');
      await mainNav(page).getByRole('link', { name: 'Questions à traiter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Questions à traiter dans mes e-communautés' }).waitFor();
      await expect(page.title()).resolves.toBe('Questions à traiter dans mes e-communautés – e-communautés');
      await expect(mainNav(page).getByRole('link', { name: 'Questions à traiter' }).getAttribute('aria-current')).resolves.toBe('page');
      await expectAccessible(page, 'questions à traiter (menu principal)');
    } finally {
      await animator.context.close();
    }
    const national = await newPage(scene.browser);
    try {
      const { page } = national;
      await signInThroughUi(page, scene.server.url, admin.email, admin.password, '/');
      await mainNav(page).getByRole('link', { name: 'Pilotage national' }).click();
      await page.getByRole('heading', { level: 1, name: 'Pilotage national' }).waitFor();
      await expect(page.title()).resolves.toBe('Pilotage national – e-communautés');
      await mainNav(page).getByRole('link', { name: 'Modération' }).waitFor();
      await mainNav(page).getByRole('link', { name: 'Administration' }).waitFor();
      await expectAccessible(page, 'pilotage national (menu principal)');
    } finally {
      await national.context.close();
    }
  });

  it('sur téléphone, les menus se replient : le contenu commence tout de suite et chaque lien reste au clavier', async () => {
    const { context, page } = await newPage(scene.browser, PHONE);
    try {
      await signInThroughUi(page, scene.server.url, admin.email, admin.password, `/communautes/${cast.slug}`);
      const h1 = page.getByRole('heading', { level: 1, name: `Finitions ${suffix}` });
      await h1.waitFor();
      const sectionsNav = page.getByRole('navigation', { name: `Rubriques de Finitions ${suffix}` });
      const toggle = sectionsNav.getByRole('button', { name: /^Sections de l’e-communauté/ });
      await toggle.waitFor();
      // Both menus folded: the page's title is near the top of the screen, nothing scrolls sideways.
      const top = await h1.evaluate((el) => el.getBoundingClientRect().top);
      expect(top).toBeLessThanOrEqual(200);
      await expect(sidewaysOverflow(page)).resolves.toBe(0);
      await expect(visibleLinks(sectionsNav)).resolves.toEqual([]);
      await expect(visibleLinks(mainNav(page))).resolves.toEqual([]);
      // The toggle says where one is, and what it opens.
      await expect(toggle.textContent()).resolves.toContain('Publications');
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
      const panelId = await toggle.getAttribute('aria-controls');
      expect(panelId).toBeTruthy();
      await expectAccessible(page, 'page de l’e-communauté sur téléphone, menus repliés');

      // Keyboard: Enter opens, every section is listed, Tab goes into the links, Échap closes and gives focus back.
      await toggle.focus();
      await page.keyboard.press('Enter');
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
      const panel = page.locator(`[id="${panelId}"]`);
      await expect(panel.isVisible()).resolves.toBe(true);
      await expect(visibleLinks(sectionsNav)).resolves.toEqual(PRIMARY_SECTIONS);
      await expect(panel.getByRole('button', { name: 'Plus' }).isVisible()).resolves.toBe(true);
      await expect(panel.getByRole('link', { name: 'Publications', exact: true }).getAttribute('aria-current')).resolves.toBe('page');
      await expect(toggle.evaluate((el) => getComputedStyle(el).outlineStyle)).resolves.not.toBe('none');
      await page.keyboard.press('Tab');
      await expect(hasFocus(sectionsNav.getByRole('link', { name: 'Publications', exact: true }))).resolves.toBe(true);
      await page.keyboard.press('Tab');
      await expect(hasFocus(sectionsNav.getByRole('link', { name: 'Tableau de bord' }))).resolves.toBe(true);
      await expectAccessible(page, 'rubriques de l’e-communauté ouvertes sur téléphone');
      await page.keyboard.press('Escape');
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
      await expect(hasFocus(toggle)).resolves.toBe(true);
      await expect(visibleLinks(sectionsNav)).resolves.toEqual([]);
      // Space opens too; following a link folds the list, and the toggle names the new section.
      await page.keyboard.press('Space');
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('true');
      await sectionsNav.getByRole('link', { name: 'Modération' }).click();
      await page.getByRole('heading', { level: 1, name: 'Modération' }).waitFor();
      const moderationToggle = page.getByRole('navigation', { name: `Rubriques de Finitions ${suffix}` }).getByRole('button', { name: /^Sections de l’e-communauté/ });
      await expect(moderationToggle.textContent()).resolves.toContain('Modération');
      await expect(moderationToggle.getAttribute('aria-expanded')).resolves.toBe('false');

      // The main menu: « Menu » opens the list under the header, Échap closes it and gives focus back.
      const menu = mainNav(page).getByRole('button', { name: 'Menu' });
      await menu.focus();
      await page.keyboard.press('Enter');
      await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
      await expect(visibleLinks(mainNav(page))).resolves.toEqual(ADMIN_MAIN_LINKS);
      await expect(sidewaysOverflow(page)).resolves.toBe(0);
      await expectAccessible(page, 'menu principal ouvert sur téléphone');
      await page.keyboard.press('Tab');
      await expect(hasFocus(mainNav(page).getByRole('link', { name: 'Accueil' }))).resolves.toBe(true);
      await page.keyboard.press('Escape');
      await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
      await expect(hasFocus(menu)).resolves.toBe(true);
      await expect(visibleLinks(mainNav(page))).resolves.toEqual([]);
      // Opened again, a tap elsewhere folds it; a link leads to its page and folds it too.
      await menu.click();
      await page.mouse.click(4, PHONE.height - 10); // the page's side margin, outside the opened list
      await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
      await menu.click();
      await mainNav(page).getByRole('link', { name: 'Pilotage national' }).click();
      await page.getByRole('heading', { level: 1, name: 'Pilotage national' }).waitFor();
      await expect(menu.getAttribute('aria-expanded')).resolves.toBe('false');
    } finally {
      await context.close();
    }
  });

  it('sur grand écran, les rubriques du quotidien sont visibles, les autres sous « Plus »', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, admin.email, admin.password, `/communautes/${cast.slug}`);
      await page.getByRole('heading', { level: 1, name: `Finitions ${suffix}` }).waitFor();
      const sectionsNav = page.getByRole('navigation', { name: `Rubriques de Finitions ${suffix}` });
      await sectionsNav.getByRole('link', { name: 'Questions à traiter' }).waitFor();
      await expect(visibleLinks(sectionsNav)).resolves.toEqual(PRIMARY_SECTIONS);
      await sectionsNav.getByRole('button', { name: 'Plus' }).click();
      await expect(visibleLinks(sectionsNav)).resolves.toEqual([...PRIMARY_SECTIONS, ...MORE_SECTIONS]);
      await sectionsNav.getByRole('button', { name: 'Plus' }).click();
      await expect(visibleLinks(mainNav(page))).resolves.toEqual(ADMIN_MAIN_LINKS);
      // No toggle on a wide screen beside « Plus »: nothing else to open.
      await expect(sectionsNav.getByRole('button').count()).resolves.toBe(1);
      await expect(mainNav(page).getByRole('button').count()).resolves.toBe(0);
      // The main menu holds on one line beside the logo.
      const heights = await mainNav(page).getByRole('link').evaluateAll((links) => new Set(links.map((a) => Math.round(a.getBoundingClientRect().top))).size);
      expect(heights).toBe(1);
      await expectAccessible(page, 'page de l’e-communauté sur grand écran');
    } finally {
      await context.close();
    }
  });

  it('le nombre de messages non lus est à côté du mot « Messages », sans le masquer', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, member.email, member.password, '/');
      const link = page.getByRole('link', { name: /^Messages \(1 non lu\)/ });
      await link.waitFor();
      const overlap = await link.evaluate((a) => {
        const range = document.createRange();
        range.selectNodeContents(a.firstChild!);
        const word = range.getBoundingClientRect();
        const badge = a.querySelector('.messages-link__badge')!.getBoundingClientRect();
        return word.right - badge.left;
      });
      expect(overlap).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });

  it('la ponctuation haute suit la typographie française (espace insécable, guillemets)', async () => {
    const { context, page } = await newPage(scene.browser, PHONE);
    try {
      await page.goto(`${scene.server.url}/connexion`);
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      const text = await page.locator('body').innerText();
      expect(text).toContain('Pas encore de compte\u202f?');
      expect(text).toContain(`Accessibilité\u00a0: ${conformityMention(conformity().rate)}`);
      // No ordinary (breakable) space left before « ? ! ; : » nor inside guillemets.
      expect(text).not.toMatch(/[\p{L}\d] [?!;:](\s|$)|« | »/u);
      await expectAccessible(page, 'connexion');
    } finally {
      await context.close();
    }
  });
});

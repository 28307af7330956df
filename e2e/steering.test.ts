import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, launchBrowser, newPage, signInThroughUi, startServer, uniqueSuffix, type E2eServer,
} from './harness.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

describe.skipIf(!hasChromium)('tableau de bord de pilotage', () => {
  let server: E2eServer;
  let browser: Browser;
  const suffix = uniqueSuffix();
  let slug = '';
  let animator: { email: string; password: string };
  let coordinator: { email: string; password: string };
  const animatorName = `Lina Morel ${suffix}`;

  beforeAll(async () => {
    // WEB_DIST: a private build while other helpers rebuild web/dist.
    [server, browser] = await Promise.all([startServer(process.env.WEB_DIST ? { webDist: process.env.WEB_DIST } : {}), launchBrowser()]);
    const community = await createCommunity(server.app, { name: `Pilotage ${suffix}` });
    slug = community.slug;
    const a = await createUser(server.app, { firstName: 'Lina', lastName: `Morel ${suffix}` });
    const k = await createUser(server.app, { firstName: 'Paul', lastName: `Girard ${suffix}` });
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

  it('l’animatrice ouvre son tableau de bord et voit ses contributions', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signInThroughUi(page, server.url, animator.email, animator.password, `/communautes/${slug}`);
      await page.getByRole('navigation', { name: /Rubriques de/ }).getByRole('link', { name: 'Tableau de bord' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mon tableau de bord' }).waitFor();
      await page.getByText('3 contributions sur un objectif de 20').waitFor();
      await page.getByRole('img', { name: /Contributions par famille.*Veille 2, Animation 0, Rédaction 1/ }).waitFor();
      await page.getByText('à rééquilibrer : peu d’animation').waitFor();
      await expect(page.getByRole('heading', { name: /L’équipe d’animation/ }).count()).resolves.toBe(0);
      await expectAccessible(page, 'tableau de bord de l’animatrice');
    } finally {
      await context.close();
    }
  });

  it('la coordination voit l’équipe et fixe l’objectif', async () => {
    const { context, page } = await newPage(browser);
    try {
      await signInThroughUi(page, server.url, coordinator.email, coordinator.password, `/communautes/${slug}/pilotage`);
      const row = page.getByRole('row', { name: new RegExp(animatorName) });
      await row.getByRole('cell', { name: '3', exact: true }).waitFor();
      const form = page.getByRole('form', { name: 'Objectif mensuel' });
      await form.getByLabel('Contributions par mois').fill('15');
      await form.getByRole('button', { name: 'Enregistrer l’objectif' }).click();
      await page.getByText('Objectif enregistré.').waitFor();
      await page.getByText(/Objectif de l’e-communauté : 15 par mois/).waitFor();
      await expectAccessible(page, 'tableau de bord de la coordination');
      await row.getByRole('button', { name: /Voir le tableau de bord/ }).click();
      await page.getByRole('heading', { level: 1, name: `Tableau de bord de ${animatorName}` }).waitFor();
      await page.getByText('3 contributions sur un objectif de 15').waitFor();
    } finally {
      await context.close();
    }
  });
});

import { mkdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { createPost } from '../server/src/modules/posts/service.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

/** SHOTS=/some/dir keeps screenshots of each step, for looking at the pages. */
const SHOTS = process.env.SHOTS;
async function shot(page: Page, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

describe.skipIf(!hasChromium)('sondages et dossiers', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  const communityName = `Politique de la Ville sondages ${suffix}`;
  let slug = '';
  let communityId = 0;
  const question = `Quel format pour la rencontre de juin ${suffix} ?`;
  let pollUrl = '';
  const people: Record<string, { email: string; password: string; id: number }> = {};

  beforeAll(async () => {
    const community = await createCommunity(scene.server.app, {
      slug: `pdlv-sondages-${suffix}`, name: communityName, status: 'open',
    });
    slug = community.slug;
    communityId = community.id;
    await scene.server.pool.query(
      `UPDATE communities SET perimeter = 'Contrats de ville, quartiers prioritaires', target_audience = 'Chef·fes de projet', editorial_line = 'Retours d’expérience' WHERE id = $1`,
      [communityId],
    );
    for (const [key, role] of [['animator', 'animator'], ['a', 'member'], ['b', 'member']] as const) {
      const { user, password } = await createUser(scene.server.app, { firstName: key === 'animator' ? 'Anaïs' : 'Membre', lastName: `${key} ${suffix}` });
      await addMember(scene.server.app, communityId, user.id, role);
      people[key] = { email: user.email, password, id: user.id };
    }
  });

  it('l’animatrice lance un sondage, deux membres répondent, les résultats sont publiés', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, people.animator!.email, people.animator!.password, `/communautes/${slug}`);
      await page.getByRole('navigation', { name: `Rubriques de ${communityName}` }).getByRole('button', { name: 'Plus' }).click();
      await page.getByRole('navigation', { name: `Rubriques de ${communityName}` }).getByRole('link', { name: 'Sondages' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sondages et mini-enquêtes' }).waitFor();
      await expectAccessible(page, 'liste des sondages');
      await page.getByRole('link', { name: 'Nouveau sondage' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nouveau sondage' }).waitFor();
      await page.getByLabel('Question').fill(question);
      await page.getByLabel('Réponse 1', { exact: true }).fill('En visio');
      await page.getByLabel('Réponse 2', { exact: true }).fill('En présentiel');
      await page.getByRole('button', { name: 'Ajouter une réponse' }).click();
      await page.getByLabel('Réponse 3', { exact: true }).fill('Hybride');
      await page.getByLabel(/champ de réponse libre/).check();
      await expectAccessible(page, 'nouveau sondage');
      await shot(page, '01-nouveau-sondage');
      await page.getByRole('button', { name: 'Lancer le sondage' }).click();
      await page.getByRole('heading', { level: 1, name: question }).waitFor();
      pollUrl = page.url();
      await page.getByRole('heading', { name: 'Sondage', exact: true }).waitFor();
      await expectAccessible(page, 'sondage (animation)');
    } finally {
      await context.close();
    }

    for (const [key, choice] of [['a', 'En visio'], ['b', 'Hybride']] as const) {
      const { context: ctx, page: p } = await newPage(scene.browser, key === 'b' ? { width: 360, height: 800 } : undefined);
      try {
        await signInThroughUi(p, scene.server.url, people[key]!.email, people[key]!.password, new URL(pollUrl).pathname);
        const form = p.getByRole('form', { name: `Répondre au sondage « ${question} »` });
        await form.getByRole('radio', { name: choice }).check();
        if (key === 'a') await form.getByLabel('Réponse libre (facultatif)').fill('Un créneau le midi, SVP');
        await expectAccessible(p, `formulaire de vote (${key})`);
        await form.getByRole('button', { name: 'Envoyer ma réponse' }).click();
        await p.getByText('Merci, votre réponse est enregistrée').waitFor();
        const chart = p.getByRole('figure', { name: /Résultats/ });
        await chart.waitFor();
        await expect(chart.textContent()).resolves.toContain(key === 'a' ? '1 participant·e' : '2 participant·e·s');
        await shot(p, `02-vote-${key}`);
        await expectAccessible(p, `résultats (${key})`);
      } finally {
        await ctx.close();
      }
    }

    const { context: c2, page: p2 } = await newPage(scene.browser);
    try {
      await signInThroughUi(p2, scene.server.url, people.animator!.email, people.animator!.password, new URL(pollUrl).pathname);
      await p2.getByText('Un créneau le midi, SVP').waitFor();
      await p2.getByText('Afficher les résultats sous forme de tableau').click();
      await p2.getByRole('table').getByRole('rowheader', { name: 'Hybride' }).waitFor();
      await p2.getByRole('button', { name: 'Clore le sondage maintenant' }).click();
      await p2.getByRole('alertdialog').getByRole('button', { name: 'Clore le sondage' }).click();
      await p2.getByText('Sondage clos le').waitFor();
      await p2.getByLabel('Commentaire de l’animation').fill('Merci pour vos réponses : nous organiserons une rencontre **hybride**.');
      await expectAccessible(p2, 'publication des résultats');
      await p2.getByRole('button', { name: 'Publier les résultats' }).click();
      const link = p2.getByRole('link', { name: `Résultats du sondage : ${question}` });
      await link.click();
      await p2.getByRole('heading', { level: 1, name: `Résultats du sondage : ${question}` }).waitFor();
      await expect(p2.locator('.post__body table').textContent()).resolves.toContain('50 %');
      await shot(p2, '03-resultats-publies');
      await expectAccessible(p2, 'article des résultats');
    } finally {
      await c2.close();
    }
  }, 120_000);

  it('l’animatrice compose un dossier de deux publications et les réordonne au clavier', async () => {
    const first = `Maison du projet ${suffix}`;
    const second = `Conseils citoyens ${suffix}`;
    await createPost(scene.server.db, communityId, people.a!.id, { title: first, body: 'Ouverte en mars.' });
    await createPost(scene.server.db, communityId, people.b!.id, { title: second, body: 'Bilan annuel.' });
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, people.animator!.email, people.animator!.password, `/communautes/${slug}/dossiers`);
      await page.getByRole('heading', { level: 1, name: 'Dossiers' }).waitFor();
      const form = page.getByRole('form', { name: 'Nouveau dossier' });
      await form.getByLabel('Titre').fill(`Participation des habitants ${suffix}`);
      await form.getByLabel('Introduction').fill('Les **incontournables** pour associer les habitants.');
      await form.getByRole('button', { name: 'Créer le dossier' }).click();
      await page.getByRole('link', { name: 'Ouvrir le dossier pour y ajouter des publications' }).click();
      await page.getByRole('heading', { level: 1, name: `Participation des habitants ${suffix}` }).waitFor();
      for (const title of [first, second]) {
        await page.getByLabel('Ajouter une publication (recherche par titre)').fill(title.slice(0, 12));
        await page.getByRole('button', { name: `Ajouter « ${title} » au dossier` }).click();
        await page.getByRole('link', { name: title }).waitFor();
      }
      const titles = () => page.locator('.dossier-items h3').allTextContents();
      await expect(titles()).resolves.toEqual([first, second]);
      await page.getByRole('button', { name: `Descendre « ${first} »` }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(titles).toEqual([second, first]);
      // The keyboard stays on the moved post.
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Monter «\u00a0${first}\u00a0»`);
      await shot(page, '04-dossier');
      await expectAccessible(page, 'dossier (animation)');
      await page.reload();
      await expect.poll(titles).toEqual([second, first]);

      await page.goto(`${scene.server.url}/communautes/${slug}/ligne-editoriale`);
      await page.getByRole('heading', { level: 1, name: 'Ligne éditoriale' }).waitFor();
      await page.getByRole('link', { name: `Participation des habitants ${suffix}` }).waitFor();
      await page.getByText('Contrats de ville, quartiers prioritaires').waitFor();
      await shot(page, '05-ligne-editoriale');
      await expectAccessible(page, 'ligne éditoriale');
      await page.goto(`${scene.server.url}/communautes/${slug}/dossiers`);
      await page.getByRole('link', { name: `Participation des habitants ${suffix}` }).waitFor();
      await expectAccessible(page, 'liste des dossiers');
    } finally {
      await context.close();
    }
  }, 120_000);
});

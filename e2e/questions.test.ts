import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix, fillEditor, editorValue,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

describe.skipIf(!hasChromium)('questions avec échéance', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  const questionTitle = `Comment financer un poste de coordination ${suffix}`;
  const citedTitle = `Guide des cités éducatives ${suffix}`;
  let slug = '';
  let member: { email: string; password: string };
  let animator: { email: string; password: string };
  let animatorName = '';
  let questionUrl = '';

  beforeAll(async () => {
    const community = await createCommunity(scene.server.app, { name: `Cités éducatives ${suffix}` });
    slug = community.slug;
    const m = await createUser(scene.server.app, { firstName: 'Nadia', lastName: `Benali ${suffix}` });
    const a = await createUser(scene.server.app, { firstName: 'Samira', lastName: `Roux ${suffix}` });
    await addMember(scene.server.app, community.id, m.user.id, 'member');
    await addMember(scene.server.app, community.id, a.user.id, 'animator');
    member = { email: m.user.email, password: m.password };
    animator = { email: a.user.email, password: a.password };
    animatorName = `Samira Roux ${suffix}`;
    // A resource the animator will cite in the answer.
    await scene.server.pool.query(
      `INSERT INTO posts (community_id, author_id, kind, title, body_md, body_html, excerpt) VALUES ($1, $2, 'ressource', $3, 'Le guide.', '<p>Le guide.</p>', 'Le guide.')`,
      [community.id, a.user.id, citedTitle],
    );
  });

  const pendingList = (page: Page) => page.getByRole('list', { name: /Questions à traiter/ });

  it('un membre pose une question', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, member.email, member.password, `/communautes/${slug}`);
      await page.getByRole('button', { name: 'Publier', exact: true }).click();
      const publish = page.getByRole('form', { name: 'Publier' });
      await publish.getByLabel('Type de publication').selectOption('question');
      await publish.getByLabel('Titre').fill(questionTitle);
      await fillEditor(publish, 'Votre question en détail', 'Quels cofinancements avez-vous mobilisés ?');
      await publish.getByRole('button', { name: 'Publier' }).click();
      await page.getByRole('link', { name: 'Voir la publication' }).click();
      await page.getByRole('heading', { level: 1, name: questionTitle }).waitFor();
      await page.getByText('En attente de réponse').waitFor();
      await page.getByText(/Réponse attendue avant le .*reste 2 j 2[23] h/).waitFor();
      await expectAccessible(page, 'question en attente');
      questionUrl = page.url();
      // Members do not see the staff's section.
      await page.goto(`${scene.server.url}/communautes/${slug}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await expect(page.getByRole('link', { name: 'Questions à traiter' }).count()).resolves.toBe(0);
    } finally {
      await context.close();
    }
  });

  it('l’animatrice la voit dans « Questions à traiter », y répond en citant une ressource, et la question quitte la liste', async () => {
    expect(questionUrl).toMatch(/\/publications\/\d+$/);
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, animator.email, animator.password, `/communautes/${slug}`);
      await page.getByRole('navigation', { name: /Rubriques de/ }).getByRole('link', { name: 'Questions à traiter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Questions à traiter' }).waitFor();
      await pendingList(page).getByRole('link', { name: questionTitle }).waitFor();
      await page.getByText('1 question ouverte, dont 0 en retard.').waitFor();
      await page.getByRole('heading', { name: 'Indicateurs' }).waitFor();
      await page.getByText('Délai médian de première réponse').waitFor();
      await expectAccessible(page, 'questions à traiter');

      await pendingList(page).getByRole('link', { name: questionTitle }).click();
      await page.getByRole('heading', { level: 1, name: questionTitle }).waitFor();
      await fillEditor(page, 'Votre commentaire', 'Bonjour Nadia, voyez ce guide :');
      const cite = page.getByRole('combobox', { name: /Citer une publication/ });
      await cite.fill('cites educ');
      await page.getByRole('option', { name: new RegExp(citedTitle) }).click();
      // The picker inserts the link on the next animation frame: wait for it, a busy machine may be slow to paint.
      await expect.poll(() => editorValue(page, 'Votre commentaire')).toMatch(/\[Guide des cités éducatives .*\]\(\/publications\/\d+\)$/);
      await page.getByText(/Lien vers «\sGuide des cités éducatives .*\s» ajouté/).waitFor();
      await expectAccessible(page, 'réponse avec citation');
      await page.getByRole('button', { name: 'Publier le commentaire' }).click();
      await page.getByRole('heading', { name: 'Commentaires (1)' }).waitFor();
      await page.getByRole('link', { name: citedTitle }).waitFor();
      await page.getByText('Répondue', { exact: true }).waitFor();
      await page.getByText(`Réponse de ${animatorName}`, { exact: false }).waitFor();

      await page.goto(`${scene.server.url}/communautes/${slug}/questions`);
      await page.getByText('Aucune question en attente de réponse.').waitFor();
      await expect(page.getByRole('link', { name: questionTitle }).count()).resolves.toBe(0);
      await page.getByText(/Questions posées du .*\s: 1 \(1 répondue/).waitFor();
      await expectAccessible(page, 'questions à traiter, liste vide');
    } finally {
      await context.close();
    }
  });

  it('la personne qui a posé la question marque la réponse comme solution', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, member.email, member.password, new URL(questionUrl).pathname);
      await page.getByRole('heading', { level: 1, name: questionTitle }).waitFor();
      await page.getByRole('button', { name: `Marquer le commentaire de ${animatorName} comme solution` }).click();
      await page.getByText('✓ Solution retenue').waitFor();
      await page.getByText('Résolue', { exact: true }).waitFor();
      await expectAccessible(page, 'question résolue');
    } finally {
      await context.close();
    }
  });
});

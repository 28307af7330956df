import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { createPost } from '../server/src/modules/posts/service.js';
import {
  NO_CHROMIUM_REASON, editorValue, expectAccessible, fillEditor, hasChromium, newPage, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

const PHONE = { width: 390, height: 844 };

/** The page itself must never scroll sideways on a phone. */
function pageOverflows(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

describe.skipIf(!hasChromium)('questions similaires et mini-enquêtes', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  const word = `zorgval${suffix.replace(/[^a-z]/gi, '').toLowerCase()}`;
  let slug = '';
  const people: Record<string, { email: string; password: string; id: number }> = {};
  const oldQuestion = `Calcul du RIFSEEP à temps partiel ${word}`;
  let oldQuestionId = 0;

  beforeAll(async () => {
    const { app, db, pool } = scene.server;
    const home = await createCommunity(app, { name: `Ressources humaines ${suffix}`, status: 'open' });
    const related = await createCommunity(app, { name: `Finances locales ${suffix}`, status: 'open' });
    await pool.query('INSERT INTO community_relations (community_id, related_id) VALUES ($1, $2), ($2, $1)', [home.id, related.id]);
    slug = home.slug;
    for (const [key, role] of [['animator', 'animator'], ['member', 'member'], ['other', 'member']] as const) {
      const { user, password } = await createUser(app, { firstName: key === 'animator' ? 'Anaïs' : 'Membre', lastName: `${key} ${suffix}` });
      await addMember(app, home.id, user.id, role);
      await addMember(app, related.id, user.id, 'member');
      people[key] = { email: user.email, password, id: user.id };
    }
    oldQuestionId = await createPost(db, related.id, people.other!.id, { kind: 'question', title: oldQuestion, body: `Comment faire ? ${word}` });
  });

  it('en tapant le titre d’une question, le membre voit les questions similaires, annoncées, ouvertes dans un nouvel onglet', async () => {
    for (const viewport of [undefined, PHONE]) {
      const { context, page } = await newPage(scene.browser, viewport);
      try {
        await signInThroughUi(page, scene.server.url, people.member!.email, people.member!.password, `/communautes/${slug}`);
        await page.getByRole('button', { name: 'Publier', exact: true }).click();
        const form = page.getByRole('form', { name: 'Publier' });
        await form.getByLabel('Type de publication').selectOption('question');
        const typed = `Comment calculer le rifseep d’un agent ${word}`;
        // The first pass left a draft of this title (saved as one types): the phone starts from a blank field.
        await form.getByRole('textbox', { name: 'Titre' }).fill('');
        await form.getByRole('textbox', { name: 'Titre' }).pressSequentially(typed, { delay: 5 });
        const status = form.getByRole('status').filter({ hasText: /question similaire/ });
        await status.waitFor();
        await expect(status.textContent()).resolves.toMatch(/^1\squestion similaire trouvée/);
        const link = form.getByRole('link', { name: `${oldQuestion} (nouvel onglet)` });
        await expect(link.getAttribute('target')).resolves.toBe('_blank');
        await expect(link.getAttribute('href')).resolves.toBe(`/publications/${oldQuestionId}`);
        await form.getByText(`Finances locales ${suffix}`).waitFor();
        // The typed title stays: nothing navigates away from the form.
        await expect(form.getByRole('textbox', { name: 'Titre' }).inputValue()).resolves.toBe(typed);
        await expectAccessible(page, `questions similaires${viewport ? ' (téléphone)' : ''}`);
        if (viewport) await expect(pageOverflows(page)).resolves.toBe(false);
        // A discussion does not look for similar questions.
        await form.getByLabel('Type de publication').selectOption('discussion');
        await expect(form.getByRole('link', { name: /nouvel onglet/ }).count()).resolves.toBe(0);
      } finally {
        await context.close();
      }
    }
  }, 120_000);

  it('l’animatrice cite dans sa réponse une publication d’une e-communauté liée', async () => {
    const question = await createPost(scene.server.db, (await scene.server.pool.query('SELECT id FROM communities WHERE slug = $1', [slug])).rows[0].id,
      people.member!.id, { kind: 'question', title: `Temps partiel et primes ${word}`, body: 'Une question.' });
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, people.animator!.email, people.animator!.password, `/publications/${question}`);
      await fillEditor(page, 'Votre commentaire', 'Voyez cette réponse :');
      await page.getByRole('combobox', { name: /Citer une publication/ }).fill('rifseep');
      const option = page.getByRole('option', { name: new RegExp(`${oldQuestion}.*e-communauté\\s«\\sFinances locales ${suffix}`) });
      await option.click();
      await expect(editorValue(page, 'Votre commentaire')).resolves.toMatch(new RegExp(`\\(/publications/${oldQuestionId}\\)$`));
      await expectAccessible(page, 'citation d’une e-communauté liée');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('l’animatrice crée une mini-enquête, un membre y répond sur téléphone, les résultats sont lus en graphiques et tableaux puis publiés', async () => {
    const title = `Bilan de l’année ${suffix}`;
    let surveyPath: string;
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, people.animator!.email, people.animator!.password, `/communautes/${slug}/sondages`);
      await page.getByRole('link', { name: 'Mini-enquêtes' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mini-enquêtes' }).waitFor();
      await expectAccessible(page, 'liste des mini-enquêtes');
      await page.getByRole('link', { name: 'Nouvelle mini-enquête' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nouvelle mini-enquête' }).waitFor();
      const form = page.getByRole('form', { name: 'Nouvelle mini-enquête' });
      await form.getByLabel('Titre', { exact: true }).fill(title);
      const q = (n: number) => form.getByRole('group', { name: `Question ${n}` });
      await q(1).getByLabel('Intitulé').fill('Votre collectivité');
      await q(1).getByLabel('Réponses proposées').fill('Commune\nDépartement\nRégion');
      await form.getByRole('button', { name: 'Ajouter une question' }).click();
      await q(2).getByLabel('Type de réponse').selectOption('scale');
      await q(2).getByLabel('Intitulé').fill('Satisfaction');
      await form.getByRole('button', { name: 'Ajouter une question' }).click();
      await q(3).getByLabel('Type de réponse').selectOption('text');
      await q(3).getByLabel('Intitulé').fill('Une idée pour l’an prochain');
      await q(3).getByLabel('Réponse obligatoire').uncheck();
      await expectAccessible(page, 'nouvelle mini-enquête');
      await form.getByRole('button', { name: 'Lancer la mini-enquête' }).click();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      surveyPath = new URL(page.url()).pathname;
      expect(surveyPath).toMatch(/^\/enquetes\/\d+$/);
      await page.getByText('Mini-enquête anonyme').waitFor();
      await expectAccessible(page, 'mini-enquête (animation)');
    } finally {
      await context.close();
    }

    const { context: mc, page: mp } = await newPage(scene.browser, PHONE);
    try {
      await signInThroughUi(mp, scene.server.url, people.member!.email, people.member!.password, surveyPath);
      const form = mp.getByRole('form', { name: 'Répondre' });
      await form.getByRole('radio', { name: 'Département' }).check();
      await form.getByRole('radio', { name: '4' }).check();
      await form.getByLabel(/Une idée pour l’an prochain/).fill(`Plus de webinaires ${suffix}`);
      await expectAccessible(mp, 'répondre à la mini-enquête (téléphone)');
      await expect(pageOverflows(mp)).resolves.toBe(false);
      await form.getByRole('button', { name: 'Envoyer mes réponses' }).click();
      await mp.getByText('Merci, vos réponses sont enregistrées.').waitFor();
      // Members see the results only once the survey is closed, and never the written answers.
      await mp.getByText('Les résultats seront visibles à la clôture de la mini-enquête.').waitFor();
      await expect(mp.getByText(`Plus de webinaires ${suffix}`).count()).resolves.toBe(0);
    } finally {
      await mc.close();
    }

    const { context: ac, page: ap } = await newPage(scene.browser);
    try {
      await signInThroughUi(ap, scene.server.url, people.animator!.email, people.animator!.password, surveyPath);
      const chart = ap.getByRole('figure', { name: /Répartition des réponses · moyenne 4 sur 5/ });
      await chart.waitFor();
      await expect(chart.textContent()).resolves.toContain('1 réponse');
      await ap.getByText(`Plus de webinaires ${suffix}`).waitFor();
      await ap.getByText('Afficher sous forme de tableau').first().click();
      await ap.getByRole('table', { name: /Votre collectivité/ }).getByRole('rowheader', { name: 'Département' }).waitFor();
      await expect(ap.getByRole('link', { name: 'Totaux par question (CSV)' }).getAttribute('href')).resolves.toMatch(/\/api\/surveys\/\d+\/export$/);
      await expectAccessible(ap, 'résultats (animation)');
      await ap.getByRole('button', { name: 'Clore la mini-enquête maintenant' }).click();
      await ap.getByRole('alertdialog').getByRole('button', { name: 'Clore la mini-enquête' }).click();
      await ap.getByText(/close le/).first().waitFor();
      await ap.getByLabel('Commentaire de l’animation').fill('Merci : nous préparons des **webinaires** à midi.');
      await ap.getByRole('button', { name: 'Publier les résultats' }).click();
      const link = ap.getByRole('link', { name: `Résultats de la mini-enquête : ${title}` });
      await link.click();
      await ap.getByRole('heading', { level: 1, name: `Résultats de la mini-enquête : ${title}` }).waitFor();
      await expect(ap.locator('.post__body').textContent()).resolves.toContain('Département');
      await expect(ap.locator('.post__body').textContent()).resolves.not.toContain(`Plus de webinaires ${suffix}`);
      await expectAccessible(ap, 'article des résultats de la mini-enquête');
    } finally {
      await ac.close();
    }
  }, 180_000);
});

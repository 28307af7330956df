import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, fillEditor, hasChromium, newPage, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';
import { parisToday } from '../common/time/index.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

describe.skipIf(!hasChromium)('recherche et calendrier éditorial', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  const word = `quartzite${suffix.replace(/[^a-z]/gi, '').toLowerCase()}`;
  let slug = '';
  let member = { email: '', password: '' };
  let animator = { email: '', password: '' };

  beforeAll(async () => {
    const community = await createCommunity(scene.server.app, { slug: `recherche-${suffix}`, name: `Politique de la ville ${suffix}` });
    slug = community.slug;
    const m = await createUser(scene.server.app, { firstName: 'Nora', lastName: `Membre ${suffix}` });
    const a = await createUser(scene.server.app, { firstName: 'Alex', lastName: `Animateur ${suffix}` });
    await addMember(scene.server.app, community.id, m.user.id, 'member');
    await addMember(scene.server.app, community.id, a.user.id, 'animator');
    member = { email: m.user.email, password: m.password };
    animator = { email: a.user.email, password: a.password };
    await scene.server.pool.query(
      `INSERT INTO posts (community_id, author_id, title, body_md, body_html) VALUES ($1, $2, $3, $4, $4)`,
      [community.id, a.user.id, `Les élus et le contrat de ville ${word}`, `Comment associer les elus des quartiers ${word} ?`],
    );
  });

  it('un membre cherche « élu » depuis l’en-tête et voit les extraits surlignés', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, member.email, member.password);
      const search = page.getByRole('search', { name: 'Rechercher' });
      await search.getByLabel('Rechercher dans les e-communautés').fill(`élu ${word}`);
      await search.getByLabel('Rechercher dans les e-communautés').press('Enter');
      await page.getByRole('heading', { level: 2, name: `Résultats pour « élu ${word} »` }).waitFor();
      const hit = page.locator('.search-hit').first();
      await hit.getByRole('link', { name: /Les élus et le contrat de ville/ }).waitFor();
      expect(await hit.locator('mark').allTextContents()).toEqual(expect.arrayContaining(['élus', 'elus']));
      await expectAccessible(page, 'résultats de recherche');

      // A filter that excludes everything says so.
      await page.getByLabel('Type de publication').selectOption('sondage');
      await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
      await page.getByText('Aucun résultat.').waitFor();
      expect(page.url()).toContain('kind=sondage');
      // Members do not see the animators' calendar.
      await page.goto(`${scene.server.url}/communautes/${slug}`);
      await page.locator('main h1').first().waitFor();
      expect(await page.getByRole('link', { name: 'Calendrier éditorial' }).count()).toBe(0);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('une membre cherche un mot, publie un texte qui le contient et le retrouve aussitôt, malgré les résultats partagés', async () => {
    const fresh = `${word}neuf`;
    const { context, page } = await newPage(scene.browser);
    const searchFor = async (q: string) => {
      const search = page.getByRole('search', { name: 'Rechercher' });
      await search.getByLabel('Rechercher dans les e-communautés').fill(q);
      await search.getByLabel('Rechercher dans les e-communautés').press('Enter');
      await page.getByRole('heading', { level: 2, name: `Résultats pour « ${q} »` }).waitFor();
    };
    try {
      await signInThroughUi(page, scene.server.url, member.email, member.password);
      // Nothing yet: this empty page of hits is now shared for a while (SEARCH_CACHE_SECONDS).
      await searchFor(fresh);
      await page.getByText('Aucun résultat.').waitFor();
      await page.goto(`${scene.server.url}/communautes/${slug}`);
      await page.getByRole('button', { name: 'Publier', exact: true }).click();
      const publish = page.getByRole('form', { name: 'Publier' });
      await publish.getByLabel('Titre').fill(`Notre retour sur ${fresh}`);
      await fillEditor(publish, 'Texte', `Un texte sur ${fresh} et les habitants.`);
      await publish.getByRole('button', { name: 'Publier' }).click();
      await page.getByText(`Votre publication « Notre retour sur ${fresh} » est en ligne.`).waitFor();
      // Her browser carries the mark of her write: she is searched afresh and finds it at once.
      await searchFor(fresh);
      await page.locator('.search-hit').getByRole('link', { name: `Notre retour sur ${fresh}` }).waitFor();
    } finally {
      await context.close();
    }
  }, 180_000);

  it('un animateur programme une publication et la retrouve sur le calendrier', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, animator.email, animator.password);
      await page.goto(`${scene.server.url}/communautes/${slug}`);
      await page.getByRole('link', { name: 'Calendrier éditorial' }).click();
      await page.getByRole('heading', { level: 1, name: 'Calendrier éditorial' }).waitFor();
      await page.locator('table.cal').waitFor();
      await expectAccessible(page, 'calendrier éditorial');

      await page.getByRole('button', { name: 'Planifier une publication' }).click();
      await page.getByLabel('Titre').fill(`Veille programmée ${suffix}`);
      await page.getByLabel(/^Texte/).fill('La veille de la semaine.');
      const day = parisToday(Date.now() + 86_400_000);
      await page.getByLabel('Date', { exact: true }).fill(day);
      await page.getByLabel('Heure', { exact: true }).fill('09:00');
      await expectAccessible(page, 'formulaire de planification');
      await page.getByRole('button', { name: 'Programmer' }).click();
      await page.getByText(`« Veille programmée ${suffix} » sera publiée automatiquement`).waitFor();
      await page.getByRole('button', { name: `Modifier Veille programmée ${suffix}` }).waitFor();
      const { rows } = await scene.server.pool.query(`SELECT status FROM planned_posts WHERE title = $1`, [`Veille programmée ${suffix}`]);
      expect(rows).toEqual([{ status: 'scheduled' }]);

      // An article carries its type: asked for before scheduling, then written to the planned post.
      await page.getByRole('button', { name: 'Planifier une publication' }).click();
      await page.getByLabel('Titre').fill(`Article programmé ${suffix}`);
      await page.locator('section.plan-form').getByLabel('Type', { exact: true }).selectOption('article');
      await page.getByLabel(/^Texte/).fill('Notre retour.');
      await page.getByLabel('Date', { exact: true }).fill(day);
      await page.getByRole('button', { name: 'Programmer' }).click();
      await page.getByText('Choisissez le type d’article avant de programmer la publication.').first().waitFor();
      await page.getByLabel('Type d’article').selectOption('retour_experience');
      await expectAccessible(page, 'planification d’un article');
      await page.getByRole('button', { name: 'Programmer' }).click();
      await page.getByText(`« Article programmé ${suffix} » sera publiée automatiquement`).waitFor();
      const article = await scene.server.pool.query(`SELECT kind, payload FROM planned_posts WHERE title = $1`, [`Article programmé ${suffix}`]);
      expect(article.rows).toEqual([{ kind: 'article', payload: { articleType: 'retour_experience' } }]);

      // A date already passed is refused with a French message.
      await page.getByRole('button', { name: 'Planifier une publication' }).click();
      await page.getByLabel('Titre').fill('Trop tard');
      await page.getByLabel(/^Texte/).fill('Texte');
      await page.getByLabel('Date', { exact: true }).fill('2020-01-06');
      await page.getByRole('button', { name: 'Programmer' }).click();
      await page.getByText('La date de publication programmée est déjà passée').waitFor();

      await page.getByLabel('Intitulé').fill('Veille du lundi');
      await page.getByRole('button', { name: 'Ajouter le rendez-vous' }).click();
      await page.getByText('Rendez-vous « Veille du lundi » créé.').waitFor();
      await page.getByRole('button', { name: 'Semaine', exact: true }).click();
      await expectAccessible(page, 'calendrier, vue semaine');
    } finally {
      await context.close();
    }
  }, 180_000);
});

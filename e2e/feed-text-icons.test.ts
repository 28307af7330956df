import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser, sessionFor } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
/** Emoji and pictographs: drawn from a font the system may not have (an empty box on Debian's Chromium). */
const PICTOGRAPH = /\p{Extended_Pictographic}/u;

/** The characters of the page a person reads, including buttons' text (but not what is hidden from everyone). */
const pageText = (page: Page) => page.locator('body').innerText();

describe.skipIf(!hasChromium)('extraits du fil et icônes', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  const title = `Résultats du sondage : format de la rencontre ${suffix}`;
  let member: { email: string; password: string };
  let animator: { email: string; password: string };
  let postId = 0;
  let slug = '';

  beforeAll(async () => {
    const { app } = scene.server;
    const community = await createCommunity(app, { name: `Extraits ${suffix}` });
    slug = community.slug;
    const a = await createUser(app, { firstName: 'Léa', lastName: `Marchand ${suffix}` });
    const m = await createUser(app, { firstName: 'Nadia', lastName: `Bensaïd ${suffix}` });
    await addMember(app, community.id, a.user.id, 'animator');
    await addMember(app, community.id, m.user.id, 'member');
    animator = { email: a.user.email, password: a.password };
    member = { email: m.user.email, password: m.password };
    // Published through the API, as the poll's results are: the excerpt is computed by the server at write time.
    const body = [
      'Merci aux 12 participant·e·s du sondage « Quel format pour la rencontre de juin ? ».',
      '',
      '| Réponse | Voix | Part des participant·e·s |',
      '| --- | ---: | ---: |',
      '| Webinaire | 0 | 0 % |',
      '| Atelier | 12 | 100 % |',
      '',
      '- L’atelier aura lieu à Lyon ;',
      '- le programme suivra en mai, avec la liste des intervenants, les horaires, le lieu exact et les modalités d’inscription pour les agents.',
    ].join('\n');
    const res = await app.inject({
      method: 'POST', url: `/api/communities/${slug}/posts`, headers: await sessionFor(app, a.user.id),
      payload: { kind: 'discussion', title, body },
    });
    expect(res.statusCode).toBe(201);
    postId = (res.json() as { id: number }).id;
  });

  for (const [label, viewport] of [['grand écran', DESKTOP], ['téléphone', PHONE]] as const) {
    it(`sur ${label}, « Mon fil » montre l’extrait par blocs entiers, sans le tableau`, async () => {
      const { context, page } = await newPage(scene.browser, viewport);
      try {
        await signInThroughUi(page, scene.server.url, member.email, member.password, '/');
        await page.getByRole('heading', { level: 1, name: 'Mon fil' }).waitFor();
        const card = page.getByRole('article').filter({ has: page.getByRole('link', { name: title }) });
        await card.waitFor();
        const text = await card.innerText();
        expect(text).toContain('Merci aux 12 participant·e·s du sondage « Quel format pour la rencontre de juin ? ».');
        expect(text).toContain('L’atelier aura lieu à Lyon ;');
        // The table is left out, and the excerpt stops before a list item rather than inside it.
        expect(text).not.toMatch(/Webinaire|Voix|100 %/);
        expect(text).not.toContain('le programme suivra');
        await expectAccessible(page, `mon fil (${label})`);
      } finally {
        await context.close();
      }
    });
  }

  it('les icônes sont des SVG cachés aux lecteurs d’écran, à côté de leur texte, jamais des emoji', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, member.email, member.password, `/publications/${postId}`);
      const useful = page.getByRole('button', { name: 'Utile (0)' });
      await useful.waitFor();
      // Shown once the reader's own state (bookmarked or not) is in: read the page after it, not before.
      const bookmark = page.getByRole('button', { name: 'Enregistrer', exact: true });
      await bookmark.waitFor();
      await expect(bookmark.locator('svg[aria-hidden="true"]').count()).resolves.toBe(1);
      await expect(useful.locator('svg[aria-hidden="true"]').count()).resolves.toBe(1);
      const search = page.getByRole('button', { name: 'Lancer la recherche' });
      await expect(search.locator('svg[aria-hidden="true"]').count()).resolves.toBe(1);
      // The comment editor's toolbar loads with the editor, after the post: read the page once it is in too.
      const link = page.getByRole('toolbar', { name: 'Mise en forme' }).getByRole('button', { name: 'Lien' });
      await link.waitFor();
      await expect(link.locator('svg[aria-hidden="true"]').count()).resolves.toBe(1);
      expect(await pageText(page)).not.toMatch(PICTOGRAPH);
      await useful.click();
      await page.getByRole('button', { name: 'Utile (1)' }).waitFor();
      await expectAccessible(page, 'publication, bouton « Utile »');
    } finally {
      await context.close();
    }
    const staff = await newPage(scene.browser, PHONE);
    try {
      const { page } = staff;
      await signInThroughUi(page, scene.server.url, animator.email, animator.password, `/communautes/${slug}/moderation`);
      await page.getByText('Aucun signalement en attente.').waitFor();
      expect(await pageText(page)).not.toMatch(PICTOGRAPH);
      await expectAccessible(page, 'file de modération vide');
    } finally {
      await staff.context.close();
    }
  });
});

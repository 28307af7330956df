import { describe, expect, it } from 'vitest';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { NO_CHROMIUM_REASON, hasChromium, newPage, signInThroughUi, uniqueSuffix, fillEditor } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

describe.skipIf(!hasChromium)('une réponse perdue ne double pas un commentaire', () => {
  const scene = useBrowserScene();

  it('le client renvoie le commentaire avec la même clé et le serveur rend la première réponse', async () => {
    const suffix = uniqueSuffix();
    const { app, pool } = scene.server;
    const community = await createCommunity(app, { name: `Mobilités ${suffix}` });
    const { user, password } = await createUser(app, { firstName: 'Inès', lastName: `Garnier ${suffix}` });
    await addMember(app, community.id, user.id, 'member');
    const { rows: [post] } = await pool.query<{ id: number }>(
      `INSERT INTO posts (community_id, author_id, kind, title, body_md, body_html, excerpt)
       VALUES ($1, $2, 'discussion', $3, 'Vos retours ?', '<p>Vos retours ?</p>', 'Vos retours ?') RETURNING id`,
      [community.id, user.id, `Covoiturage ${suffix}`],
    );

    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, user.email, password);
      // The first comment request reaches the server and is written, but its answer never comes back.
      const keys: (string | undefined)[] = [];
      await page.route(`**/api/posts/${post!.id}/comments`, async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        keys.push(route.request().headers()['idempotency-key']);
        if (keys.length > 1) return route.continue();
        await route.fetch();
        return route.abort('connectionreset');
      });
      await page.goto(`${scene.server.url}/publications/${post!.id}`);
      await page.getByRole('heading', { name: 'Commentaires (0)' }).waitFor();
      await fillEditor(page, 'Votre commentaire', 'Nous avons une ligne de covoiturage solidaire.');
      await page.getByRole('button', { name: 'Publier le commentaire' }).click();
      await page.getByRole('heading', { name: 'Commentaires (1)' }).waitFor();
      // In the published comment: the editor may still hold the text for a moment after the answer.
      await page.getByRole('article', { name: /^Commentaire de Inès Garnier/ }).getByText('ligne de covoiturage solidaire').waitFor();

      expect(keys).toHaveLength(2);
      expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
      expect(keys[1]).toBe(keys[0]);
      const { rows: [count] } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM comments WHERE post_id = $1', [post!.id]);
      expect(count!.n).toBe(1);
    } finally {
      await context.close();
    }
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { createUser, sessionFor } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { parseFeed } from '../server/src/modules/veille/feed-parser.js';
import { NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** Screens that had no browser test: the moderation « Journal » tab, and following a community's Atom link. */
describe.skipIf(!hasChromium)('journal de modération et flux Atom', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  const title = `Un message à reformuler ${suffix}`;
  let slug = '';
  let name = '';
  let coordinator = { email: '', password: '' };
  let member = { email: '', password: '' };

  beforeAll(async () => {
    const { app } = scene.server;
    const community = await createCommunity(app, { name: `Journal ${suffix}` });
    slug = community.slug;
    name = community.name;
    const a = await createUser(app, { firstName: 'Léa', lastName: `Marchand ${suffix}` });
    const k = await createUser(app, { firstName: 'Julien', lastName: `Ferrand ${suffix}` });
    const m = await createUser(app, { firstName: 'Nadia', lastName: `Bensaïd ${suffix}` });
    await addMember(app, community.id, a.user.id, 'animator');
    await addMember(app, community.id, k.user.id, 'coordinator');
    await addMember(app, community.id, m.user.id, 'member');
    coordinator = { email: k.user.email, password: k.password };
    member = { email: m.user.email, password: m.password };
    const posted = await app.inject({
      method: 'POST', url: `/api/communities/${slug}/posts`, headers: await sessionFor(app, m.user.id),
      payload: { title, body: 'Un avis un peu vif sur le dernier comité de pilotage.' },
    });
    expect(posted.statusCode).toBe(201);
    await app.inject({
      method: 'POST', url: `/api/communities/${slug}/posts`, headers: await sessionFor(app, a.user.id),
      payload: { title: `Bienvenue aux nouveaux membres ${suffix}`, body: 'Présentez-vous en commentaire !' },
    });
    // The animator hides the post: the decision the journal must show.
    const hidden = await app.inject({
      method: 'POST', url: `/api/moderation/items/post/${(posted.json() as { id: number }).id}/actions`, headers: await sessionFor(app, a.user.id),
      payload: { action: 'hide', reasonCode: 'manque_bienveillance', message: 'Merci de reformuler sans viser de personne.' },
    });
    expect(hidden.statusCode).toBeLessThan(300);
  });

  for (const [label, viewport] of [['grand écran', DESKTOP], ['téléphone', PHONE]] as const) {
    it(`sur ${label}, la coordination lit la décision dans l’onglet « Journal »`, async () => {
      const { context, page } = await newPage(scene.browser, viewport);
      try {
        await signInThroughUi(page, scene.server.url, coordinator.email, coordinator.password, `/communautes/${slug}/moderation`);
        await page.getByRole('heading', { level: 1, name: 'Modération' }).waitFor();
        await page.getByRole('tab', { name: 'Journal' }).click();
        const journal = page.getByRole('region', { name: 'Journal de modération' });
        // The hidden post is named by its number there; its author identifies the row.
        const row = journal.getByRole('row').filter({ hasText: `Nadia Bensaïd ${suffix}` });
        await row.waitFor();
        const text = await row.innerText();
        expect(text).toContain(`Léa Marchand ${suffix}`);
        expect(text).toContain('Masquer');
        expect(text).toContain('Manque de bienveillance');
        expect(text).toContain('Merci de reformuler sans viser de personne.');
        expect(text).toMatch(/Masqué\s*:\s*non/);
        expect(text).toMatch(/Masqué\s*:\s*oui/);
        await expectAccessible(page, `journal de modération (${label})`);
      } finally {
        await context.close();
      }
    });
  }

  it('un membre suit le lien Atom de l’e-communauté : un flux valide, sans la publication masquée', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, member.email, member.password, `/communautes/${slug}`);
      const link = page.getByRole('link', { name: 'Suivre les publications par flux Atom' });
      const [response] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/feed.atom')), link.click()]);
      expect(response.headers()['content-type']).toMatch(/^application\/atom\+xml/);
      const feed = parseFeed(await response.text(), scene.server.url);
      expect(feed.title).toContain(name);
      expect(feed.entries.map((e) => e.title)).toContain(`Bienvenue aux nouveaux membres ${suffix}`);
      expect(feed.entries.map((e) => e.title)).not.toContain(title);
      // The link is announced to feed readers in the page's head as well.
      await page.goto(`${scene.server.url}/communautes/${slug}`);
      await expect(page.locator('head link[rel="alternate"][type="application/atom+xml"]').getAttribute('href')).resolves.toBe(`/api/communities/${slug}/feed.atom`);
    } finally {
      await context.close();
    }
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

/** A member follows a dossier from its page; the choice is saved (and read back after a reload). */
describe.skipIf(!hasChromium)('suivre un dossier', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  let dossierPath = '';
  let member = { email: '', password: '', id: 0 };
  let dossierId = 0;

  beforeAll(async () => {
    const community = await createCommunity(scene.server.app, { slug: `dossiers-${suffix}`, name: `Rénovation ${suffix}` });
    const a = await createUser(scene.server.app, { firstName: 'Nora', lastName: `Animatrice ${suffix}` });
    const m = await createUser(scene.server.app, { firstName: 'Luc', lastName: `Membre ${suffix}` });
    await addMember(scene.server.app, community.id, a.user.id, 'animator');
    await addMember(scene.server.app, community.id, m.user.id, 'member');
    member = { email: m.user.email, password: m.password, id: m.user.id };
    const { rows } = await scene.server.pool.query<{ id: number }>(
      `INSERT INTO dossiers (community_id, title, created_by) VALUES ($1, 'Le NPNRU en dix lectures', $2) RETURNING id`, [community.id, a.user.id]);
    dossierId = Number(rows[0]!.id);
    dossierPath = `/communautes/${community.slug}/dossiers/${dossierId}`;
  });

  it('le membre suit le dossier depuis sa page', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, member.email, member.password, dossierPath);
      await page.getByRole('heading', { level: 1, name: 'Le NPNRU en dix lectures' }).waitFor();
      const button = page.getByRole('button', { name: 'Suivre ce dossier' });
      expect(await button.getAttribute('aria-pressed')).toBe('false');
      await button.click();
      await page.getByRole('button', { name: /Suivre ce dossier/, pressed: true }).waitFor();
      await expectAccessible(page, 'dossier suivi');
      await page.reload();
      await page.getByRole('button', { name: /Suivre ce dossier/, pressed: true }).waitFor();
      const { rows } = await scene.server.pool.query('SELECT 1 FROM dossier_follows WHERE dossier_id = $1 AND user_id = $2', [dossierId, member.id]);
      expect(rows).toHaveLength(1);
    } finally {
      await context.close();
    }
  }, 90_000);
});

import { describe, expect, it } from 'vitest';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

// Without the browser, a skipped test named after the reason keeps the gap visible in every report.
if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

describe.skipIf(!hasChromium)('confirmation du mot de passe avant une action sensible', () => {
  // Without the session cache, so that making the sign-in look 11 minutes old in the database takes effect at once.
  const scene = useBrowserScene({ sessionCacheSeconds: 0 });

  it('la coordination, connectée depuis plus de 10 minutes, confirme son mot de passe pour nommer un·e animateur·rice', async () => {
    const { app, pool } = scene.server;
    const suffix = uniqueSuffix();
    const community = await createCommunity(app, { name: `Mobilités douces ${suffix}` });
    const coordinator = await createUser(app, { firstName: 'Claire', lastName: `Coordo${suffix}` });
    await addMember(app, community.id, coordinator.user.id, 'coordinator');
    const first = await createUser(app, { firstName: 'Antoine', lastName: `Anim${suffix}` });
    const second = await createUser(app, { firstName: 'Bérénice', lastName: `Anim${suffix}` });
    const role = async (userId: number) => (await pool.query(
      'SELECT role FROM memberships WHERE community_id = $1 AND user_id = $2', [community.id, userId],
    )).rows[0]?.role;
    const ageProof = () => pool.query(
      `UPDATE sessions SET reauthenticated_at = now() - interval '11 minutes' WHERE user_id = $1`, [coordinator.user.id],
    );

    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, coordinator.user.email, coordinator.password);
      await ageProof();
      await page.goto(`${scene.server.url}/communautes/${community.slug}/gestion`);
      await page.getByRole('heading', { level: 1, name: `Gestion de l’e-communauté ${community.name}` }).waitFor();

      // Giving up: the action is not done and says why.
      await page.getByLabel('Rechercher un membre à nommer animateur·rice').fill(`Anim${suffix}`);
      await page.getByRole('button', { name: `Nommer animateur·rice : Bérénice Anim${suffix}` }).click();
      const dialog = page.getByRole('dialog', { name: 'Confirmez votre mot de passe' });
      await dialog.waitFor();
      await expectAccessible(page, 'confirmation du mot de passe');
      await dialog.getByRole('button', { name: 'Annuler' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText('Action sensible : confirmez votre mot de passe pour continuer.').waitFor();
      expect(await role(second.user.id)).toBeUndefined();

      // A wrong password is said on its field; the right one sends the action again, which succeeds.
      await page.getByRole('button', { name: `Nommer animateur·rice : Antoine Anim${suffix}` }).click();
      await dialog.waitFor();
      await dialog.getByLabel('Mot de passe').fill('pas le bon mot de passe');
      await dialog.getByRole('button', { name: 'Confirmer' }).click();
      await dialog.getByText('Mot de passe incorrect.').first().waitFor();
      await dialog.getByLabel('Mot de passe').fill(coordinator.password);
      await dialog.getByRole('button', { name: 'Confirmer' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByText(`Antoine Anim${suffix} est désormais animateur·rice.`).waitFor();
      expect(await role(first.user.id)).toBe('animator');

      // For the next ten minutes, no more questions.
      await page.getByLabel('Rechercher un membre à nommer animateur·rice').fill(`Bérénice Anim${suffix}`);
      await page.getByRole('button', { name: `Nommer animateur·rice : Bérénice Anim${suffix}` }).click();
      await page.getByText(`Bérénice Anim${suffix} est désormais animateur·rice.`).waitFor();
      expect(await role(second.user.id)).toBe('animator');
    } finally {
      await context.close();
    }
  }, 120_000);
});

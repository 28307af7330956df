import { beforeAll, describe, expect, it } from 'vitest';
import { createUser, FACTORY_PASSWORD } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { unsubscribeToken } from '../server/src/modules/email-prefs/token.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

// Without the browser, a skipped test named after the reason keeps the gap visible in every report.
if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

describe.skipIf(!hasChromium)('notifications par courriel', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  let member: Awaited<ReturnType<typeof createUser>>;
  let c1: Awaited<ReturnType<typeof createCommunity>>;
  let c2: Awaited<ReturnType<typeof createCommunity>>;

  beforeAll(async () => {
    c1 = await createCommunity(scene.server.app, { name: `Habitat ${suffix}` });
    c2 = await createCommunity(scene.server.app, { name: `Mobilités ${suffix}` });
    member = await createUser(scene.server.app, { firstName: 'Nadia', lastName: `Membre ${suffix}` });
    await addMember(scene.server.app, c1.id, member.user.id);
    await addMember(scene.server.app, c2.id, member.user.id);
  });

  it('un membre change la fréquence d’une e-communauté et le choix est conservé', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, member.user.email, FACTORY_PASSWORD);
      await page.getByRole('button', { name: /^Mon compte/ }).click();
      await page.getByRole('menuitem', { name: 'Mes notifications par courriel' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mes notifications par courriel' }).waitFor();
      const select = page.getByLabel(`Habitat ${suffix}`);
      expect(await select.inputValue()).toBe('weekly');
      await expectAccessible(page, '/preferences');
      await select.selectOption({ label: 'Résumé quotidien' });
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText('Vos préférences sont enregistrées.').waitFor();
      await page.reload();
      await page.getByLabel(`Habitat ${suffix}`).waitFor();
      expect(await page.getByLabel(`Habitat ${suffix}`).inputValue()).toBe('daily');
      expect(await page.getByLabel(`Mobilités ${suffix}`).inputValue()).toBe('weekly');
      await expectAccessible(page, '/preferences (enregistré)');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('le lien de désabonnement demande une confirmation puis passe à « Jamais »', async () => {
    const { context, page } = await newPage(scene.browser, { width: 360, height: 740 });
    try {
      const token = unsubscribeToken(scene.server.app.config.secret, member.user.id, c2.id);
      await page.goto(`${scene.server.url}/api/email/unsubscribe?token=${encodeURIComponent(token)}`);
      await page.getByRole('heading', { level: 1, name: 'Se désabonner des courriels' }).waitFor();
      await expectAccessible(page, '/preferences/desabonnement');
      await page.getByRole('button', { name: 'Confirmer le désabonnement' }).click();
      await page.getByText(`Vous ne recevrez plus de courriel de l’e-communauté « Mobilités ${suffix} ».`).waitFor();
      const { rows } = await scene.server.pool.query('SELECT frequency FROM email_preferences WHERE user_id = $1 AND community_id = $2', [member.user.id, c2.id]);
      expect(rows[0].frequency).toBe('never');
    } finally {
      await context.close();
    }
  }, 120_000);
});

import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { seedDemoVeille } from '../server/src/seed/demo-veille.js';
import { NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/**
 * The demo's veille, as loaded on a fresh `npm start` (seed/demo.ts calls seedDemoVeille for Politique de la Ville):
 * here on a community of its own, so the run database shared by the test files keeps its demo accounts free.
 */
describe.skipIf(!hasChromium)('veille de démonstration, sans réseau', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  let slug = '';
  let animator = { email: '', password: '' };

  beforeAll(async () => {
    const { app } = scene.server;
    const community = await createCommunity(app, { name: `Veille démo ${suffix}` });
    slug = community.slug;
    const a = await createUser(app, { firstName: 'Samira', lastName: `Benali ${suffix}` });
    await addMember(app, community.id, a.user.id, 'animator');
    animator = { email: a.user.email, password: a.password };
    expect(await seedDemoVeille(app.db, community.id, a.user.id, new Date())).toBe(7);
  });

  for (const [label, viewport] of [['grand écran', DESKTOP], ['téléphone', PHONE]] as const) {
    it(`sur ${label}, l’animatrice trouve des sources relevées et publie depuis la boîte de veille`, async () => {
      const { context, page } = await newPage(scene.browser, viewport);
      try {
        await signInThroughUi(page, scene.server.url, animator.email, animator.password, `/communautes/${slug}/veille`);
        await page.getByRole('heading', { level: 1, name: 'Veille' }).waitFor();
        const inbox = page.getByRole('list', { name: 'Articles à trier' });
        const title = viewport === DESKTOP
          ? 'Fiche pratique : animer un diagnostic en marchant'
          : 'Quartiers prioritaires : l’appel à projets « Été culturel » ouvre ses candidatures';
        await inbox.getByRole('link', { name: title }).waitFor();
        await page.getByText('Cohésion des territoires — actualités (démonstration)').first().waitFor();
        // Recorded, not broken: no source is reported in failure.
        await expect(page.getByText(/échec de suite/).count()).resolves.toBe(0);
        await expectAccessible(page, `boîte de veille de démonstration (${label})`);
        await page.getByRole('button', { name: `Publier « ${title} »` }).click();
        await page.getByLabel('Votre commentaire').fill('À partager avec les équipes avant la **prochaine réunion**.');
        await page.getByRole('button', { name: 'Publier la veille' }).click();
        await page.getByRole('link', { name: 'Voir la publication' }).click();
        await page.getByRole('heading', { level: 1, name: title }).waitFor();
        await page.getByText('prochaine réunion').waitFor();
      } finally {
        await context.close();
      }
    });
  }
});

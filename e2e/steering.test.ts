import { beforeAll, describe, expect, it } from 'vitest';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';
import { seedSteeringScene, type SteeringCast } from './fixtures/steering-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

describe.skipIf(!hasChromium)('tableau de bord de pilotage', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  let cast: SteeringCast;

  beforeAll(async () => {
    cast = await seedSteeringScene(scene.server, {
      communityName: `Pilotage ${suffix}`,
      animator: { firstName: 'Lina', lastName: `Morel ${suffix}` },
      coordinator: { firstName: 'Paul', lastName: `Girard ${suffix}` },
      suffix,
    });
  });

  it('l’animatrice ouvre son tableau de bord et voit ses contributions', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, cast.animator.email, cast.animator.password, `/communautes/${cast.slug}`);
      await page.getByRole('navigation', { name: /Rubriques de/ }).getByRole('link', { name: 'Tableau de bord' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mon tableau de bord' }).waitFor();
      await page.getByText('3 contributions sur un objectif de 20').waitFor();
      await page.getByRole('img', { name: /Contributions par famille.*Veille 2, Animation 0, Rédaction 1/ }).waitFor();
      await page.getByText('à rééquilibrer : peu d’animation').waitFor();
      await expect(page.getByRole('heading', { name: /L’équipe d’animation/ }).count()).resolves.toBe(0);
      await expectAccessible(page, 'tableau de bord de l’animatrice');
    } finally {
      await context.close();
    }
  });

  it('la coordination voit l’équipe et fixe l’objectif', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, cast.coordinator.email, cast.coordinator.password, `/communautes/${cast.slug}/pilotage`);
      const row = page.getByRole('row', { name: new RegExp(cast.animatorName) });
      await row.getByRole('cell', { name: '3', exact: true }).waitFor();
      const form = page.getByRole('form', { name: 'Objectif mensuel' });
      await form.getByLabel('Contributions par mois').fill('15');
      await form.getByRole('button', { name: 'Enregistrer l’objectif' }).click();
      await page.getByText('Objectif enregistré.').waitFor();
      await page.getByText(/Objectif de l’e-communauté\s: 15 par mois/).waitFor();
      await expectAccessible(page, 'tableau de bord de la coordination');
      await row.getByRole('button', { name: /Voir le tableau de bord/ }).click();
      await page.getByRole('heading', { level: 1, name: `Tableau de bord de ${cast.animatorName}` }).waitFor();
      await page.getByText('3 contributions sur un objectif de 15').waitFor();
    } finally {
      await context.close();
    }
  });
});

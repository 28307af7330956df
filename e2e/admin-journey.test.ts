import { describe, it } from 'vitest';
import { createUser } from '../server/test/factories.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

// Without the browser, a skipped test named after the reason keeps the gap visible in every report.
if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

describe.skipIf(!hasChromium)('parcours administration', () => {
  const scene = useBrowserScene();

  it('l’administration crée une e-communauté et nomme sa coordination, qui nomme un·e animateur·rice', async () => {
    const suffix = uniqueSuffix();
    const admin = await createUser(scene.server.app, { firstName: 'Agnès', lastName: `Admin ${suffix}`, nationalRole: 'admin' });
    const coordinator = await createUser(scene.server.app, { firstName: 'Claire', lastName: `Coordo${suffix}` });
    const animator = await createUser(scene.server.app, { firstName: 'Antoine', lastName: `Anim${suffix}` });
    const coordinatorName = `Claire Coordo${suffix}`;
    const animatorName = `Antoine Anim${suffix}`;
    const name = `Sobriété foncière ${suffix}`;
    const slug = `sobriete-fonciere-${suffix}`;

    // The national administrator creates the community and appoints its coordinator.
    {
      const { context, page } = await newPage(scene.browser);
      try {
        await signInThroughUi(page, scene.server.url, admin.user.email, admin.password);
        await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Administration' }).click();
        await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
        await page.getByRole('tab', { name: 'E-communautés' }).waitFor();
        await page.getByRole('tab', { name: 'Pages légales' }).waitFor();
        await page.getByRole('tab', { name: 'Courriels envoyés' }).waitFor();
        await expectAccessible(page, 'administration');

        await page.getByRole('button', { name: 'Créer une e-communauté' }).click();
        await page.getByRole('heading', { name: 'Nouvelle e-communauté' }).waitFor();
        await page.getByLabel('Nom', { exact: true }).fill(name);
        await page.getByLabel('Adresse (slug)').fill(slug);
        await page.getByLabel('Statut').selectOption('open');
        await page.getByLabel('Description', { exact: true }).fill('Partager les outils du zéro artificialisation nette.');
        await expectAccessible(page, 'création d’une e-communauté');
        await page.getByRole('button', { name: 'Créer l’e-communauté' }).click();
        await page.getByText(`L’e-communauté « ${name} » est créée.`).waitFor();
        await page.getByRole('heading', { name: `Modifier « ${name} »` }).waitFor();

        await page.getByLabel('Rechercher un membre à nommer coordinateur·rice').fill(`Coordo${suffix}`);
        await page.getByRole('button', { name: `Nommer coordinateur·rice : ${coordinatorName}` }).click();
        await page.getByText(`${coordinatorName} est désormais coordinateur·rice.`).waitFor();
        await page.getByRole('button', { name: `Retirer le rôle de coordinateur·rice à ${coordinatorName}` }).waitFor();
        await expectAccessible(page, 'coordination nommée');
      } finally {
        await context.close();
      }
    }

    // The coordinator appoints an animator from the management page.
    {
      const { context, page } = await newPage(scene.browser);
      try {
        await signInThroughUi(page, scene.server.url, coordinator.user.email, coordinator.password);
        await page.goto(`${scene.server.url}/communautes/${slug}`);
        await page.getByRole('heading', { level: 1, name }).waitFor();
        await page.getByText('Vous êtes coordinateur·rice').waitFor();
        await page.getByRole('link', { name: 'Gérer l’e-communauté' }).click();
        await page.getByRole('heading', { level: 1, name: `Gestion de l’e-communauté ${name}` }).waitFor();
        await expectAccessible(page, 'gestion par la coordination');

        await page.getByLabel('Rechercher un membre à nommer animateur·rice').fill(`Anim${suffix}`);
        await page.getByRole('button', { name: `Nommer animateur·rice : ${animatorName}` }).click();
        await page.getByText(`${animatorName} est désormais animateur·rice.`).waitFor();
        await page.getByRole('button', { name: `Retirer le rôle de animateur·rice à ${animatorName}` }).waitFor();
        // A coordinator does not appoint coordinators.
        await page.getByRole('heading', { name: 'Coordinateurs' }).waitFor({ state: 'detached', timeout: 1000 });
        await expectAccessible(page, 'animation nommée');
      } finally {
        await context.close();
      }
    }

    // The animator sees the community with their role.
    {
      const { context, page } = await newPage(scene.browser);
      try {
        await signInThroughUi(page, scene.server.url, animator.user.email, animator.password, `/communautes/${slug}`);
        await page.getByRole('heading', { level: 1, name }).waitFor();
        await page.getByText('Vous êtes animateur·rice').waitFor();
        const team = page.locator('section', { has: page.getByRole('heading', { name: 'L’équipe d’animation' }) });
        await team.getByRole('link', { name: animatorName }).waitFor();
        await team.getByRole('link', { name: coordinatorName }).waitFor();
        await expectAccessible(page, 'e-communauté vue par l’animation');
      } finally {
        await context.close();
      }
    }
  }, 180_000);
});

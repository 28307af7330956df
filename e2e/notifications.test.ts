import { describe, expect, it } from 'vitest';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix, fillEditor,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

// Without the browser, a skipped test named after the reason keeps the gap visible in every report.
if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

describe.skipIf(!hasChromium)('notifications en direct', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();

  it('A publie, B commente : la cloche de A s’incrémente sans recharger ; A marque tout comme lu', async () => {
    const community = await createCommunity(scene.server.app, { slug: `notif-${suffix}`, name: `Notifications ${suffix}` });
    const a = await createUser(scene.server.app, { firstName: 'Anne', lastName: `Auteure ${suffix}` });
    const b = await createUser(scene.server.app, { firstName: 'Bruno', lastName: `Lecteur ${suffix}` });
    await addMember(scene.server.app, community.id, a.user.id);
    await addMember(scene.server.app, community.id, b.user.id);
    const title = `Mutualiser la commande publique ${suffix}`;

    const pa = await newPage(scene.browser);
    const pb = await newPage(scene.browser);
    try {
      await signInThroughUi(pa.page, scene.server.url, a.user.email, a.password);
      await signInThroughUi(pb.page, scene.server.url, b.user.email, b.password);
      const created = await pa.page.evaluate(async ({ slug, title }) => {
        const session = await (await fetch('/api/session')).json() as { csrfToken: string };
        const res = await fetch(`/api/communities/${slug}/posts`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({ title, body: 'Qui a de l’expérience ?' }),
        });
        return (await res.json()) as { id: number };
      }, { slug: community.slug, title });
      await pa.page.goto(`${scene.server.url}/`);
      const bell = pa.page.getByRole('button', { name: /^Notifications \(0 non lue\)$/ });
      await bell.waitFor();

      await pb.page.goto(`${scene.server.url}/publications/${created.id}`);
      await fillEditor(pb.page, 'Votre commentaire', 'Nous l’avons fait en 2024, volontiers.');
      await pb.page.getByRole('button', { name: 'Publier le commentaire' }).click();

      // Live, without reload: the SSE stream invalidates the count.
      await pa.page.getByRole('button', { name: 'Notifications (1 non lue)' }).waitFor({ timeout: 10_000 });
      await expect(pa.page.getByRole('status').filter({ hasText: 'Notifications : 1 non lue' }).count()).resolves.toBe(1);

      await pa.page.getByRole('button', { name: 'Notifications (1 non lue)' }).click();
      const dialog = pa.page.getByRole('dialog', { name: 'Notifications' });
      await dialog.getByRole('link', { name: /Bruno Lecteur .* a répondu à votre publication/ }).waitFor();
      await expectAccessible(pa.page, 'liste des notifications ouverte');
      await dialog.getByRole('button', { name: 'Tout marquer comme lu' }).click();
      await pa.page.getByRole('button', { name: 'Notifications (0 non lue)' }).waitFor();

      await pa.page.keyboard.press('Escape');
      await pa.page.goto(`${scene.server.url}/notifications`);
      await pa.page.getByRole('heading', { level: 1, name: 'Mes notifications' }).waitFor();
      await pa.page.getByRole('link', { name: /a répondu à votre publication/ }).waitFor();
      await expectAccessible(pa.page, '/notifications');
    } finally {
      await pa.context.close();
      await pb.context.close();
    }
  }, 120_000);
});

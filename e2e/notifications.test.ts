import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, launchBrowser, newPage, signInThroughUi, startServer, uniqueSuffix,
  type E2eServer,
} from './harness.js';

// Without the browser, a skipped test named after the reason keeps the gap visible in every report.
if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

describe.skipIf(!hasChromium)('notifications en direct', () => {
  let server: E2eServer;
  let browser: Browser;
  const suffix = uniqueSuffix();

  beforeAll(async () => {
    // WEB_DIST: a client built elsewhere while other builds replace web/dist.
    [server, browser] = await Promise.all([startServer(process.env.WEB_DIST ? { webDist: process.env.WEB_DIST } : {}), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('A publie, B commente : la cloche de A s’incrémente sans recharger ; A marque tout comme lu', async () => {
    const community = await createCommunity(server.app, { slug: `notif-${suffix}`, name: `Notifications ${suffix}` });
    const a = await createUser(server.app, { firstName: 'Anne', lastName: `Auteure ${suffix}` });
    const b = await createUser(server.app, { firstName: 'Bruno', lastName: `Lecteur ${suffix}` });
    await addMember(server.app, community.id, a.user.id);
    await addMember(server.app, community.id, b.user.id);
    const title = `Mutualiser la commande publique ${suffix}`;

    const pa = await newPage(browser);
    const pb = await newPage(browser);
    try {
      await signInThroughUi(pa.page, server.url, a.user.email, a.password);
      await signInThroughUi(pb.page, server.url, b.user.email, b.password);
      const created = await pa.page.evaluate(async ({ slug, title }) => {
        const session = await (await fetch('/api/session')).json() as { csrfToken: string };
        const res = await fetch(`/api/communities/${slug}/posts`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify({ title, body: 'Qui a de l’expérience ?' }),
        });
        return (await res.json()) as { id: number };
      }, { slug: community.slug, title });
      await pa.page.goto(`${server.url}/`);
      const bell = pa.page.getByRole('button', { name: /^Notifications \(0 non lue\)$/ });
      await bell.waitFor();

      await pb.page.goto(`${server.url}/publications/${created.id}`);
      await pb.page.getByLabel('Votre commentaire').fill('Nous l’avons fait en 2024, volontiers.');
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
      await pa.page.goto(`${server.url}/notifications`);
      await pa.page.getByRole('heading', { level: 1, name: 'Mes notifications' }).waitFor();
      await pa.page.getByRole('link', { name: /a répondu à votre publication/ }).waitFor();
      await expectAccessible(pa.page, '/notifications');
    } finally {
      await pa.context.close();
      await pb.context.close();
    }
  }, 120_000);
});

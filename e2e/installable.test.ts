import { describe, expect, it } from 'vitest';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { createPost } from '../server/src/modules/posts/service.js';
import { NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

const PHONE = { width: 390, height: 844 };

describe.skipIf(!hasChromium)('application installable : manifeste, service worker, lecture hors ligne', () => {
  const scene = useBrowserScene();

  it('le manifeste décrit l’application en français et chacune de ses icônes existe', async () => {
    const { url } = scene.server;
    const page = await fetch(`${url}/`);
    expect(await page.text()).toContain('<link rel="manifest" href="/manifest.webmanifest" />');
    const res = await fetch(`${url}/manifest.webmanifest`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/manifest\+json/);
    const manifest = await res.json() as { name: string; lang: string; start_url: string; display: string; icons: { src: string; sizes: string; type: string; purpose?: string }[] };
    expect(manifest).toMatchObject({ name: 'e-communautés', lang: 'fr', start_url: '/', display: 'standalone' });
    // What browsers ask to offer installation: a 192 and a 512 px icon, and one that may be cut to a shape.
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
    for (const icon of manifest.icons) {
      const file = await fetch(`${url}${icon.src}`);
      expect(file.status, icon.src).toBe(200);
      expect(file.headers.get('content-type'), icon.src).toContain(icon.type);
    }
    const worker = await fetch(`${url}/sw.js`);
    expect(worker.status).toBe(200);
    expect(worker.headers.get('content-type')).toMatch(/javascript/);
  });

  it('hors ligne, les publications déjà lues restent lisibles avec un bandeau « Hors ligne » ; la déconnexion les oublie', async () => {
    const { app, url, db } = scene.server;
    const suffix = uniqueSuffix();
    const community = await createCommunity(app, { name: `Hors ligne ${suffix}` });
    const member = await createUser(app, { firstName: 'Maëlle', lastName: `Lectrice${suffix}` });
    await addMember(app, community.id, member.user.id, 'member');
    const title = `Plan de mobilité ${suffix}`;
    const postId = await createPost(db, community.id, member.user.id, { title, body: 'Les **trois** étapes du plan.' });

    const { context, page } = await newPage(scene.browser, PHONE, { serviceWorkers: 'allow' });
    try {
      await signInThroughUi(page, url, member.user.email, member.password);
      // The worker takes control of the page once active (clients.claim).
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
      await page.goto(`${url}/publications/${postId}`);
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await expect.poll(() => page.evaluate(async (id) => Boolean(await caches.match(`/api/posts/${id}`)), postId)).toBe(true);

      await context.setOffline(true);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByText('trois', { exact: true }).waitFor();
      const banner = page.getByRole('status').filter({ hasText: 'Hors ligne' });
      await banner.waitFor();
      await expect(banner.textContent()).resolves.toContain('déjà consultées sur cet appareil');
      await expectAccessible(page, 'publication lue hors ligne');

      // Back online: the banner goes away by itself.
      await context.setOffline(false);
      await banner.waitFor({ state: 'detached' });

      // Signing out forgets what this person read: the next one using the device will not find it.
      await page.getByRole('button', { name: /^Mon compte/ }).click();
      await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
      await page.getByRole('link', { name: 'Se connecter' }).first().waitFor();
      await expect.poll(() => page.evaluate(async (id) => Boolean(await caches.match(`/api/posts/${id}`)), postId)).toBe(false);
    } finally {
      await context.close();
    }
  }, 90_000);
});

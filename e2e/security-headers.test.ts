import { beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { renderMarkdown } from '../server/src/lib/markdown.js';
import { parseEmbedUrl } from '../server/src/modules/attachments/embeds.js';
import { NO_CHROMIUM_REASON, cspViolations, hasChromium, newPage, uniqueSuffix } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

const TABLE = '| Commune | Habitants |\n|:--|--:|\n| Agen | 32 000 |';

describe.skipIf(!hasChromium)('en-têtes de sécurité : la politique vue par le navigateur', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  let postId = 0;

  beforeAll(async () => {
    const community = await createCommunity(scene.server.app, { slug: `csp-${suffix}`, status: 'open' });
    const author = await createUser(scene.server.app, { firstName: 'Léa', lastName: `Politique ${suffix}` });
    await addMember(scene.server.app, community.id, author.user.id);
    const { rows } = await scene.server.pool.query<{ id: number }>(
      `INSERT INTO posts (community_id, author_id, title, body_md, body_html) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [community.id, author.user.id, `Chiffres des communes ${suffix}`, TABLE, renderMarkdown(TABLE)],
    );
    postId = rows[0]!.id;
    const embed = parseEmbedUrl('https://framatube.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d', 'Diagnostic en marchant')!;
    await scene.server.pool.query(
      'INSERT INTO post_embeds (post_id, position, provider, url, embed_url, title) VALUES ($1, 0, $2, $3, $4, $5)',
      [postId, embed.provider, embed.url, embed.embedUrl, embed.title],
    );
  });

  it('the harness fails a test on any blocked script, inline style or unlisted frame', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await context.route((url) => url.hostname !== 'localhost', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<p>ailleurs</p>' }));
      const response = await page.goto(`${scene.server.url}/communautes`);
      expect(response?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      expect(cspViolations(context)).toEqual([]);
      await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.injected = true;';
        document.head.append(script);
        document.body.insertAdjacentHTML('beforeend', '<p style="color: red">injecté</p><iframe src="https://example.org/" title="ailleurs"></iframe>');
      });
      await expect.poll(() => cspViolations(context).join('\n')).toMatch(/script-src/);
      await expect.poll(() => cspViolations(context).join('\n')).toMatch(/style-src/);
      await expect.poll(() => cspViolations(context).join('\n')).toMatch(/frame-src/);
      expect(await page.evaluate(() => 'injected' in window)).toBe(false);
      // Provoked on purpose: emptied so that this test itself passes.
      cspViolations(context).length = 0;
    } finally {
      await context.close();
    }
  });

  it('a post with an aligned table and a PeerTube video of a listed instance shows without any violation', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      const thirdParty: string[] = [];
      const messages: string[] = [];
      page.on('console', (m) => messages.push(m.text()));
      await context.route((url) => url.hostname !== 'localhost', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<p>lecteur</p>' }));
      page.on('request', (r) => {
        if (new URL(r.url()).hostname !== 'localhost') thirdParty.push(r.url());
      });
      await page.goto(`${scene.server.url}/publications/${postId}`);
      const cell = page.getByRole('cell', { name: '32 000' });
      await cell.waitFor();
      expect(await cell.evaluate((td) => getComputedStyle(td).textAlign)).toBe('right');
      expect(thirdParty).toEqual([]);
      await page.getByRole('button', { name: /Afficher la vidéo \(contenu hébergé par framatube\.org/ }).click();
      await page.locator('iframe[title="Diagnostic en marchant"]').waitFor();
      await expect.poll(() => thirdParty.some((u) => u.startsWith('https://framatube.org/videos/embed/'))).toBe(true);
      // Every feature named in Permissions-Policy is one Chromium knows (it reports the others in the console).
      expect(messages.filter((text) => /Permissions-Policy/i.test(text))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('the API documentation (Swagger UI) works under its own policy', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      const response = await page.goto(`${scene.server.url}/api/docs`);
      expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
      await page.getByText('API e-communautés').first().waitFor();
      const operation = page.locator('.opblock').first();
      await operation.waitFor();
      await operation.locator('.opblock-summary').click();
      await page.locator('.opblock-body').first().waitFor();
    } finally {
      await context.close();
    }
  });
});

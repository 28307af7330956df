import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { createPost } from '../server/src/modules/posts/service.js';
import { NO_CHROMIUM_REASON, editorField, editorValue, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

const WORD_HTML = readFileSync(new URL('./fixtures/word-paste.html', import.meta.url), 'utf8');

/** Pastes HTML into the focused editor as the clipboard of a word processor would hand it over. */
async function pasteHtml(page: Page, html: string): Promise<void> {
  await page.evaluate((content) => {
    const data = new DataTransfer();
    data.setData('text/html', content);
    data.setData('text/plain', 'Bilan du conseil citoyen');
    document.activeElement!.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, html);
}

describe.skipIf(!hasChromium)('éditeur de texte riche', () => {
  const scene = useBrowserScene();

  async function setup() {
    const suffix = uniqueSuffix();
    const app = scene.server.app;
    const community = await createCommunity(app, { slug: `editeur-${suffix}`, name: `Éditeur ${suffix}` });
    const writer = await createUser(app, { firstName: 'Wanda', lastName: `Rédactrice ${suffix}` });
    const animator = await createUser(app, { firstName: 'Anaïs', lastName: `Éloi${suffix}` });
    const reader = await createUser(app, { firstName: 'Rémi', lastName: `Lecteur ${suffix}` });
    await addMember(app, community.id, writer.user.id);
    await addMember(app, community.id, animator.user.id, 'animator');
    await addMember(app, community.id, reader.user.id);
    const postId = await createPost(scene.server.db, community.id, reader.user.id, { title: `Conseils citoyens ${suffix}`, body: 'Vos retours ?' });
    return { community, writer, animator, postId, suffix };
  }

  it('se manie au clavier seul : gras, liste par la barre d’outils, raccourcis, et publie le Markdown', async () => {
    const { writer, postId } = await setup();
    const { page } = await newPage(scene.browser);
    await signInThroughUi(page, scene.server.url, writer.user.email, writer.password);
    await page.goto(`${scene.server.url}/publications/${postId}`);
    const area = page.getByRole('textbox', { name: 'Votre commentaire' });
    await area.and(page.locator('[contenteditable="true"]')).waitFor();
    await area.focus();
    await page.keyboard.type('Bonjour ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('tout le monde');
    const toolbar = page.getByRole('toolbar', { name: 'Mise en forme' });
    await expect(toolbar.getByRole('button', { name: 'Gras' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await page.keyboard.press('Control+b');
    await page.keyboard.press('Enter');

    // Alt+F10 reaches the toolbar; arrows move between its buttons (one tab stop); Escape goes back to the text.
    await page.keyboard.press('Alt+F10');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Gras');
    await page.keyboard.press('ArrowRight');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Italique');
    await page.keyboard.press('End');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Raccourcis');
    await expect(toolbar.locator('button[tabindex="0"]').count()).resolves.toBe(1);
    await page.keyboard.press('Enter');
    const help = page.getByRole('region', { name: 'Raccourcis clavier' });
    await help.getByText('Ctrl + b').waitFor();
    await expectAccessible(page, 'éditeur avec l’aide des raccourcis');
    await page.keyboard.press('Home');
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowRight');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).resolves.toBe('Liste à puces');
    await page.keyboard.press('Enter');
    // The button gives the focus back to the text once the list is made: type only then (it lagged under load).
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('contenteditable'))).toBe('true');
    await page.keyboard.type('premier point');
    await page.keyboard.press('Enter');
    await page.keyboard.type('second point');
    await expect(editorValue(page, 'Votre commentaire')).resolves.toBe('Bonjour **tout le monde**\n\n- premier point\n- second point');

    // The « Markdown » mode shows the same text, and back.
    const field = editorField(page, 'Votre commentaire');
    await field.getByRole('button', { name: 'Markdown', exact: true }).press('Enter');
    await expect(field.locator('textarea').inputValue()).resolves.toBe('Bonjour **tout le monde**\n\n- premier point\n- second point');
    await field.getByRole('button', { name: 'Markdown', exact: true }).press('Enter');
    await area.and(page.locator('[contenteditable="true"]')).waitFor();

    await page.getByRole('button', { name: 'Publier le commentaire' }).press('Enter');
    const published = page.locator('.comment .prose').filter({ hasText: 'tout le monde' });
    await published.locator('strong', { hasText: 'tout le monde' }).waitFor();
    await expect(published.locator('li').count()).resolves.toBe(2);
    // The form starts again empty.
    await expect(editorValue(page, 'Votre commentaire')).resolves.toBe('');
    await expectAccessible(page, 'publication avec l’éditeur');
  });

  it('nettoie un collage de traitement de texte : ni script, ni style, ni commentaire, ni image distante', async () => {
    const { writer, postId } = await setup();
    const { page } = await newPage(scene.browser);
    await signInThroughUi(page, scene.server.url, writer.user.email, writer.password);
    await page.goto(`${scene.server.url}/publications/${postId}`);
    const area = page.getByRole('textbox', { name: 'Votre commentaire' }).and(page.locator('[contenteditable="true"]'));
    await area.waitFor();
    await area.focus();
    await pasteHtml(page, WORD_HTML);
    await page.getByText('Texte collé sans ses images ni sa mise en page').waitFor();
    const markdown = await editorValue(page, 'Votre commentaire');
    expect(markdown).toContain('## Bilan du conseil citoyen');
    expect(markdown).toContain('**Participation**');
    expect(markdown).toMatch(/- Trois réunions publiques\n- Un questionnaire en ligne/);
    expect(markdown).toContain('[le guide](https://www.example.org/guide)');
    expect(markdown).not.toMatch(/script|mso|Calibri|tracker|javascript|StartFragment|<|!\[/i);
    await expect(page.evaluate(() => (window as unknown as { pasted?: string }).pasted)).resolves.toBeUndefined();

    await page.getByRole('button', { name: 'Publier le commentaire' }).click();
    await page.locator('.comment .prose h2', { hasText: 'Bilan du conseil citoyen' }).waitFor();
    const stored = await scene.server.pool.query<{ body_html: string }>('SELECT body_html FROM comments WHERE post_id = $1', [postId]);
    expect(stored.rows[0]!.body_html).not.toMatch(/<script|<img|style=|onclick|javascript:/i);
    await expect(page.evaluate(() => (window as unknown as { pasted?: string }).pasted)).resolves.toBeUndefined();
  });

  it('un paragraphe collé qui commence par « 1. », « - », « # » ou « > » reste un paragraphe une fois publié', async () => {
    const { writer, postId } = await setup();
    const { page } = await newPage(scene.browser);
    await signInThroughUi(page, scene.server.url, writer.user.email, writer.password);
    await page.goto(`${scene.server.url}/publications/${postId}`);
    const area = page.getByRole('textbox', { name: 'Votre commentaire' }).and(page.locator('[contenteditable="true"]'));
    await area.waitFor();
    await area.focus();
    // Word hands numbered paragraphs over as plain paragraphs carrying their number as text.
    await pasteHtml(page, '<p>1. Diagnostic partagé</p><p>- Un tiret d’incise</p><p># 2026 en chiffres</p><p>&gt; pas une citation</p><p>---</p>');
    await expect.poll(() => editorValue(page, 'Votre commentaire')).toContain('1\\. Diagnostic partagé');
    await page.getByRole('button', { name: 'Publier le commentaire' }).click();
    await page.locator('.comment .prose p', { hasText: '1. Diagnostic partagé' }).waitFor();
    const stored = await scene.server.pool.query<{ body_html: string }>('SELECT body_html FROM comments WHERE post_id = $1', [postId]);
    const html = stored.rows[0]!.body_html;
    expect(html).not.toMatch(/<(ol|ul|li|h\d|blockquote|hr)\b/);
    for (const text of ['1. Diagnostic partagé', '- Un tiret d’incise', '# 2026 en chiffres', '&gt; pas une citation', '---']) expect(html).toContain(text);
  });

  it('propose les membres après @ et prévient l’équipe d’animation avec @animation', async () => {
    const { writer, animator, postId, suffix } = await setup();
    const { page } = await newPage(scene.browser);
    await signInThroughUi(page, scene.server.url, writer.user.email, writer.password);
    await page.goto(`${scene.server.url}/publications/${postId}`);
    const area = page.getByRole('textbox', { name: 'Votre commentaire' }).and(page.locator('[contenteditable="true"]'));
    await area.waitFor();
    await area.focus();
    await page.keyboard.type('Merci @anais');
    const list = page.getByRole('listbox', { name: 'Personnes à mentionner' });
    await list.getByRole('option', { name: new RegExp(`Anaïs Éloi${suffix}`) }).waitFor();
    await expect(area.getAttribute('aria-activedescendant')).resolves.toMatch(/-suggestions-0$/);
    await expectAccessible(page, 'suggestions de mention ouvertes');
    await page.keyboard.press('Enter');
    await page.keyboard.type('et @anim');
    await list.getByRole('option', { name: /Équipe d’animation/ }).waitFor();
    await page.keyboard.press('Enter');
    // Escape closes the list without choosing.
    await page.keyboard.type('et @zzz');
    await page.keyboard.press('Escape');
    await expect(list.count()).resolves.toBe(0);
    await expect(editorValue(page, 'Votre commentaire')).resolves.toBe(`Merci @anais-eloi${suffix} et @animation et @zzz`);

    await page.getByRole('button', { name: 'Publier le commentaire' }).click();
    await page.locator('.comment .prose', { hasText: '@animation' }).waitFor();
    const notified = await scene.server.pool.query<{ kind: string }>('SELECT kind FROM notifications WHERE user_id = $1 AND post_id = $2', [animator.user.id, postId]);
    expect(notified.rows.map((r) => r.kind)).toEqual(['mention']);
  });

  it('sur un téléphone (390 px), la barre d’outils passe à la ligne sans déborder', async () => {
    const { writer, postId } = await setup();
    const { page } = await newPage(scene.browser, { width: 390, height: 844 });
    await signInThroughUi(page, scene.server.url, writer.user.email, writer.password);
    await page.goto(`${scene.server.url}/publications/${postId}`);
    const toolbar = page.getByRole('toolbar', { name: 'Mise en forme' });
    await toolbar.waitFor();
    const box = await toolbar.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
    // Each button keeps a touch-sized target.
    const sizes = await toolbar.getByRole('button').evaluateAll((els) => els.map((el) => el.getBoundingClientRect()).map((r) => Math.min(r.width, r.height)));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(40);
    await expectAccessible(page, 'éditeur sur téléphone');
  });
});

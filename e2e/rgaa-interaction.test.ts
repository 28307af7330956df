import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { AUDIT, conformity, conformityMention, formatRate } from '../common/accessibility.js';
import { NO_CHROMIUM_REASON, hasChromium, newPage, signInThroughUi } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';
import { openSettled, sampleScene, type SampleScene } from './fixtures/rgaa-sample.js';

// RGAA criteria about using the pages (keyboard, dialogs, motion, colours, errors): the evidence the audit names.
if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

/** Tabs through the page; for each focused element, whether a focus indicator is drawn and where it is in the DOM. */
async function tabThrough(page: Page, steps: number) {
  const seen: { label: string; indicator: boolean; afterPrevious: boolean }[] = [];
  for (let i = 0; i < steps; i++) {
    await page.keyboard.press('Tab');
    const step = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const w = window as unknown as { __prev?: Element };
      if (!el || el === document.body) return { label: 'body', indicator: true, afterPrevious: true };
      const s = getComputedStyle(el);
      const indicator = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
      // Focus order follows the DOM order (no positive tabindex, no reordering by CSS).
      const afterPrevious = !w.__prev || Boolean(w.__prev.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING) || w.__prev.contains(el);
      w.__prev = el;
      return { label: `${el.tagName.toLowerCase()} « ${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)} »`, indicator, afterPrevious };
    });
    // Back to the start: the whole page has been gone through (focus went round through the browser).
    if (i > 0 && step.label === seen[0]?.label) break;
    seen.push(step);
  }
  return seen;
}

describe.skipIf(!hasChromium)('RGAA : utilisation des pages', () => {
  const browserScene = useBrowserScene();
  let scene: SampleScene;
  beforeAll(async () => { scene = await sampleScene(browserScene.server); });

  it('ordre de tabulation et focus visible sur chaque élément interactif (10.7, 12.8)', async () => {
    const { context, page } = await newPage(browserScene.browser);
    try {
      const base = browserScene.server.url;
      await signInThroughUi(page, base, scene.member.user.email, scene.member.password);
      for (const path of ['/', `/communautes/${scene.slug}`, `/publications/${scene.postId}`, '/membres']) {
        await openSettled(page, `${base}${path}`);
        await page.evaluate(() => { delete (window as unknown as { __prev?: Element }).__prev; });
        const seen = await tabThrough(page, 25);
        expect(seen[0]!.label, `${path} : le lien d’évitement vient en premier`).toContain('Aller au contenu');
        expect(seen.filter((s) => !s.indicator).map((s) => s.label), `${path} : focus invisible`).toEqual([]);
        expect(seen.filter((s) => !s.afterPrevious).map((s) => s.label), `${path} : ordre de tabulation`).toEqual([]);
      }
    } finally {
      await context.close();
    }
  }, 120_000);

  it('le focus revient au bouton après la fermeture d’une boîte de dialogue (12.9, 7.3)', async () => {
    const { context, page } = await newPage(browserScene.browser);
    try {
      const base = browserScene.server.url;
      await signInThroughUi(page, base, scene.member.user.email, scene.member.password);
      await openSettled(page, `${base}/publications/${scene.postId}`);
      const trigger = page.getByRole('button', { name: /Signaler/ }).first();
      await trigger.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      expect(await page.evaluate(() => document.querySelector('[role="dialog"]')?.contains(document.activeElement)), 'le focus entre dans la boîte').toBe(true);
      // Tab cycles inside the dialog: no way out but closing it, and no trap either (Échap closes).
      for (let i = 0; i < 15; i++) await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.querySelector('[role="dialog"]')?.contains(document.activeElement))).toBe(true);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await trigger.evaluate((el) => el === document.activeElement), 'le focus revient au bouton « Signaler »').toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('après un changement de page, le focus va au titre, sauf si on l’a déjà déplacé (12.7)', async () => {
    const { context, page } = await newPage(browserScene.browser);
    try {
      const base = browserScene.server.url;
      await signInThroughUi(page, base, scene.member.user.email, scene.member.password);
      await openSettled(page, `${base}/communautes/${scene.slug}`);
      // Following a link: the new page's title takes the focus once it is shown (its data may still be loading).
      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Annuaire' }).click();
      const title = page.getByRole('main').getByRole('heading', { level: 1 });
      await page.waitForFunction(() => document.activeElement?.tagName === 'H1', undefined, { timeout: 5000 });
      await expect(title.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
      // Someone who moved the focus right after the navigation keeps their place: it is not taken back.
      await page.goBack();
      const menuLink = page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Accueil' });
      await menuLink.focus();
      await page.getByRole('main').getByRole('heading', { level: 1 }).waitFor();
      await page.waitForTimeout(300);
      await expect(menuLink.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('animations coupées quand « réduire les animations » est demandé (13.8)', async () => {
    const { context, page } = await newPage(browserScene.browser);
    try {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const base = browserScene.server.url;
      await signInThroughUi(page, base, scene.member.user.email, scene.member.password);
      for (const path of ['/', `/communautes/${scene.slug}`, `/publications/${scene.postId}`]) {
        await openSettled(page, `${base}${path}`);
        const moving = await page.evaluate(() => document.getAnimations()
          .map((a) => (a.effect as KeyframeEffect | null)?.target as Element | null)
          .filter((t) => t && !t.closest('.spinner')).map((t) => t!.className));
        expect(moving, `${path} : animations hors indicateur de chargement`).toEqual([]);
        expect(await page.evaluate(() => getComputedStyle(document.documentElement).scrollBehavior), `${path} : défilement doux`).not.toBe('smooth');
      }
    } finally {
      await context.close();
    }
  }, 60_000);

  it('mode de couleurs forcées : focus et cases à cocher visibles (10.7, 3.3)', async () => {
    const { context, page } = await newPage(browserScene.browser);
    try {
      await page.emulateMedia({ forcedColors: 'active' });
      const base = browserScene.server.url;
      await openSettled(page, `${base}/inscription`);
      const seen = await tabThrough(page, 12);
      expect(seen.filter((s) => !s.indicator).map((s) => s.label), 'focus invisible en couleurs forcées').toEqual([]);
      // The CGU checkbox's box is drawn by CSS: it must keep a border when the system imposes its colours.
      const box = await page.evaluate(() => {
        const el = document.querySelector('.checkbox__box');
        return el ? getComputedStyle(el).borderStyle : 'absent';
      });
      expect(box).not.toBe('none');
    } finally {
      await context.close();
    }
  }, 60_000);

  it('erreurs de formulaire annoncées et reliées aux champs (11.10, 7.5)', async () => {
    const { context, page } = await newPage(browserScene.browser);
    try {
      const base = browserScene.server.url;
      await openSettled(page, `${base}/inscription`);
      await page.getByRole('button', { name: 'Créer mon compte' }).click();
      await page.getByText(/Le formulaire contient \d+ erreurs/).waitFor();
      const report = await page.evaluate(() => {
        const invalid = [...document.querySelectorAll('[aria-invalid="true"]')];
        const unexplained = invalid.filter((el) => {
          const ids = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
          return !ids.some((id) => document.getElementById(id)?.textContent?.trim());
        }).map((el) => el.getAttribute('name'));
        const summary = [...document.querySelectorAll('[role="alert"], [aria-live]')].some((el) => /erreur/.test(el.textContent ?? ''));
        return { invalid: invalid.length, unexplained, summary };
      });
      expect(report.invalid).toBeGreaterThan(0);
      expect(report.unexplained, 'champs en erreur sans message relié (aria-describedby)').toEqual([]);
      expect(report.summary, 'résumé des erreurs dans une zone annoncée (role="alert" ou aria-live)').toBe(true);
      // A wrong password on the sign-in form is announced too.
      await openSettled(page, `${base}/connexion`);
      await page.getByLabel('Adresse électronique').fill(scene.member.user.email);
      await page.getByLabel('Mot de passe').fill('pas le bon mot de passe');
      await page.getByRole('button', { name: 'Se connecter' }).last().click();
      await page.locator('[role="alert"]').filter({ hasText: /.+/ }).first().waitFor();
    } finally {
      await context.close();
    }
  }, 60_000);

  it('espacement du texte augmenté sans perte de contenu (10.12)', async () => {
    const { context, page } = await newPage(browserScene.browser);
    try {
      const base = browserScene.server.url;
      await signInThroughUi(page, base, scene.member.user.email, scene.member.password);
      for (const path of ['/', `/communautes/${scene.slug}`, `/publications/${scene.postId}`]) {
        await openSettled(page, `${base}${path}`);
        // WCAG 1.4.12's values, through the CSSOM (the CSP refuses injected style elements).
        const clipped = await page.evaluate(() => {
          for (const el of document.querySelectorAll<HTMLElement>('body *')) {
            el.style.lineHeight = '1.5'; el.style.letterSpacing = '0.12em'; el.style.wordSpacing = '0.16em';
          }
          for (const p of document.querySelectorAll<HTMLElement>('p')) p.style.marginBottom = '2em';
          return [...document.querySelectorAll<HTMLElement>('button, a, label, h1, h2, h3')]
            // Visually hidden labels (1 px, clipped on purpose) are not text that was cut.
            .filter((el) => el.offsetParent && el.clientWidth > 1 && getComputedStyle(el).overflow === 'hidden' && el.scrollHeight > el.clientHeight + 1)
            .map((el) => el.textContent?.trim().slice(0, 40));
        });
        expect(clipped.join(' | '), `${path} : textes coupés`).toBe('');
      }
    } finally {
      await context.close();
    }
  }, 60_000);

  it('la déclaration, le pied de page et le schéma affichent le même taux, tiré de l’audit', async () => {
    const { context, page } = await newPage(browserScene.browser);
    try {
      const base = browserScene.server.url;
      const { rate, failing } = conformity();
      await openSettled(page, `${base}/pages/accessibilite`);
      await page.getByRole('link', { name: `Accessibilité : ${conformityMention(rate)}` }).waitFor();
      await page.getByText(formatRate(rate), { exact: false }).first().waitFor();
      await page.getByRole('heading', { name: 'Voies de recours' }).waitFor();
      await page.getByText('Défenseur des droits', { exact: false }).first().waitFor();
      for (const f of failing) await page.getByText(`Critère ${f.id}`).waitFor();
      await openSettled(page, `${base}/pages/plan-accessibilite`);
      await page.getByRole('heading', { level: 1, name: 'Schéma pluriannuel d’accessibilité' }).waitFor();
      for (const f of failing) await page.getByText(`critère ${f.id}`, { exact: false }).waitFor();
      expect(AUDIT.pages.some((p) => p.path === '/pages/plan-accessibilite')).toBe(true);
    } finally {
      await context.close();
    }
  }, 60_000);
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { NO_CHROMIUM_REASON, hasChromium, newPage, signInThroughUi } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';
import { AUDIT, statusOn } from '../common/accessibility.js';
import { openSettled, samplePages, sampleScene, type SampleScene } from './fixtures/rgaa-sample.js';

/**
 * The check must give what the audit records: a pass where it says conforme, a failure where it says non conforme,
 * so that fixing a page without updating the audit (or the reverse) fails too.
 */
function expectAsAudited(criterion: string, p: { id: string; name: string }, problem: string | number, label: string): void {
  if (statusOn(AUDIT.criteria.find((c) => c.id === criterion)!, p.id) === 'NC') {
    expect(problem, `${label} : l’audit note le critère ${criterion} non conforme ici mais la page passe, mettez à jour docs/accessibility/rgaa-audit.json`).not.toBe(0);
  } else {
    expect(problem, label).toBe(0);
  }
}

// RGAA criteria a browser can check on every page of the audit sample (docs/accessibility/): what axe does not see.
if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

/** Structure of the current page: title, languages, landmarks, headings, tables, charts. */
async function structure(page: Page) {
  return page.evaluate(() => {
    // Headings in a closed <details> count: they show once it opens.
    const visible = (el: Element) => !el.closest('[hidden], [aria-hidden="true"]');
    const found = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(visible);
    const headings = found.map((h) => Number(h.tagName[1]));
    const skips = headings.flatMap((level, i) => (i > 0 && level > headings[i - 1]! + 1 ? [`h${headings[i - 1]} → h${level} « ${found[i]!.textContent} »`] : []));
    const langs = [...document.querySelectorAll('[lang]')].map((el) => el.getAttribute('lang') ?? '');
    const tables = [...document.querySelectorAll('table')].filter((t) => t.getAttribute('role') !== 'presentation').map((t) => ({
      named: Boolean(t.querySelector('caption')?.textContent?.trim() || t.getAttribute('aria-label') || t.getAttribute('aria-labelledby')),
      headers: t.querySelectorAll('th').length,
      where: t.closest('[class]')?.className ?? '',
    }));
    const charts = [...document.querySelectorAll('svg[role="img"]')].map((svg) => ({
      label: svg.getAttribute('aria-label') ?? '',
      // The figures as text: a table in the same figure or block.
      table: Boolean(svg.closest('figure, .mod-chart, section')?.querySelector('table')),
    }));
    return {
      title: document.title,
      lang: document.documentElement.lang,
      langs,
      landmarks: {
        banner: document.querySelectorAll('header.site-header').length,
        main: document.querySelectorAll('main').length,
        contentinfo: document.querySelectorAll('footer.site-footer').length,
        navigation: document.querySelectorAll('nav').length,
      },
      h1: headings.filter((l) => l === 1).length,
      firstHeading: headings[0] ?? 0,
      skips,
      tables,
      charts,
      positiveTabindex: [...document.querySelectorAll('[tabindex]')].filter((el) => Number(el.getAttribute('tabindex')) > 0).length,
    };
  });
}

describe.skipIf(!hasChromium)('RGAA : structure des pages de l’échantillon', () => {
  const browserScene = useBrowserScene();
  let scene: SampleScene;
  beforeAll(async () => { scene = await sampleScene(browserScene.server); });

  it('titres uniques (8.5, 8.6), langue (8.3, 8.4, 8.7), repères (9.2, 12.6), titres (9.1), tableaux (5.4, 5.6), graphiques (1.1)', async () => {
    const { context, page } = await newPage(browserScene.browser);
    try {
      const base = browserScene.server.url;
      await signInThroughUi(page, base, scene.staff.user.email, scene.staff.password);
      const titles = new Map<string, string>();
      for (const p of samplePages(scene)) {
        await openSettled(page, `${base}${p.path}`);
        const s = await structure(page);
        expect(s.lang, `${p.name} : langue de la page`).toBe('fr');
        for (const lang of s.langs) expect(lang, `${p.name} : code de langue`).toMatch(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/);
        expect(titles.get(s.title), `${p.name} : titre « ${s.title} » déjà pris par une autre page`).toBeUndefined();
        titles.set(s.title, p.id);
        expect(s.landmarks, `${p.name} : repères`).toMatchObject({ banner: 1, main: 1, contentinfo: 1 });
        expect(s.landmarks.navigation, `${p.name} : navigation`).toBeGreaterThanOrEqual(1);
        expect(s.h1, `${p.name} : un seul h1`).toBe(1);
        expect(s.skips, `${p.name} : niveaux de titres sautés`).toEqual([]);
        expect(s.tables.filter((t) => !t.named || t.headers === 0), `${p.name} : tableaux sans titre ou sans en-têtes`).toEqual([]);
        expect(s.charts.filter((c) => !c.label || !c.table), `${p.name} : graphiques sans alternative`).toEqual([]);
        expect(s.positiveTabindex, `${p.name} : tabindex positif`).toBe(0);
      }
    } finally {
      await context.close();
    }
  }, 300_000);

  it('affichage à 320 px de large et texte agrandi à 200 % sans défilement horizontal (10.4, 10.11)', async () => {
    const narrow = await newPage(browserScene.browser, { width: 320, height: 640 });
    const wide = await newPage(browserScene.browser, { width: 1024, height: 768 });
    try {
      const base = browserScene.server.url;
      await signInThroughUi(narrow.page, base, scene.staff.user.email, scene.staff.password);
      await signInThroughUi(wide.page, base, scene.staff.user.email, scene.staff.password);
      const overflow = () => {
        const extra = document.documentElement.scrollWidth - document.documentElement.clientWidth;
        if (extra <= 0) return 0;
        // Name the widest culprits, so a failure says what to fix.
        const wide = [...document.querySelectorAll('body *')].filter((el) => el.getBoundingClientRect().left + el.scrollWidth > document.documentElement.clientWidth)
          .slice(-3).map((el) => `${el.tagName.toLowerCase()}.${String((el as HTMLElement).className).split(' ')[0]}`);
        return `${extra} px : ${wide.join(', ')}`;
      };
      for (const p of samplePages(scene)) {
        await openSettled(narrow.page, `${base}${p.path}`);
        expectAsAudited('10.11', p, await narrow.page.evaluate(overflow), `${p.name} à 320 px : défilement horizontal (px)`);
        await openSettled(wide.page, `${base}${p.path}`);
        // Through the CSSOM: the CSP refuses injected style elements, as it should.
        await wide.page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
        expectAsAudited('10.4', p, await wide.page.evaluate(overflow), `${p.name} avec le texte à 200 % : défilement horizontal (px)`);
      }
    } finally {
      await narrow.context.close();
      await wide.context.close();
    }
  }, 300_000);
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';
import { seedSteeringScene, type SteeringCast } from './fixtures/steering-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

const PHONE = { width: 390, height: 844 };

/** Elements that scroll sideways inside the page (a table in its own scrolling box counts too). */
function sidewaysScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    if (document.documentElement.scrollWidth > document.documentElement.clientWidth) out.push('page');
    for (const el of document.querySelectorAll<HTMLElement>('main *')) {
      const style = getComputedStyle(el);
      if (/(auto|scroll)/.test(style.overflowX) && el.scrollWidth > el.clientWidth + 1) out.push(el.className || el.tagName);
    }
    return out;
  });
}

describe.skipIf(!hasChromium)('sur téléphone (390 px) : états de service, en-tête, graphique des contributions', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  let cast: SteeringCast;

  beforeAll(async () => {
    const { pool } = scene.server;
    cast = await seedSteeringScene(scene.server, {
      communityName: `Téléphone ${suffix}`,
      animator: { firstName: 'Léa', lastName: `Marchand ${suffix}` },
      coordinator: { firstName: 'Julien', lastName: `Ferrand ${suffix}` },
      suffix,
    });
    // Two months declared by the animator, waiting for the coordinator's validation.
    await pool.query(
      `WITH a AS (
         INSERT INTO animator_assignments (user_id, community_id, starts_on, scale_code, hourly_rate_cents)
         SELECT u.id, c.id, '2024-01-01', '4T1', 3880 FROM users u, communities c WHERE u.email = $1 AND c.slug = $2
         RETURNING id, community_id
       )
       INSERT INTO service_statements (assignment_id, community_id, month, minutes, amount_cents)
       SELECT a.id, a.community_id, m::date, 780, 50440 FROM a, (VALUES ('2026-10-01'), ('2026-11-01')) AS months(m)`,
      [cast.animator.email, cast.slug],
    );
  });

  it('la coordination valide le service fait sans faire défiler le tableau sur le côté', async () => {
    const { context, page } = await newPage(scene.browser, PHONE);
    try {
      await signInThroughUi(page, scene.server.url, cast.coordinator.email, cast.coordinator.password, `/communautes/${cast.slug}/etats-de-service`);
      await page.getByRole('heading', { level: 1, name: /États de service fait/ }).waitFor();
      const validate = page.getByRole('button', { name: /^Valider le service fait de Léa Marchand .* en novembre 2026/ });
      await validate.waitFor();
      await expect(sidewaysScrollers(page)).resolves.toEqual([]);
      // Once scrolled to, the button is entirely on the screen.
      await validate.scrollIntoViewIfNeeded();
      const box = (await validate.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      // Each figure still says what it is.
      // Each figure still says what it is (the label is generated content, part of the cell's accessible name).
      await page.getByRole('row', { name: /novembre 2026/ }).getByRole('cell', { name: 'Heures : 13 h' }).waitFor();
      await expectAccessible(page, 'états de service sur téléphone');
    } finally {
      await context.close();
    }
  });

  it('l’en-tête tient sur deux lignes pleines : pas de ligne presque vide à côté de « Messages »', async () => {
    const { context, page } = await newPage(scene.browser, PHONE);
    try {
      await signInThroughUi(page, scene.server.url, cast.animator.email, cast.animator.password, '/');
      const header = page.locator('.site-header__inner');
      // Every item of the header, grouped by the line it sits on.
      const lines = await header.evaluate((el) => {
        const items = [...el.children].filter((c) => (c as HTMLElement).offsetParent !== null) as HTMLElement[];
        const byTop = new Map<number, string[]>();
        for (const item of items) {
          const top = Math.round(item.getBoundingClientRect().top / 8);
          byTop.set(top, [...(byTop.get(top) ?? []), item.className]);
        }
        return [...byTop.values()];
      });
      // The logo shares its line with the account's actions, « Menu » with the search: two lines, none alone.
      expect(lines.length, JSON.stringify(lines)).toBe(2);
      for (const line of lines) expect(line.length, JSON.stringify(lines)).toBeGreaterThanOrEqual(2);
      // « Messages », the notifications and the account menu sit on the logo's line, none pushed below.
      const brand = (await page.getByRole('link', { name: 'e-communautés, accueil' }).boundingBox())!;
      for (const item of [page.getByRole('link', { name: /^Messages/ }), page.getByRole('button', { name: /^Notifications/ }), page.getByRole('button', { name: /^Mon compte/ })]) {
        const box = (await item.boundingBox())!;
        expect(Math.abs(box.y + box.height / 2 - (brand.y + brand.height / 2))).toBeLessThan(12);
        expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
      }
      await expectAccessible(page, 'en-tête sur téléphone');
    } finally {
      await context.close();
    }
  });

  for (const [label, viewport] of [['grand écran', { width: 1280, height: 900 }], ['téléphone', PHONE]] as const) {
    it(`sur ${label}, les barres des contributions se lisent face à l’objectif, pas face à la plus grande`, async () => {
      const { context, page } = await newPage(scene.browser, viewport);
      try {
        await signInThroughUi(page, scene.server.url, cast.animator.email, cast.animator.password, `/communautes/${cast.slug}/pilotage`);
        await page.getByText('3 contributions sur un objectif de 20').waitFor();
        const chart = page.getByRole('img', { name: /^Contributions par famille/ });
        // The tallest family has 2 contributions of a target of 20: a tenth of the chart's height, not all of it.
        const ratio = await chart.evaluate((svg) => {
          const full = (svg as SVGSVGElement).viewBox.baseVal.height;
          const tallest = Math.max(...[...svg.querySelectorAll('rect.chart__bar')].map((r) => Number(r.getAttribute('height'))));
          return tallest / full;
        });
        expect(ratio).toBeGreaterThan(0.05);
        expect(ratio).toBeLessThan(0.15);
        await expect(chart.getAttribute('aria-label')).resolves.toContain('objectif du mois : 20');
        await expectAccessible(page, `graphique des contributions (${label})`);
      } finally {
        await context.close();
      }
    });
  }
});

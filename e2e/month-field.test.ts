import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';
import { seedSteeringScene, type SteeringCast } from './fixtures/steering-scene.js';
import { chooseMonth, monthField } from './fixtures/month-field.js';
import { parisMonthNow } from '../common/time/index.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
const monthName = (month: string) => new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));

/** No page may rely on `<input type="month">`: Firefox and Safari show it as a bare text field. */
const nativeMonthInputs = (page: Page) => page.locator('input[type="month"]').count();

describe.skipIf(!hasChromium)('choix d’un mois sans <input type="month">', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  let cast: SteeringCast;
  const now = parisMonthNow();
  const before = previousMonth(now);

  beforeAll(async () => {
    cast = await seedSteeringScene(scene.server, {
      communityName: `Mois ${suffix}`,
      animator: { firstName: 'Léa', lastName: `Marchand ${suffix}` },
      coordinator: { firstName: 'Julien', lastName: `Ferrand ${suffix}` },
      suffix,
    });
    await scene.server.pool.query(
      `INSERT INTO animator_assignments (user_id, community_id, starts_on, scale_code, hourly_rate_cents)
       SELECT u.id, c.id, '2024-01-01', '4T1', 3880 FROM users u, communities c WHERE u.email = $1 AND c.slug = $2`,
      [cast.animator.email, cast.slug],
    );
  });

  for (const [label, viewport] of [['grand écran', DESKTOP], ['téléphone', PHONE]] as const) {
    it(`sur ${label}, tableaux de bord et déclaration d’heures se règlent au mois, sans mois à venir`, async () => {
      const { context, page } = await newPage(scene.browser, viewport);
      try {
        await signInThroughUi(page, scene.server.url, cast.animator.email, cast.animator.password, `/communautes/${cast.slug}/pilotage`);
        await page.getByText(/contributions? sur un objectif de 20/).waitFor();
        expect(await nativeMonthInputs(page)).toBe(0);
        const field = monthField(page, 'Mois');
        await expect(field.getByRole('combobox', { name: 'Mois' }).inputValue()).resolves.toBe(String(Number(now.slice(5))));
        await expect(field.getByRole('combobox', { name: 'Année' }).inputValue()).resolves.toBe(now.slice(0, 4));
        // No year after this one; this year's months after the current one are disabled.
        const years = await field.getByRole('combobox', { name: 'Année' }).locator('option').allTextContents();
        expect(Math.max(...years.map(Number))).toBe(Number(now.slice(0, 4)));
        if (now.slice(5) !== '12') {
          const next = field.getByRole('combobox', { name: 'Mois' }).locator(`option[value="${Number(now.slice(5)) + 1}"]`);
          await expect(next.isDisabled()).resolves.toBe(true);
        }
        await expectAccessible(page, `choix du mois (${label})`);
        await chooseMonth(page, 'Mois', before);
        await expect.poll(() => new URL(page.url()).searchParams.get('mois')).toBe(before);

        await page.goto(`${scene.server.url}/mes-heures`);
        const form = page.getByRole('form', { name: /^Déclarer mes heures/ });
        await form.waitFor();
        expect(await nativeMonthInputs(page)).toBe(0);
        await chooseMonth(form, 'Mois', viewport === PHONE ? before : previousMonth(before));
        await form.getByRole('button', { name: 'Déclarer mes heures' }).click();
        await page.getByText(new RegExp(`Heures de ${monthName(viewport === PHONE ? before : previousMonth(before))} déclarées`)).waitFor();
        await expectAccessible(page, `mes heures (${label})`);
      } finally {
        await context.close();
      }
    });
  }

  it('la coordination change le mois de son tableau de bord', async () => {
    const { context, page } = await newPage(scene.browser, PHONE);
    try {
      await signInThroughUi(page, scene.server.url, cast.coordinator.email, cast.coordinator.password, `/communautes/${cast.slug}/coordination`);
      await page.getByRole('heading', { level: 1, name: 'Tableau de bord de coordination' }).waitFor();
      expect(await nativeMonthInputs(page)).toBe(0);
      await chooseMonth(page, 'Mois', before);
      await expect.poll(() => new URL(page.url()).searchParams.get('mois')).toBe(before);
      await expectAccessible(page, 'coordination, mois précédent');
    } finally {
      await context.close();
    }
  });
});

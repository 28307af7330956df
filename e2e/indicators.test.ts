import { beforeAll, describe, expect, it } from 'vitest';
import { refreshRollups } from '../server/src/modules/national/rollups.js';
import { indicatorScene } from '../server/src/modules/steering/indicators.fixtures.js';
import { parseFrenchCsv } from '../server/test/french-csv.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

/**
 * The same month of one community read on the coordination dashboard, the national dashboard and the activity
 * report's CSV: one value for questions answered in time, and a team target carried by the animators only.
 */
describe.skipIf(!hasChromium)('un indicateur, une valeur, sur chaque page', () => {
  const scene = useBrowserScene();
  let s: Awaited<ReturnType<typeof indicatorScene>>;
  let reportId = 0;

  beforeAll(async () => {
    s = await indicatorScene(scene.server.app);
    await refreshRollups(scene.server.db);
    const meeting = await scene.server.app.inject({
      method: 'POST', url: `/api/communities/${s.c.slug}/meetings`, headers: s.coordinator.headers,
      payload: { scheduledAt: s.at(60 * 24 * 10), fromMonth: s.month, toMonth: s.month, agenda: 'Bilan', participantIds: [s.animator.user.id] },
    });
    const report = await scene.server.app.inject({ method: 'POST', url: `/api/meetings/${meeting.json().id}/reports`, headers: s.animator.headers });
    reportId = report.json().id;
  });

  it('la coordination, le pilotage national et l’export CSV donnent les mêmes chiffres', async () => {
    const k = await newPage(scene.browser);
    try {
      const { page } = k;
      await signInThroughUi(page, scene.server.url, s.coordinator.user.email, s.coordinator.password, `/communautes/${s.c.slug}/coordination`);
      await page.getByRole('heading', { level: 1, name: 'Tableau de bord de coordination' }).waitFor();
      await page.getByText(/1 sur 3 dont l’issue est connue \(33,3\s%\)/).waitFor();
      // The coordinator appears without a target; the coordinator who also animates carries one, once.
      const own = page.getByRole('row', { name: new RegExp(`${s.coordinator.user.firstName} ${s.coordinator.user.lastName}`) });
      await expect(own.textContent()).resolves.toMatch(/sans objectif/);
      const both = page.getByRole('row', { name: new RegExp(`${s.both.user.firstName} ${s.both.user.lastName}`) });
      await expect(both.textContent()).resolves.toMatch(/1 \/ 20/);
      await expect(both.textContent()).resolves.not.toMatch(/coordination/);
      await expectAccessible(page, 'coordination');

      // The activity report's CSV, opened as a French spreadsheet would.
      const csv = await page.request.get(`${scene.server.url}/api/reports/${reportId}/export?format=csv`);
      const rows = new Map(parseFrenchCsv(await csv.body()).map((r) => [r[1], r[2]] as const));
      expect(rows.get('Questions répondues dans le délai')).toBe(1);
      expect(rows.get('Questions dont l’issue est connue')).toBe(3);
      expect(rows.get('Part répondue dans le délai')).toBe(33.3);
    } finally {
      await k.context.close();
    }

    const n = await newPage(scene.browser, { width: 390, height: 844 });
    try {
      const { page } = n;
      await signInThroughUi(page, scene.server.url, s.admin.user.email, s.admin.password, '/pilotage-national');
      const row = page.getByRole('row', { name: new RegExp(s.c.name) });
      await row.waitFor();
      await expect(row.textContent()).resolves.toMatch(/33,3\s%\s\(1 sur 3\)/);
      // Team target: the animator and the coordinator who animates, 20 each; the coordinator's own post is not counted.
      await expect(row.getByRole('cell').last().textContent()).resolves.toMatch(/^3 \/ 40/);
      await expectAccessible(page, 'pilotage national');
    } finally {
      await n.context.close();
    }
  }, 120_000);
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { addDays, parisToday, parisToUtc } from '../common/time/index.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

/** « 14 h 00 » as the pages write it (with no-break spaces). */
const clock = (hh: string) => new RegExp(`${Number(hh)}\\s?h\\s?00`);

/** The first day of the Paris month `months` after this one, 'YYYY-MM-DD'. */
function monthAhead(months: number, day: number): string {
  const [y, m] = parisToday().split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + months, day)).toISOString().slice(0, 10);
}

/**
 * Every form of the client that takes a date or a time reads it as Paris time, whatever the browser's zone:
 * the same test runs in a browser set to UTC (a server, a VPN) and to Réunion (UTC+4, no summer time).
 */
describe.skipIf(!hasChromium)('dates et heures saisies en heure de Paris, quel que soit le fuseau du navigateur', () => {
  const scene = useBrowserScene();
  type Person = { email: string; password: string; id: number };
  let admin: Person;
  let animator: Person;
  let coordinator: Person;
  let slug = '';

  beforeAll(async () => {
    const suffix = uniqueSuffix();
    const community = await createCommunity(scene.server.app, { name: `Fuseaux ${suffix}`, status: 'open' });
    slug = community.slug;
    const person = async (firstName: string, nationalRole: 'admin' | null = null): Promise<Person> => {
      const u = await createUser(scene.server.app, { firstName, lastName: `Fuseau ${suffix}`, nationalRole });
      return { email: u.user.email, password: u.password, id: u.user.id };
    };
    admin = await person('Nadia', 'admin');
    animator = await person('Lina');
    coordinator = await person('Paul');
    await addMember(scene.server.app, community.id, animator.id, 'animator');
    await addMember(scene.server.app, community.id, coordinator.id, 'coordinator');
  });

  const zones = [['UTC', 19], ['Indian/Reunion', 20]] as const;

  for (const [timezoneId, monthOffset] of zones) {
    it(`animation : sondage, événement d’agenda, publication programmée (navigateur en ${timezoneId})`, async () => {
      const { context, page } = await newPage(scene.browser, undefined, { timezoneId });
      try {
        await signInThroughUi(page, scene.server.url, animator.email, animator.password);
        // Poll: the proposed closing is 18:00 Paris time a week ahead, and what is entered is kept.
        await page.goto(`${scene.server.url}/communautes/${slug}/sondages/nouveau`);
        await page.getByRole('heading', { level: 1, name: 'Nouveau sondage' }).waitFor();
        await expect(page.getByLabel('Clôture').inputValue()).resolves.toBe(`${addDays(parisToday(), 7)}T18:00`);
        const pollDay = addDays(parisToday(), 10);
        const question = `Sondage ${timezoneId} ?`;
        await page.getByLabel('Question').fill(question);
        await page.getByLabel('Réponse 1', { exact: true }).fill('Oui');
        await page.getByLabel('Réponse 2', { exact: true }).fill('Non');
        await page.getByLabel('Clôture').fill(`${pollDay}T18:00`);
        await expectAccessible(page, `nouveau sondage (${timezoneId})`);
        await page.getByRole('button', { name: 'Lancer le sondage' }).click();
        await page.getByRole('heading', { level: 1, name: question }).waitFor();
        await page.locator('time').filter({ hasText: clock('18') }).first().waitFor();
        const poll = await scene.server.pool.query(`SELECT p.closes_at FROM polls p JOIN posts ON posts.id = p.post_id WHERE posts.title = $1`, [question]);
        expect((poll.rows[0] as { closes_at: Date }).closes_at.toISOString()).toBe(parisToUtc(pollDay, '18:00')!.toISOString());

        // Agenda event: date and time fields, Paris time.
        const eventDay = addDays(parisToday(), 15);
        const title = `Atelier ${timezoneId}`;
        await page.goto(`${scene.server.url}/communautes/${slug}/agenda`);
        await page.getByRole('button', { name: 'Ajouter un événement' }).click();
        const form = page.getByRole('form', { name: 'Ajouter un événement' });
        await form.getByLabel('Titre').fill(title);
        await form.getByLabel('Présentation').fill('Un atelier.');
        await form.getByLabel('Date de début').fill(eventDay);
        await form.getByLabel('Heure de début').fill('14:00');
        await form.getByLabel('Date de fin').fill(eventDay);
        await form.getByLabel('Heure de fin').fill('15:00');
        await form.getByRole('button', { name: 'Ajouter à l’agenda' }).click();
        await page.getByText(`L’événement « ${title} » est dans l’agenda.`).waitFor();
        const ev = await scene.server.pool.query(`SELECT e.starts_at FROM events e JOIN posts ON posts.id = e.post_id WHERE posts.title = $1`, [title]);
        expect((ev.rows[0] as { starts_at: Date }).starts_at.toISOString()).toBe(parisToUtc(eventDay, '14:00')!.toISOString());
        await page.getByText(clock('14')).first().waitFor();
        await expectAccessible(page, `agenda (${timezoneId})`);

        // Editorial calendar: a publication programmed at 09:30 Paris time.
        const planDay = addDays(parisToday(), 3);
        const planned = `Programmée ${timezoneId}`;
        await page.goto(`${scene.server.url}/communautes/${slug}/calendrier`);
        await page.getByRole('button', { name: 'Planifier une publication' }).click();
        await page.getByLabel('Titre').fill(planned);
        await page.getByLabel(/^Texte/).fill('Texte.');
        await page.getByLabel('Date', { exact: true }).fill(planDay);
        await page.getByLabel('Heure', { exact: true }).fill('09:30');
        await page.getByRole('button', { name: 'Programmer' }).click();
        await page.getByText(`« ${planned} » sera publiée automatiquement`).waitFor();
        const plan = await scene.server.pool.query(`SELECT planned_at FROM planned_posts WHERE title = $1`, [planned]);
        expect((plan.rows[0] as { planned_at: Date }).planned_at.toISOString()).toBe(parisToUtc(planDay, '09:30')!.toISOString());
        await expectAccessible(page, `calendrier éditorial (${timezoneId})`);
      } finally {
        await context.close();
      }
    }, 180_000);

    it(`coordination et équipe nationale : réunion et séance d’échange (navigateur en ${timezoneId})`, async () => {
      const k = await newPage(scene.browser, undefined, { timezoneId });
      try {
        const { page } = k;
        await signInThroughUi(page, scene.server.url, coordinator.email, coordinator.password, `/communautes/${slug}/reunions`);
        const meetingDay = addDays(parisToday(), monthOffset);
        const schedule = page.getByRole('form', { name: 'Programmer une réunion' });
        await schedule.getByLabel('Date et heure').fill(`${meetingDay}T14:00`);
        await schedule.getByLabel('Ordre du jour').fill(`Bilan ${timezoneId}`);
        await schedule.getByRole('button', { name: 'Programmer la réunion' }).click();
        await page.getByRole('heading', { level: 1, name: /Réunion de programmation et d’analyse du .*14\sh\s00/ }).waitFor();
        const meeting = await scene.server.pool.query(`SELECT scheduled_at FROM review_meetings WHERE agenda = $1`, [`Bilan ${timezoneId}`]);
        expect((meeting.rows[0] as { scheduled_at: Date }).scheduled_at.toISOString()).toBe(parisToUtc(meetingDay, '14:00')!.toISOString());
        await expectAccessible(page, `réunion (${timezoneId})`);
      } finally {
        await k.context.close();
      }

      const n = await newPage(scene.browser, undefined, { timezoneId });
      try {
        const { page } = n;
        await signInThroughUi(page, scene.server.url, admin.email, admin.password, '/pilotage-national');
        await page.getByRole('tab', { name: 'Réseau des animateurs' }).click();
        const day = monthAhead(monthOffset, 10);
        const title = `Échange ${timezoneId}`;
        await page.getByLabel('Titre', { exact: true }).fill(title);
        await page.getByLabel('Début', { exact: true }).fill(`${day}T14:00`);
        await page.getByRole('button', { name: 'Programmer' }).click();
        await page.getByText(`« ${title} » est programmé.`).waitFor();
        await cardOf(page, title).getByText(clock('14')).waitFor();
        const ev = await scene.server.pool.query(`SELECT starts_at, ends_at FROM network_events WHERE title = $1`, [title]);
        const row = ev.rows[0] as { starts_at: Date; ends_at: Date };
        expect(row.starts_at.toISOString()).toBe(parisToUtc(day, '14:00')!.toISOString());
        expect(row.ends_at.toISOString()).toBe(parisToUtc(day, '15:00')!.toISOString());
        await expectAccessible(page, `réseau des animateurs (${timezoneId})`);
      } finally {
        await n.context.close();
      }
    }, 180_000);
  }

  it('un rendez-vous du réseau en 2900 est refusé avec un message en français', async () => {
    const { context, page } = await newPage(scene.browser, { width: 390, height: 844 });
    try {
      await signInThroughUi(page, scene.server.url, admin.email, admin.password, '/pilotage-national');
      await page.getByRole('tab', { name: 'Réseau des animateurs' }).click();
      await page.getByLabel('Titre', { exact: true }).fill('Échange lointain');
      await page.getByLabel('Début', { exact: true }).fill('2900-06-10T10:00');
      await page.getByRole('button', { name: 'Programmer' }).click();
      await page.getByText(/au plus deux ans à l’avance/).waitFor();
      await page.getByRole('radio', { name: /Rassemblement annuel/ }).check();
      await page.getByLabel('Début', { exact: true }).fill(`${monthAhead(2, 12)}T09:00`);
      await page.getByLabel('Fin', { exact: true }).fill(`${monthAhead(3, 12)}T17:00`);
      await page.getByRole('button', { name: 'Programmer' }).click();
      await page.getByText(/dure au plus 7 jours/).waitFor();
      await expectAccessible(page, 'rendez-vous refusé');
      const { rows } = await scene.server.pool.query(`SELECT count(*)::int AS n FROM network_events WHERE title = 'Échange lointain'`);
      expect(rows[0]).toEqual({ n: 0 });
    } finally {
      await context.close();
    }
  }, 120_000);
});

function cardOf(page: Page, title: string) {
  return page.locator('.card', { has: page.getByRole('heading', { name: title }) });
}

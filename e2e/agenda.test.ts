import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { addDays, utcToParis } from '../common/time/index.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

// Browser journeys with axe scans take several seconds per page on a busy two-core machine.
describe.skipIf(!hasChromium)('agenda', { timeout: 150_000 }, () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  const communityName = `Politique de la Ville agenda ${suffix}`;
  let slug = '';
  let communityId = 0;
  const title = `Webinaire contrat de ville ${suffix}`;
  // Tomorrow in Paris, early, so it sits near the top of the network agenda.
  const today = utcToParis(new Date()).date;
  const day = addDays(today, 1);

  beforeAll(async () => {
    const community = await createCommunity(scene.server.app, { slug: `pdlv-agenda-${suffix}`, name: communityName, status: 'open' });
    slug = community.slug;
    communityId = community.id;
  });

  async function person(role: 'animator' | 'member', firstName: string) {
    const { user, password } = await createUser(scene.server.app, { firstName, lastName: `${role} ${suffix}` });
    await addMember(scene.server.app, communityId, user.id, role);
    return { email: user.email, password };
  }

  async function ready(page: Page, label: string) {
    await page.locator('main h1').first().waitFor();
    await expectAccessible(page, label);
  }

  it('un animateur ajoute un événement à l’agenda', async () => {
    const animator = await person('animator', 'Samira');
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, animator.email, animator.password);
      await page.goto(`${scene.server.url}/communautes/${slug}`);
      // The animator's daily sections come first; the agenda is with the others under « Plus ».
      await page.getByRole('navigation', { name: `Rubriques de ${communityName}` }).getByRole('button', { name: 'Plus' }).click();
      await page.getByRole('navigation', { name: `Rubriques de ${communityName}` }).getByRole('link', { name: 'Agenda' }).click();
      await page.getByRole('heading', { level: 1, name: 'Agenda' }).waitFor();
      await page.getByText('Aucun événement à venir pour le moment.').waitFor();
      await ready(page, 'agenda de l’e-communauté (animateur)');

      await page.getByRole('button', { name: 'Ajouter un événement' }).click();
      const form = page.getByRole('form', { name: 'Ajouter un événement' });
      await expect(form.getByLabel('Titre').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
      await expectAccessible(page, 'formulaire d’événement');

      // An end before the start is refused, with the reason.
      await form.getByLabel('Titre').fill(title);
      await form.getByLabel('Présentation').fill('Un temps d’échange sur **les contrats de ville**.');
      await form.getByLabel('Date de début').fill(day);
      await form.getByLabel('Heure de début').fill('10:00');
      await form.getByLabel('Date de fin').fill(day);
      await form.getByLabel('Heure de fin').fill('09:00');
      await form.getByRole('button', { name: 'Ajouter à l’agenda' }).click();
      await form.getByText('La fin de l’événement doit être postérieure à son début.').waitFor();
      await expectAccessible(page, 'formulaire d’événement en erreur');

      await form.getByLabel('Heure de début').fill('00:05');
      await form.getByLabel('Heure de fin').fill('01:30');
      await form.getByLabel('Lieu (facultatif)').fill('Salle du conseil, mairie de Roubaix');
      await form.getByLabel('Lien de la réunion en ligne (facultatif)').fill('https://visio.exemple.fr/contrat');
      await form.getByLabel('Lien d’inscription (facultatif)').fill('https://exemple.fr/inscription');
      await form.getByLabel('Organisateur (facultatif)').fill('Centre de ressources');
      await form.getByRole('button', { name: 'Ajouter à l’agenda' }).click();
      await page.getByText(`L’événement « ${title} » est dans l’agenda.`).waitFor();
      await page.getByRole('link', { name: title }).waitFor();
      await expectAccessible(page, 'événement ajouté');
    } finally {
      await context.close();
    }
  });

  it('un membre le voit dans la vue mensuelle et l’agenda du réseau, et télécharge le fichier .ics', async () => {
    const member = await person('member', 'Julien');
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, member.email, member.password);
      await page.goto(`${scene.server.url}/communautes/${slug}/agenda`);
      await page.getByRole('link', { name: title }).waitFor();
      await expect(page.getByRole('button', { name: 'Ajouter un événement' }).count()).resolves.toBe(0);

      await page.getByRole('tab', { name: 'Vue mensuelle' }).click();
      if (day.slice(0, 7) !== today.slice(0, 7)) await page.getByRole('button', { name: /Mois suivant/ }).click();
      const grid = page.getByRole('table');
      await grid.getByRole('link', { name: new RegExp(title) }).waitFor();
      await ready(page, 'vue mensuelle');
      await page.getByRole('button', { name: /Mois précédent/ }).click();
      await page.getByRole('button', { name: /Mois suivant/ }).click();
      await grid.getByRole('link', { name: new RegExp(title) }).click();

      await page.getByRole('heading', { level: 1, name: title }).waitFor();
      await page.getByText('0\u00a0h\u00a005 à 1\u00a0h\u00a030').waitFor();
      await page.getByText('Salle du conseil, mairie de Roubaix').waitFor();
      const register = page.getByRole('link', { name: /S’inscrire/ });
      await expect(register.getAttribute('href')).resolves.toBe('https://exemple.fr/inscription');
      await ready(page, 'publication événement');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: /Ajouter à mon agenda/ }).click(),
      ]);
      const ics = await readFile((await download.path())!, 'utf8');
      const postId = /\/publications\/(\d+)/.exec(page.url())![1];
      expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
      expect(ics).toContain(`UID:${postId}@e-communautes\r\n`);
      expect(ics.replace(/\r\n /g, '')).toContain(`SUMMARY:${title}\r\n`);

      await page.getByRole('navigation', { name: 'Menu principal' }).getByRole('link', { name: 'Agenda' }).click();
      await page.getByRole('heading', { level: 1, name: 'Agenda du réseau' }).waitFor();
      const link = page.getByRole('link', { name: title });
      for (let i = 0; i < 10 && (await link.count()) === 0; i++) {
        const more = page.getByRole('button', { name: 'Afficher plus d’événements' });
        await more.or(link).first().waitFor();
        if (await more.count()) await more.click();
      }
      await link.waitFor();
      await ready(page, 'agenda du réseau');
      await page.getByRole('tab', { name: 'Passés' }).click();
      await ready(page, 'agenda du réseau, passés');
    } finally {
      await context.close();
    }
  });

  it('l’agenda se lit à 360 px de large', async () => {
    const { context, page } = await newPage(scene.browser, { width: 360, height: 780 });
    try {
      await page.goto(`${scene.server.url}/communautes/${slug}/agenda`);
      await page.getByRole('link', { name: title }).waitFor();
      await page.getByRole('tab', { name: 'Vue mensuelle' }).click();
      await page.getByRole('table').waitFor();
      if (day.slice(0, 7) !== today.slice(0, 7)) await page.getByRole('button', { name: /Mois suivant/ }).click();
      // On a narrow screen the month's events also come as cards under the grid: what, when, where.
      const cards = page.getByRole('list').filter({ has: page.getByRole('heading', { level: 4, name: title }) });
      await cards.getByRole('link', { name: title }).waitFor();
      await cards.getByText('Salle du conseil, mairie de Roubaix').waitFor();
      await ready(page, 'vue mensuelle 360 px');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });
});

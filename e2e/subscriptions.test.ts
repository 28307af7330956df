import { beforeAll, describe, expect, it } from 'vitest';
import { createUser, sessionFor } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import { parseAtom, parseIcs } from '../server/test/feed-parsers.js';
import { addDays, utcToParis } from '../common/time/index.js';
import { NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix } from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

const PHONE = { width: 390, height: 844 };

/** Subscriptions (issue 15, item 14): the network agenda, « mon agenda » and the Atom feed of my communities. */
describe.skipIf(!hasChromium)('abonnements : agenda du réseau, mon agenda, flux de mon fil', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  const eventTitle = `Atelier achats durables ${suffix}`;
  const postTitle = `Guide des clauses sociales ${suffix}`;
  let member = { email: '', password: '' };

  /** The server writes addresses with its public URL; the test server may listen elsewhere. */
  const local = (url: string) => `${scene.server.url}${new URL(url).pathname}`;

  beforeAll(async () => {
    const { app } = scene.server;
    const community = await createCommunity(app, { name: `Achats publics ${suffix}` });
    const a = await createUser(app, { firstName: 'Léa', lastName: `Marchand ${suffix}` });
    const m = await createUser(app, { firstName: 'Nadia', lastName: `Bensaïd ${suffix}` });
    await addMember(app, community.id, a.user.id, 'animator');
    await addMember(app, community.id, m.user.id, 'member');
    member = { email: m.user.email, password: m.password };
    const headers = await sessionFor(app, a.user.id);
    const day = addDays(utcToParis(new Date()).date, 9);
    const event = await app.inject({
      method: 'POST', url: `/api/communities/${community.slug}/events`, headers,
      payload: { title: eventTitle, body: 'Retours d’expérience.', startDate: day, endDate: day, startTime: '10:00', endTime: '12:00' },
    });
    expect(event.statusCode, event.body).toBe(201);
    const post = await app.inject({ method: 'POST', url: `/api/communities/${community.slug}/posts`, headers, payload: { title: postTitle, body: 'Le guide est paru.' } });
    expect(post.statusCode, post.body).toBe(201);
  });

  it('sur l’agenda du réseau : s’abonner, puis créer et régénérer l’adresse de « mon agenda »', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await page.goto(`${scene.server.url}/agenda`);
      const subscribe = page.getByRole('link', { name: /S’abonner à l’agenda du réseau/ });
      await subscribe.waitFor();
      expect(await subscribe.getAttribute('href')).toMatch(/^webcal:\/\/[^/]+\/api\/agenda\.ics$/);
      const network = await fetch(`${scene.server.url}${await page.getByRole('link', { name: /Adresse iCalendar/ }).getAttribute('href')}`);
      expect(parseIcs(await network.text()).events.map((e) => e.summary)).toContain(eventTitle);
      // Signed out, no private address is offered.
      expect(await page.getByRole('button', { name: 'Créer mon adresse privée' }).count()).toBe(0);
      await expectAccessible(page, 'agenda du réseau, déconnecté');

      await signInThroughUi(page, scene.server.url, member.email, member.password, '/agenda');
      await page.getByRole('heading', { name: /Mon agenda/ }).waitFor();
      await page.getByRole('button', { name: 'Créer mon adresse privée' }).click();
      const field = page.getByLabel('Adresse privée de mon agenda (iCalendar)');
      await field.waitFor();
      const first = await field.inputValue();
      expect(first).toMatch(/\/api\/feeds\/[A-Za-z0-9_-]{43}\/agenda\.ics$/);
      await expect(page.getByRole('link', { name: 'Ouvrir dans mon application d’agenda' }).getAttribute('href')).resolves.toMatch(/^webcal:/);
      await page.getByRole('button', { name: 'Copier l’adresse' }).waitFor();
      await expectAccessible(page, 'agenda du réseau, mon agenda');
      // A calendar application sends no cookie: the address alone opens the events of my communities.
      const mine = await fetch(local(first));
      expect(mine.status).toBe(200);
      expect(parseIcs(await mine.text()).events.map((e) => e.summary)).toEqual([eventTitle]);

      await page.getByRole('button', { name: 'Régénérer l’adresse privée' }).click();
      await page.waitForFunction((old) => (document.querySelector('input[name="private-agenda-url"]') as HTMLInputElement | null)?.value !== old, first);
      const second = await field.inputValue();
      expect((await fetch(local(first))).status).toBe(404);
      expect((await fetch(local(second))).status).toBe(200);
    } finally {
      await context.close();
    }
  });

  it('sur « Mon fil » (téléphone) : l’adresse privée du flux Atom, lue par un lecteur de flux', async () => {
    const { context, page } = await newPage(scene.browser, PHONE);
    try {
      await signInThroughUi(page, scene.server.url, member.email, member.password, '/');
      await page.getByRole('heading', { level: 1, name: 'Mon fil' }).waitFor();
      const section = page.getByRole('region', { name: 'Suivre mon fil par flux Atom' });
      // The address was made on the agenda page: it is active, shown again only when regenerated.
      await section.getByText(/Votre adresse privée est active depuis le/).waitFor();
      await section.getByRole('button', { name: 'Régénérer l’adresse privée' }).click();
      const field = section.getByLabel('Adresse privée du flux Atom de mes e-communautés');
      await field.waitFor();
      const url = await field.inputValue();
      await expectAccessible(page, 'mon fil, flux Atom privé');
      const feed = parseAtom(await (await fetch(local(url))).text());
      expect(feed.items.map((i) => i.title)).toEqual(expect.arrayContaining([postTitle, eventTitle]));

      await section.getByRole('button', { name: 'Révoquer' }).click();
      await section.getByText('Adresse révoquée : elle ne fonctionne plus.').waitFor();
      expect((await fetch(local(url))).status).toBe(404);
      await section.getByRole('button', { name: 'Créer mon adresse privée' }).waitFor();
    } finally {
      await context.close();
    }
  });
});

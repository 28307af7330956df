import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import {
  editorValue, expectAccessible, fillEditor, hasChromium, newPage, NO_CHROMIUM_REASON, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

const PHONE = { width: 390, height: 844 };
const V1 = 'Étape 1 : repérer l’appel à projets.';
const V2 = `${V1}\n\nÉtape 2 : remplir le dossier en ligne.`;
const ALICE_DRAFT = `${V2}\n\nÉtape 3 : prévenir la préfecture.`;

/**
 * A co-written page through two people's browsers: while Alice has the editor open, Bruno (on a phone) is told
 * she is editing it; he restores an earlier version; Alice's save then cannot overwrite his silently. The
 * animation team's lock keeps members out of the editor.
 */
describe.skipIf(!hasChromium)('pages co-écrites : restauration d’une version et page en cours de modification', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  const title = `Guide des subventions ${suffix}`;
  type Person = { email: string; password: string };
  let alice: Person;
  let bruno: Person;
  let animator: Person;
  let slug = '';
  let pageUrl = '';

  beforeAll(async () => {
    const community = await createCommunity(scene.server.app, { name: `Pages ${suffix}`, status: 'open' });
    slug = community.slug;
    const person = async (firstName: string, lastName: string, role: 'member' | 'animator'): Promise<Person> => {
      const u = await createUser(scene.server.app, { firstName, lastName });
      await addMember(scene.server.app, community.id, u.user.id, role);
      return { email: u.user.email, password: u.password };
    };
    alice = await person('Alice', `Rédige ${suffix}`, 'member');
    bruno = await person('Bruno', `Restaure ${suffix}`, 'member');
    animator = await person('Anaïs', `Verrouille ${suffix}`, 'animator');
  });

  async function saveVersion(page: Page, body: string) {
    await page.getByRole('button', { name: 'Modifier', exact: true }).click();
    await fillEditor(page, 'Texte', body);
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await page.getByText('Votre version est enregistrée.').waitFor();
  }

  it('Alice modifie ; Bruno, sur un téléphone, le voit, restaure la version 1 ; Alice ne l’écrase pas sans le savoir', async () => {
    const a = await newPage(scene.browser);
    const b = await newPage(scene.browser, PHONE);
    try {
      // Alice writes two versions.
      await signInThroughUi(a.page, scene.server.url, alice.email, alice.password, `/communautes/${slug}/pages`);
      await a.page.getByLabel('Titre').fill(title);
      await fillEditor(a.page, 'Texte', V1);
      await a.page.getByRole('button', { name: 'Créer la page' }).click();
      await a.page.getByRole('heading', { level: 1, name: title }).waitFor();
      pageUrl = new URL(a.page.url()).pathname;
      await saveVersion(a.page, V2);
      await a.page.getByText('Version 2, modifiée par Alice').waitFor();

      // She opens the editor again and starts a third step.
      await a.page.getByRole('button', { name: 'Modifier', exact: true }).click();
      await fillEditor(a.page, 'Texte', ALICE_DRAFT);

      // Bruno, on his phone, is told that Alice is editing the page.
      await signInThroughUi(b.page, scene.server.url, bruno.email, bruno.password, pageUrl);
      await b.page.getByRole('heading', { level: 1, name: title }).waitFor();
      await b.page.getByText(`Alice Rédige ${suffix} est en train de modifier cette page`).waitFor();
      await expectAccessible(b.page, 'page co-écrite en cours de modification (téléphone)');

      // He restores version 1 from the history.
      await b.page.getByRole('button', { name: 'Historique' }).click();
      const versions = b.page.getByRole('list', { name: 'Versions, la plus récente d’abord' });
      await versions.getByRole('listitem').nth(1).waitFor();
      await expectAccessible(b.page, 'historique de la page (téléphone)');
      await b.page.getByRole('button', { name: 'Restaurer la version 1' }).click();
      await b.page.getByText('La version 1 est restaurée : elle devient la version 3.').waitFor();
      const body = b.page.locator('article .prose');
      await body.getByText(V1).waitFor();
      await expect(body.innerText()).resolves.not.toContain('Étape 2');
      await b.page.getByRole('button', { name: 'Historique' }).click();
      await versions.getByRole('listitem').first().getByText(/Restauration de la version 1/).waitFor();
      const overflow = await b.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      // Alice saves: refused as a conflict, her text kept, the restoration shown to her.
      await a.page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await a.page.getByText('Une autre version a été enregistrée pendant que vous écriviez').waitFor();
      await a.page.getByText(/entre la version 2 .* et la version 3/).waitFor();
      await a.page.locator('.diff del', { hasText: 'Étape 2' }).first().waitFor();
      await expect(editorValue(a.page, 'Texte')).resolves.toBe(ALICE_DRAFT);
      await expectAccessible(a.page, 'page co-écrite, conflit après restauration');
      await a.page.getByRole('button', { name: /J’ai pris en compte ces changements/ }).click();
      await a.page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await a.page.getByText('Votre version est enregistrée.').waitFor();
      await a.page.getByText('Version 4, modifiée par Alice').waitFor();

      // Once she has saved, nobody is shown as editing any more.
      await b.page.reload();
      await b.page.getByText('Version 4, modifiée par Alice').waitFor();
      await expect(b.page.getByText('est en train de modifier cette page').count()).resolves.toBe(0);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  }, 180_000);

  it('l’animatrice verrouille la page : un membre la lit sans pouvoir la modifier', async () => {
    const k = await newPage(scene.browser);
    try {
      await signInThroughUi(k.page, scene.server.url, animator.email, animator.password, pageUrl);
      await k.page.getByRole('button', { name: 'Verrouiller' }).click();
      await k.page.getByText('La page est verrouillée : seuls les membres de l’équipe d’animation peuvent la modifier.').waitFor();
      await k.page.getByText(`Verrouillée par Anaïs Verrouille ${suffix}`).waitFor();
    } finally {
      await k.context.close();
    }
    const b = await newPage(scene.browser, PHONE);
    try {
      await signInThroughUi(b.page, scene.server.url, bruno.email, bruno.password, pageUrl);
      await b.page.getByText('L’équipe d’animation a verrouillé cette page : elle ne peut pas être modifiée pour le moment.').waitFor();
      await expect(b.page.getByRole('button', { name: 'Modifier', exact: true }).count()).resolves.toBe(0);
      await b.page.getByRole('button', { name: 'Historique' }).click();
      await b.page.getByRole('list', { name: 'Versions, la plus récente d’abord' }).getByRole('listitem').first().waitFor();
      await expect(b.page.getByRole('button', { name: /^Restaurer la version/ }).count()).resolves.toBe(0);
      await expectAccessible(b.page, 'page verrouillée (téléphone)');
    } finally {
      await b.context.close();
    }
  }, 120_000);
});

import { beforeAll, describe, expect, it } from 'vitest';
import { createUser, sessionFor } from '../server/test/factories.js';
import { addMember, createCommunity } from '../server/test/community-factories.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, lastMailTo, linkIn, newPage, signInThroughUi, uniqueSuffix, fillEditor, editorValue,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

describe.skipIf(!hasChromium)('invitations, astreinte et pages co-écrites', () => {
  const scene = useBrowserScene();
  const suffix = uniqueSuffix();
  const communityName = `Politique de la Ville réseau ${suffix}`;
  let slug = '';
  let communityId = 0;
  const people: Record<string, { email: string; password: string; id: number; firstName: string; lastName: string }> = {};

  beforeAll(async () => {
    const community = await createCommunity(scene.server.app, { slug: `pdlv-reseau-${suffix}`, name: communityName, status: 'open' });
    slug = community.slug;
    communityId = community.id;
    for (const [key, role, firstName] of [['coordinator', 'coordinator', 'Corinne'], ['animator', 'animator', 'Anaïs'], ['a', 'member', 'Alice'], ['b', 'member', 'Bruno']] as const) {
      const lastName = `${key} ${suffix}`;
      const { user, password } = await createUser(scene.server.app, { firstName, lastName });
      await addMember(scene.server.app, communityId, user.id, role);
      people[key] = { email: user.email, password, id: user.id, firstName, lastName };
    }
  });

  it('un membre invite une collègue par courriel ; elle s’inscrit depuis l’invitation et devient membre après confirmation', async () => {
    const invitee = `invitee-${suffix}@exemple.fr`;
    const member = await newPage(scene.browser);
    try {
      await signInThroughUi(member.page, scene.server.url, people.a!.email, people.a!.password, `/communautes/${slug}/invitations`);
      await member.page.getByRole('heading', { level: 1, name: 'Inviter des collègues' }).waitFor();
      await member.page.getByLabel('Adresses électroniques').fill(invitee);
      await member.page.getByLabel('Message personnel').fill('On échange sur les contrats de ville ?');
      await member.page.getByRole('button', { name: 'Envoyer les invitations' }).click();
      await member.page.getByText(`Invitation envoyée à ${invitee}.`).waitFor();
      await expectAccessible(member.page, 'invitations (membre)');
      // Inviting a member: a clear French answer.
      await member.page.getByLabel('Adresses électroniques').fill(people.b!.email);
      await member.page.getByRole('button', { name: 'Envoyer les invitations' }).click();
      await member.page.getByText(/est déjà membre de l’e-communauté/).first().waitFor();
    } finally {
      await member.context.close();
    }

    const mail = await lastMailTo(scene.server.pool, invitee);
    expect(mail.subject).toContain(communityName);
    const link = linkIn(mail.text, '/invitation/');
    const guest = await newPage(scene.browser);
    try {
      await guest.page.goto(link);
      await guest.page.getByRole('heading', { level: 1, name: `Rejoignez l’e-communauté « ${communityName} »` }).waitFor();
      expect(await guest.page.getByLabel('Adresse électronique').first().inputValue()).toBe(invitee);
      await expectAccessible(guest.page, 'page d’invitation');
      const signup = guest.page.getByRole('region', { name: 'Je crée mon compte' });
      await signup.getByLabel('Mot de passe', { exact: true }).fill('Une phrase de passe assez longue');
      await signup.getByLabel('Prénom').fill('Inès');
      await signup.getByLabel('Nom', { exact: true }).fill(`Invitée ${suffix}`);
      await signup.getByLabel('Collectivité ou organisation').fill('Ville de Lorient');
      await signup.getByLabel('Métier / fonction').fill('Cheffe de projet');
      await signup.getByLabel('Département').selectOption('56');
      await signup.getByLabel(/accepte les conditions générales/).check();
      await signup.getByRole('button', { name: /^Créer mon compte et rejoindre/ }).click();
      await guest.page.getByText(/Dès que vous aurez confirmé votre adresse, vous serez membre/).waitFor();

      const verify = linkIn((await lastMailTo(scene.server.pool, invitee)).text, '/verifier-email');
      await guest.page.goto(verify);
      await guest.page.getByRole('heading', { level: 1 }).waitFor();
      await expect.poll(async () => (await scene.server.pool.query(
        'SELECT count(*)::int AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.community_id = $1 AND u.email = $2', [communityId, invitee],
      )).rows[0].n, { timeout: 15_000 }).toBe(1);
    } finally {
      await guest.context.close();
    }

    const animator = await newPage(scene.browser);
    try {
      await signInThroughUi(animator.page, scene.server.url, people.animator!.email, people.animator!.password, `/communautes/${slug}/invitations`);
      await animator.page.getByRole('heading', { name: 'Ambassadeurs de l’e-communauté' }).waitFor();
      const row = animator.page.getByRole('row', { name: new RegExp(`Alice a ${suffix}`) });
      await expect.poll(async () => (await row.getByRole('cell').allInnerTexts()).join(' ')).toBe('1 1 1');
      await expectAccessible(animator.page, 'invitations (animation, ambassadeurs)');
      // The accepted invitation shows the new member, linked to her profile, and no longer her address.
      const list = animator.page.getByRole('region', { name: 'Toutes les invitations' });
      const invitedMember = list.getByRole('link', { name: `Inès Invitée ${suffix}` });
      await invitedMember.waitFor();
      await expect(list.getByText(invitee).count()).resolves.toBe(0);
      await expect(animator.page.content()).resolves.not.toContain(invitee);
      await invitedMember.click();
      await animator.page.getByRole('heading', { level: 1, name: new RegExp(`Inès Invitée ${suffix}`) }).waitFor();
    } finally {
      await animator.context.close();
    }
  }, 180_000);

  it('la coordinatrice désigne l’animatrice d’astreinte : le calendrier éditorial l’affiche', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, people.coordinator!.email, people.coordinator!.password, `/communautes/${slug}/calendrier`);
      await page.getByRole('heading', { name: 'Astreinte de l’équipe d’animation' }).waitFor();
      await page.getByLabel(/\(cette semaine\)/).selectOption({ label: `Anaïs animator ${suffix}` });
      await page.getByText(/Astreinte de la semaine du .* enregistrée/).waitFor();
      await page.getByRole('cell').getByText(`: Anaïs animator ${suffix}`).first().waitFor();
      await expectAccessible(page, 'calendrier éditorial avec astreinte');
    } finally {
      await context.close();
    }
  }, 120_000);

  it('deux membres co-écrivent une page : le second voit ce qui a changé, rien n’est écrasé ; historique et comparaison', async () => {
    const { context, page } = await newPage(scene.browser);
    try {
      await signInThroughUi(page, scene.server.url, people.a!.email, people.a!.password, `/communautes/${slug}/pages`);
      await page.getByRole('heading', { level: 1, name: 'Pages co-écrites' }).waitFor();
      await page.getByLabel('Titre').fill('Guide des appels à projets');
      await fillEditor(page, 'Texte', 'Étape 1 : lire le cahier des charges.');
      await page.getByRole('button', { name: 'Créer la page' }).click();
      await page.getByRole('heading', { level: 1, name: 'Guide des appels à projets' }).waitFor();
      await expectAccessible(page, 'page co-écrite (lecture)');
      const pageId = Number(/pages-co-ecrites\/(\d+)/.exec(page.url())![1]);

      await page.getByRole('button', { name: 'Modifier', exact: true }).click();
      await fillEditor(page, 'Texte', 'Étape 1 : lire le cahier des charges.\nÉtape 2 : écrire à Alice.');
      // Meanwhile Bruno saves another version from the same revision.
      const bruno = await sessionFor(scene.server.app, people.b!.id);
      const saved = await scene.server.app.inject({
        method: 'PUT', url: `/api/shared-pages/${pageId}`, headers: { ...bruno },
        payload: { title: 'Guide des appels à projets', body: 'Étape 1 : lire attentivement le cahier des charges.', baseRevision: 1 },
      });
      expect(saved.statusCode).toBe(200);
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await page.getByText('Une autre version a été enregistrée pendant que vous écriviez').waitFor();
      await page.locator('.diff ins', { hasText: 'attentivement' }).first().waitFor();
      expect(await editorValue(page, 'Texte')).toContain('Étape 2 : écrire à Alice.');
      await expectAccessible(page, 'page co-écrite (conflit)');
      await page.getByRole('button', { name: /J’ai pris en compte ces changements/ }).click();
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
      await page.getByText('Votre version est enregistrée.').waitFor();
      await page.getByText('Étape 2 : écrire à Alice.').waitFor();

      await page.getByRole('button', { name: 'Historique' }).click();
      await page.getByRole('list', { name: 'Versions, la plus récente d’abord' }).getByRole('listitem').nth(2).waitFor();
      await page.getByRole('group', { name: 'Comparer la version 1' }).getByLabel('ancienne').check();
      await page.getByRole('group', { name: 'Comparer la version 3' }).getByLabel('nouvelle').check();
      await page.getByRole('button', { name: 'Comparer les versions choisies' }).click();
      await page.getByRole('heading', { name: 'Changements de la version 1 à la version 3' }).waitFor();
      await page.locator('.diff ins', { hasText: 'Étape 2' }).first().waitFor();
      await expectAccessible(page, 'page co-écrite (historique et comparaison)');
    } finally {
      await context.close();
    }
  }, 120_000);
});

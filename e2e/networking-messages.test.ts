import { describe, expect, it } from 'vitest';
import { createUser } from '../server/test/factories.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix, fillEditor,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

// Without the browser, a skipped test named after the reason keeps the gap visible in every report.
if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

describe.skipIf(!hasChromium)('annuaire des membres et messages privés', () => {
  const scene = useBrowserScene();

  it('un membre montre son métier, une collègue le trouve sans accents, lui écrit, il répond en direct, signale puis bloque ; l’équipe nationale retire le message', async () => {
    const suffix = uniqueSuffix().replace(/[^a-z]/gi, '').slice(-5).toLowerCase();
    const family = `Lefèvre${suffix}`;
    const { user: helene, password } = await createUser(scene.server.app, { firstName: 'Hélène', lastName: family, job: 'Cheffe de projet mobilités', departement: '69' });
    const { user: marc } = await createUser(scene.server.app, { firstName: 'Marc', lastName: `Collègue${suffix}` });
    const { user: admin } = await createUser(scene.server.app, { nationalRole: 'admin' });

    const owner = await newPage(scene.browser);
    const peer = await newPage(scene.browser);
    try {
      // Hélène chooses to show her job and territory.
      await signInThroughUi(owner.page, scene.server.url, helene.email, password, '/profil');
      const section = owner.page.getByRole('region', { name: 'Visibilité de mon profil et messages' });
      await section.getByLabel('Montrer mon métier ou ma fonction').check();
      await section.getByLabel('Montrer mon département (et sa région)').check();
      await section.getByRole('button', { name: 'Enregistrer mes choix' }).click();
      await section.getByText('Vos choix sont enregistrés.').waitFor();
      await expectAccessible(owner.page, 'profil, visibilité');

      // Marc searches the directory without accents, then opens her page and writes.
      await signInThroughUi(peer.page, scene.server.url, marc.email, password, '/membres');
      await peer.page.getByRole('heading', { level: 1, name: 'Annuaire des membres' }).waitFor();
      await peer.page.getByLabel('Nom').fill(`helene lefevre${suffix}`);
      await peer.page.getByLabel('Région').selectOption({ label: 'Auvergne-Rhône-Alpes' });
      await peer.page.getByRole('button', { name: 'Rechercher' }).click();
      const result = peer.page.getByRole('link', { name: `Hélène ${family}` });
      await result.waitFor();
      await peer.page.getByText('Cheffe de projet mobilités').waitFor();
      await expectAccessible(peer.page, 'annuaire des membres');
      await result.click();
      await peer.page.getByRole('heading', { level: 1, name: `Hélène ${family}` }).waitFor();
      await expectAccessible(peer.page, 'page d’un membre');
      await peer.page.getByRole('button', { name: 'Envoyer un message privé' }).click();
      await fillEditor(peer.page, 'Votre message', 'Bonjour Hélène, comment avez-vous organisé le plan vélo ?');
      await peer.page.getByRole('button', { name: 'Envoyer', exact: true }).click();
      await peer.page.getByRole('heading', { level: 1, name: `Hélène ${family}` }).waitFor();
      await peer.page.getByRole('log', { name: 'Messages' }).getByText('comment avez-vous organisé le plan vélo').waitFor();
      await expectAccessible(peer.page, 'conversation');

      // Hélène sees the unread badge, opens the conversation and answers; Marc gets it live.
      await owner.page.goto(`${scene.server.url}/messages`);
      await owner.page.getByRole('link', { name: /Messages \(1 non lu\)/ }).waitFor();
      await expectAccessible(owner.page, 'messages privés');
      await owner.page.getByRole('link', { name: /Marc/ }).first().click();
      await owner.page.getByText('comment avez-vous organisé le plan vélo').waitFor();
      await owner.page.getByRole('link', { name: 'Messages', exact: true }).waitFor();
      await fillEditor(owner.page, 'Votre message', 'Avec un comité d’usagers, je vous raconte.');
      await owner.page.getByRole('button', { name: 'Envoyer', exact: true }).click();
      await peer.page.getByRole('log', { name: 'Messages' }).getByText('Avec un comité d’usagers').waitFor({ timeout: 15_000 });

      // Marc writes something out of line; Hélène reports it, then blocks him.
      await fillEditor(peer.page, 'Votre message', 'Message déplacé à signaler');
      await peer.page.getByRole('button', { name: 'Envoyer', exact: true }).click();
      await owner.page.getByText('Message déplacé à signaler').waitFor({ timeout: 15_000 });
      await owner.page.getByRole('button', { name: `Signaler le message de Marc Collègue${suffix}` }).last().click();
      const dialog = owner.page.getByRole('dialog', { name: 'Signaler ce message' });
      await dialog.getByLabel('Motif').selectOption({ index: 1 });
      await expectAccessible(owner.page, 'dialogue de signalement');
      await dialog.getByRole('button', { name: 'Signaler' }).click();
      await owner.page.getByText('Message signalé à l’équipe nationale.').waitFor();

      await owner.page.goto(`${scene.server.url}/membres/${marc.id}`);
      await owner.page.getByRole('button', { name: 'Bloquer ce membre' }).click();
      await owner.page.getByRole('alertdialog').getByRole('button', { name: 'Bloquer' }).click();
      await owner.page.getByText('Vous avez bloqué ce membre').waitFor();
      await peer.page.reload();
      await peer.page.getByText('Un participant ne souhaite plus recevoir vos messages').waitFor();
    } finally {
      await owner.context.close();
      await peer.context.close();
    }

    // The national team sees the reported message alone and removes it.
    const team = await newPage(scene.browser);
    try {
      await signInThroughUi(team.page, scene.server.url, admin.email, password, '/moderation/messages');
      await team.page.getByRole('heading', { level: 1, name: 'Messages privés signalés' }).waitFor();
      await team.page.getByText('Message déplacé à signaler').waitFor();
      expect(await team.page.getByText('comment avez-vous organisé le plan vélo').count()).toBe(0);
      await expectAccessible(team.page, 'messages privés signalés');
      // Other tests of the run may have reports pending too: act on this message's card only.
      const card = team.page.getByRole('article').filter({ hasText: 'Message déplacé à signaler' });
      await card.getByRole('button', { name: 'Retirer le message' }).click();
      await card.waitFor({ state: 'detached' });
    } finally {
      await team.context.close();
    }
  }, 240_000);
});

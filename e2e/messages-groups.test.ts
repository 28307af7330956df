import { describe, it } from 'vitest';
import { createUser } from '../server/test/factories.js';
import {
  NO_CHROMIUM_REASON, expectAccessible, hasChromium, newPage, signInThroughUi, uniqueSuffix,
} from './harness.js';
import { useBrowserScene } from './fixtures/browser-scene.js';

if (!hasChromium) it.skip(NO_CHROMIUM_REASON, () => {});

describe.skipIf(!hasChromium)('conversations de groupe : participants', () => {
  const scene = useBrowserScene();

  it('une participante ajoute un collègue, renomme le groupe puis le quitte ; lui suit chaque changement', async () => {
    const suffix = uniqueSuffix().replace(/[^a-z]/gi, '').slice(-5).toLowerCase();
    const { user: camille, password } = await createUser(scene.server.app, { firstName: 'Camille', lastName: `Martin${suffix}` });
    const { user: lea } = await createUser(scene.server.app, { firstName: 'Léa', lastName: `Roux${suffix}` });
    const { user: sami } = await createUser(scene.server.app, { firstName: 'Sami', lastName: `Benali${suffix}` });
    const { user: paul } = await createUser(scene.server.app, { firstName: 'Paul', lastName: `Durand${suffix}` });
    // The group exists already (its creation has its own journey): Camille, Léa and Sami.
    const { rows } = await scene.server.app.pool.query<{ id: number }>(
      `INSERT INTO conversations (kind, title, created_by) VALUES ('group', 'Cité éducative', $1) RETURNING id`, [camille.id]);
    const id = Number(rows[0]!.id);
    await scene.server.app.pool.query(
      `INSERT INTO conversation_members (conversation_id, user_id) SELECT $1, unnest($2::bigint[])`, [id, [camille.id, lea.id, sami.id]]);
    await scene.server.app.pool.query(
      `INSERT INTO messages (conversation_id, author_id, body) VALUES ($1, $2, 'Historique réservé aux premiers participants')`, [id, lea.id]);

    const owner = await newPage(scene.browser);
    const peer = await newPage(scene.browser);
    try {
      await signInThroughUi(owner.page, scene.server.url, camille.email, password, `/messages/${id}`);
      await owner.page.getByRole('heading', { level: 1, name: 'Cité éducative' }).waitFor();
      await owner.page.getByRole('button', { name: 'Participants (3)' }).click();
      const dialog = owner.page.getByRole('dialog', { name: 'Participants' });
      await dialog.getByRole('list', { name: 'Participants de la conversation' }).getByText(`Léa Roux${suffix}`).waitFor();
      await expectAccessible(owner.page, 'participants d’une conversation de groupe');

      // Add Paul with the member picker, from the keyboard.
      await dialog.getByLabel('Rechercher un membre à ajouter').fill(`Durand${suffix}`);
      const addPaul = dialog.getByRole('button', { name: `Ajouter : Paul Durand${suffix}` });
      await addPaul.focus();
      await owner.page.keyboard.press('Enter');
      await dialog.getByText(`Paul Durand${suffix} a été ajouté·e à la conversation.`).waitFor();
      await dialog.getByRole('list', { name: 'Participants de la conversation' }).getByText(`Paul Durand${suffix}`).waitFor();

      // Rename the group.
      await dialog.getByLabel('Nom de la conversation').fill('Cité éducative de Saint-Denis');
      await dialog.getByRole('button', { name: 'Renommer', exact: true }).click();
      await dialog.getByText('Conversation renommée en « Cité éducative de Saint-Denis ».').waitFor();
      await expectAccessible(owner.page, 'participants après ajout et renommage');
      await owner.page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      await owner.page.getByRole('heading', { level: 1, name: 'Cité éducative de Saint-Denis' }).waitFor();
      const log = owner.page.getByRole('log', { name: 'Messages' });
      await log.getByText(`Camille Martin${suffix} a ajouté Paul Durand${suffix}`).waitFor();
      await log.getByText(`Camille Martin${suffix} a renommé la conversation en « Cité éducative de Saint-Denis »`).waitFor();
      await expectAccessible(owner.page, 'conversation avec lignes de changement');

      // Paul finds it unread and reads from his arrival on, not the history before.
      await signInThroughUi(peer.page, scene.server.url, paul.email, password, '/messages');
      await peer.page.getByRole('link', { name: /Cité éducative de Saint-Denis \(2 messages non lus\)/ }).click();
      const peerLog = peer.page.getByRole('log', { name: 'Messages' });
      await peerLog.getByText(`a ajouté Paul Durand${suffix}`).waitFor();
      await peerLog.getByText('Historique réservé aux premiers participants').waitFor({ state: 'detached' });

      // Camille leaves, after confirming.
      await owner.page.getByRole('button', { name: 'Participants (4)' }).click();
      await dialog.getByRole('button', { name: 'Quitter la conversation' }).click();
      const confirm = owner.page.getByRole('alertdialog', { name: 'Quitter la conversation ?' });
      await confirm.waitFor();
      await expectAccessible(owner.page, 'confirmation du départ');
      await confirm.getByRole('button', { name: 'Quitter', exact: true }).click();
      await owner.page.getByRole('heading', { level: 1, name: 'Messages privés' }).waitFor();
      await owner.page.getByRole('link', { name: /Cité éducative de Saint-Denis/ }).waitFor({ state: 'detached' });

      // Paul sees it live.
      await peerLog.getByText(`Camille Martin${suffix} a quitté la conversation`).waitFor({ timeout: 15_000 });
      await expectAccessible(peer.page, 'conversation après un départ');
    } finally {
      await owner.context.close();
      await peer.context.close();
    }
  }, 120_000);
});

import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { parseEmbedUrl } from '../modules/attachments/embeds.js';

/**
 * Videos and maps on a few demo posts, so the click-to-load placeholders can be seen.
 * Posts are found by title; a missing one is skipped (the demo texts belong to another file).
 */
const EMBEDS: { titleStart: string; items: { url: string; title: string }[] }[] = [
  {
    titleStart: 'Webinaire : évaluer le contrat de ville',
    items: [{ url: 'https://www.youtube.com/watch?v=aqz-KE-bpKQ', title: 'Replay du webinaire : évaluer le contrat de ville à mi-parcours' }],
  },
  {
    titleStart: 'Nouvelle géographie prioritaire',
    items: [{ url: 'https://www.openstreetmap.org/?mlat=44.8378&mlon=-0.5792#map=13/44.8378/-0.5792', title: 'Carte : un quartier sortant de la géographie prioritaire (exemple)' }],
  },
  {
    titleStart: 'GUP : nos outils pour des diagnostics en marchant',
    items: [{ url: 'https://framatube.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d', title: 'Vidéo : un diagnostic en marchant filmé (PeerTube)' }],
  },
];

export async function seedDemoFormats(tx: DbOrTx): Promise<void> {
  for (const { titleStart, items } of EMBEDS) {
    const { rows } = await tx.execute<{ id: number }>(sql`
      SELECT p.id FROM posts p JOIN communities c ON c.id = p.community_id
       WHERE c.slug = 'politique-de-la-ville' AND p.title LIKE ${`${titleStart}%`} ORDER BY p.id LIMIT 1`);
    const postId = rows[0]?.id;
    if (postId === undefined) continue;
    for (const [position, item] of items.entries()) {
      const e = parseEmbedUrl(item.url, item.title);
      if (!e) throw new Error(`Adresse d’intégration de démonstration non reconnue : ${item.url}`);
      await tx.execute(sql`
        INSERT INTO post_embeds (post_id, position, provider, url, embed_url, title)
        VALUES (${postId}, ${position}, ${e.provider}, ${e.url}, ${e.embedUrl}, ${e.title})
        ON CONFLICT DO NOTHING`);
    }
  }
}

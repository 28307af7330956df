/**
 * Generates an exchange bundle at a given scale (docs/exchange-format.md), streamed to disk: the benchmark's input
 * (bench/import.ts) and the kill -9 test's (server/src/exchange/resume.test.ts). Same seed, same bundle.
 */
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, mkdirSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { FORMAT_NAME, FORMAT_VERSION } from '../server/src/exchange/format.js';
import { FIRST_NAMES, LAST_NAMES, pick, rng } from './words.js';

export interface Scale {
  members: number;
  communities: number;
  memberships: number;
  posts: number;
  comments: number;
  attachments: number;
}

export const FULL_SCALE: Scale = { members: 220_000, communities: 40, memberships: 300_000, posts: 200_000, comments: 800_000, attachments: 20_000 };

export function scaled(factor: number): Scale {
  const s = Object.fromEntries(Object.entries(FULL_SCALE).map(([k, v]) => [k, Math.max(k === 'communities' ? 2 : 1, Math.round(v * factor))])) as unknown as Scale;
  s.communities = Math.min(FULL_SCALE.communities, Math.max(2, s.communities));
  return s;
}

const OLD = 'https://ancienne-plateforme.example.org';
const KINDS = ['discussion', 'discussion', 'discussion', 'question', 'question', 'article', 'veille', 'ressource', 'evenement', 'sondage'] as const;
const WORDS = ['eau', 'voirie', 'marché public', 'budget', 'urbanisme', 'crèche', 'cantine', 'numérique', 'déchets', 'mobilité', 'agents', 'régie'];

async function lines(file: string, n: number, make: (i: number) => unknown): Promise<void> {
  const out: WriteStream = createWriteStream(file);
  for (let i = 1; i <= n; i += 1) {
    if (!out.write(`${JSON.stringify(make(i))}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** A small valid PDF, different for each attachment (the last comment line carries its number). */
function pdf(i: number): Buffer {
  return Buffer.from(`%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%pj-${i}\n%%EOF\n`, 'latin1');
}

export async function generateBundle(dir: string, scale: Scale, source = 'ancienne-plateforme', seed = 14): Promise<void> {
  mkdirSync(join(dir, 'files'), { recursive: true });
  const r = rng(seed);
  const at = (i: number, total: number) => new Date(Date.UTC(2016, 0, 1) + Math.floor((i / total) * 6 * 365 * 86_400_000)).toISOString();
  const text = (n: number) => Array.from({ length: n }, () => pick(r, WORDS)).join(' ');
  await lines(join(dir, 'members.jsonl'), scale.members, (i) => ({
    id: `u${i}`, email: `agent${i}@collectivite-${i % 997}.fr`, firstName: pick(r, FIRST_NAMES), lastName: pick(r, LAST_NAMES),
    employer: `Commune ${i % 997}`, job: pick(r, ['Secrétaire de mairie', 'Directrice des services', 'Technicien voirie', 'Chargée de mission']),
    territory: String(1 + (i % 95)).padStart(2, '0'), createdAt: at(i, scale.members), oldUrl: `${OLD}/membres/${i}`,
  }));
  await lines(join(dir, 'communities.jsonl'), scale.communities, (i) => ({
    id: `g${i}`, slug: `communaute-importee-${i}`, name: `Communauté importée ${i}`, description: text(12), status: 'open',
    related: i > 1 ? [`g${i - 1}`] : undefined, createdAt: at(i, scale.communities * 100), oldUrl: `${OLD}/groupes/${i}`,
  }));
  // Distinct (community, member) pairs: member i in communities i, i+1… (mod the number of communities).
  const perMember = Math.max(1, Math.ceil(scale.memberships / scale.members));
  await lines(join(dir, 'memberships.jsonl'), scale.memberships, (i) => {
    const member = 1 + ((i - 1) % scale.members);
    const round = Math.floor((i - 1) / scale.members);
    return {
      community: `g${1 + ((member + round) % scale.communities)}`, member: `u${member}`, role: i % 500 === 0 ? 'animator' : 'member',
      joinedAt: at(i, scale.memberships * perMember),
    };
  });
  const communityOfPost = (i: number) => `g${1 + (i % scale.communities)}`;
  const kindOf = (i: number) => KINDS[i % KINDS.length]!;
  await lines(join(dir, 'posts.jsonl'), scale.posts, (i) => {
    const kind = kindOf(i);
    const created = at(i, scale.posts);
    const line: Record<string, unknown> = {
      id: `s${i}`, community: communityOfPost(i), author: `u${1 + ((i * 7) % scale.members)}`, kind, title: `Sujet ${i} : ${text(4)}`,
      body: i % 3 === 0 ? { format: 'html', content: `<p>${text(30)}</p><p>Voir <a href="${OLD}/sujets/${Math.max(1, i - 1)}">le sujet précédent</a>.</p>` }
        : { format: 'markdown', content: `${text(40)}\n\n${text(20)}` },
      createdAt: created, oldUrl: `${OLD}/sujets/${i}`,
    };
    if (kind === 'veille' || kind === 'ressource') line.link = { url: `https://www.example.org/doc/${i}`, title: text(3), source: 'Exemple' };
    if (kind === 'evenement') line.event = { startsAt: created, endsAt: new Date(Date.parse(created) + 7_200_000).toISOString(), allDay: false, place: 'En ligne' };
    if (kind === 'sondage') line.poll = { multiple: false, allowFreeText: false, closesAt: created, resultsVisibility: 'live', options: [{ label: 'Oui', votes: 0 }, { label: 'Non', votes: 0 }], votes: [] };
    if (kind === 'article') line.articleType = 'retour_experience';
    return line;
  });
  await lines(join(dir, 'comments.jsonl'), scale.comments, (i) => {
    const post = 1 + (i % scale.posts);
    // Every fourth comment answers the previous comment of the same post, when there is one.
    const previous = i - scale.posts;
    return {
      id: `r${i}`, post: `s${post}`, author: `u${1 + ((i * 13) % scale.members)}`,
      replyTo: i % 4 === 0 && previous >= 1 ? `r${previous}` : undefined,
      body: { format: 'markdown', content: text(15) }, createdAt: at(scale.posts + i, scale.posts + scale.comments),
    };
  });
  await lines(join(dir, 'reactions.jsonl'), Math.min(scale.posts, scale.members), (i) => ({ post: `s${i}`, member: `u${1 + ((i * 3) % scale.members)}`, createdAt: at(i, scale.posts) }));
  await lines(join(dir, 'dossiers.jsonl'), scale.communities, (i) => ({
    id: `d${i}`, community: `g${i}`, title: `Dossier ${i}`, createdBy: 'u1', createdAt: at(scale.posts, scale.posts),
    // Posts of the dossier's own community: s_j is in community 1 + (j mod communities).
    items: Array.from({ length: 6 }, (_, k) => (i - 1) + scale.communities * k).filter((j) => j >= 1 && j <= scale.posts).slice(0, 5)
      .map((j) => ({ post: `s${j}` })),
  }));
  await lines(join(dir, 'attachments.jsonl'), scale.attachments, (i) => {
    const bytes = pdf(i);
    const sha = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(join(dir, 'files', sha), bytes);
    return { id: `f${i}`, post: `s${1 + (i % scale.posts)}`, uploader: 'u1', sha256: sha, mime: 'application/pdf', size: bytes.length,
      name: `document-${i}.pdf`, alt: '', format: 'document', createdAt: at(scale.posts, scale.posts) };
  });
  const counts = { member: scale.members, community: scale.communities, membership: scale.memberships, post: scale.posts, comment: scale.comments,
    reaction: Math.min(scale.posts, scale.members), dossier: scale.communities, attachment: scale.attachments };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ format: FORMAT_NAME, version: FORMAT_VERSION, source, generatedAt: new Date(Date.UTC(2023, 0, 1)).toISOString(), counts }, null, 2));
}

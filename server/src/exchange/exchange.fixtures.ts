/** A small bundle with every kind of entity, and the helpers tests use to write bundles and databases. */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, createPool } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';
import { tinyPng } from '../modules/attachments/attachments.fixtures.js';
import { FORMAT_NAME, FORMAT_VERSION, KINDS } from './format.js';

export const OLD = 'https://ancien.example.org';
export type Lines = Record<string, unknown[]>;
export interface Bundle { source: string; lines: Lines; files: Record<string, Buffer>; version?: number }

export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every kind once at least: members, communities, memberships, posts of each kind, replies, a solution, marks, a dossier, a file. */
export function fixtureBundle(suffix: string): Bundle {
  // Old paths are one namespace per database: each test's bundle gets its own.
  const old = `${OLD}/${suffix}`;
  const png = tinyPng();
  const at = (d: number) => new Date(Date.UTC(2022, 0, d, 9)).toISOString();
  const post = (id: string, kind: string, extra: Record<string, unknown>) => ({
    id, community: 'c1', author: 'm1', kind, title: `Publication ${id}`, body: { format: 'markdown', content: `Texte de ${id}.` },
    createdAt: at(Number(id.slice(1)) + 5), oldUrl: `${old}/forum/sujet/${id.slice(1)}`, ...extra,
  });
  return {
    source: `ancien-${suffix}`,
    files: { [sha256(png)]: png },
    lines: {
      'members.jsonl': [
        { id: 'm1', email: `alice.${suffix}@exemple.fr`, firstName: 'Alice', lastName: 'Martin', employer: 'Ville de Lyon', job: 'Cheffe de projet',
          territory: '69', visibility: { listed: true, showEmployer: true, showJob: true, showTerritory: false, showEmail: false },
          createdAt: at(1), lastSeenAt: at(30), oldUrl: `${old}/profil/alice` },
        { id: 'm2', email: `bruno.${suffix}@exemple.fr`, firstName: 'Bruno', lastName: 'Petit', createdAt: at(2), oldUrl: `${old}/profil/bruno` },
        { id: 'm3', email: `chloe.${suffix}@exemple.fr`, firstName: 'Chloé', lastName: 'Durand', createdAt: at(3) },
      ],
      'communities.jsonl': [
        { id: 'c1', slug: `eau-${suffix}`, name: `Eau ${suffix}`, description: 'Gestion de l’eau', perimeter: 'Régies', targetAudience: 'Agents',
          status: 'open', launchDate: '2021-06-01', related: ['c2'], createdAt: at(1), oldUrl: `${old}/groupes/eau` },
        { id: 'c2', slug: `voirie-${suffix}`, name: `Voirie ${suffix}`, status: 'open', createdAt: at(1), oldUrl: `${old}/groupes/voirie` },
      ],
      'memberships.jsonl': [
        { community: 'c1', member: 'm1', role: 'coordinator', joinedAt: at(2) },
        { community: 'c1', member: 'm2', role: 'member', joinedAt: at(3) },
        { community: 'c1', member: 'm3', role: 'animator', joinedAt: at(4) },
        { community: 'c2', member: 'm1', role: 'member', joinedAt: at(4) },
      ],
      'posts.jsonl': [
        post('p1', 'discussion', { body: { format: 'markdown', content: `Voir [la question](${old}/forum/sujet/2) et ${old}/groupes/voirie.` }, tags: ['Eau', 'régie'] }),
        post('p2', 'question', { author: 'm2', body: { format: 'html', content: '<p>Comment <b>faire</b> ?</p><script>alert(1)</script><img src=x onerror="alert(2)">' } }),
        post('p3', 'evenement', { event: { startsAt: at(40), endsAt: at(41), allDay: false, place: 'Lyon', organiser: 'Métropole' } }),
        post('p4', 'sondage', { poll: { multiple: false, allowFreeText: false, closesAt: at(50), resultsVisibility: 'live',
          options: [{ label: 'Oui', votes: 2 }, { label: 'Non', votes: 0 }],
          votes: [{ member: 'm2', choices: [0], at: at(11) }, { member: 'm3', choices: [0], at: at(12) }] } }),
        post('p5', 'veille', { link: { url: 'https://www.legifrance.gouv.fr/texte', title: 'Décret', source: 'Légifrance' } }),
        post('p6', 'partage', { community: 'c2', sharedPost: 'p1' }),
        post('p7', 'article', { articleType: 'retour_experience' }),
        post('p8', 'ressource', { cnfptType: 'lid', link: { url: 'https://example.org/guide.pdf' } }),
      ],
      'comments.jsonl': [
        { id: 'k1', post: 'p2', author: 'm3', body: { format: 'markdown', content: 'Première réponse.' }, createdAt: at(8), oldUrl: `${old}/forum/sujet/2#r1` },
        { id: 'k2', post: 'p2', author: 'm1', replyTo: 'k1', solution: true, body: { format: 'html', content: '<p>La <em>solution</em></p>' }, createdAt: at(9) },
        { id: 'k3', post: 'p1', author: 'm2', body: { format: 'markdown', content: 'Merci.' }, createdAt: at(9) },
      ],
      'reactions.jsonl': [{ post: 'p1', member: 'm2', createdAt: at(10) }, { post: 'p2', member: 'm3', createdAt: at(10) }],
      'dossiers.jsonl': [
        { id: 'd1', community: 'c1', title: 'Bien démarrer', intro: { format: 'markdown', content: 'Les essentiels.' }, createdBy: 'm1', createdAt: at(20),
          items: [{ post: 'p1', note: 'À lire' }, { post: 'p2' }], oldUrl: `${old}/dossiers/1` },
      ],
      'attachments.jsonl': [
        { id: 'a1', post: 'p1', uploader: 'm1', sha256: sha256(png), mime: 'image/png', size: png.length, name: 'schema.png', alt: 'Schéma du réseau',
          format: 'image', createdAt: at(6) },
      ],
    },
  };
}

/** Writes a bundle folder; `raw` lines (strings) go as they are, for malformed input. */
export function writeBundle(b: Bundle, dir = mkdtempSync(join(tmpdir(), 'ecom-bundle-test-'))): string {
  mkdirSync(join(dir, 'files'), { recursive: true });
  const counts: Record<string, number> = {};
  for (const { kind, file } of KINDS) {
    const lines = b.lines[file] ?? [];
    counts[kind] = lines.length;
    writeFileSync(join(dir, file), lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + (lines.length ? '\n' : ''));
  }
  for (const [name, bytes] of Object.entries(b.files)) writeFileSync(join(dir, 'files', name), bytes);
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    format: FORMAT_NAME, version: b.version ?? FORMAT_VERSION, source: b.source, generatedAt: new Date().toISOString(), counts,
  }));
  return dir;
}

/** A new database on the test server, migrated: for tests that need one empty or of their own. */
export async function freshDatabase(label: string): Promise<{ url: string; pool: pg.Pool; drop: () => Promise<void> }> {
  const base = new URL(inject('databaseUrl'));
  const name = `${base.pathname.slice(1)}_${label}`;
  const admin = new URL(base);
  admin.pathname = '/postgres';
  const run = async (q: string) => {
    const c = new pg.Client({ connectionString: admin.toString() });
    await c.connect();
    await c.query(q);
    await c.end();
  };
  await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await run(`CREATE DATABASE ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const pool = createPool(url.toString(), 4);
  await runMigrations(createDb(pool));
  return { url: url.toString(), pool, drop: async () => { await pool.end(); await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`); } };
}

import { afterAll, describe, expect, it } from 'vitest';
import { createCommunity } from '../../../test/community-factories.js';
import { createUser } from '../../../test/factories.js';
import { unique, useTestApp } from '../../../test/helpers.js';
import { startSmtpSink } from '../../../test/smtp-sink.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';

const sink = await startSmtpSink();
afterAll(() => sink.close());

describe('CSV member import', async () => {
  const { app } = await useTestApp({ smtpUrl: sink.url });
  const post = (url: string, headers: Record<string, string>, payload: object) => app.inject({ method: 'POST', url, headers, payload });
  const count = async (text: string, values: unknown[]) => (await app.pool.query(text, values)).rows[0].n as number;

  async function setup() {
    const a = await createCommunity(app, { name: `Urbanisme ${unique()}` });
    const b = await createCommunity(app, { name: `Mobilités ${unique()}` });
    const coordinator = await memberOf(app, a.id, 'coordinator');
    const admin = await signIn(app, { nationalRole: 'admin' });
    return { a, b, coordinator, admin };
  }

  it('previews a French spreadsheet export line by line: separators, BOM, bad e-mail, unknown community, duplicates, already a member', async () => {
    const { a, b, coordinator } = await setup();
    const tag = unique('csv');
    const { user: existing } = await createUser(app, { email: `${tag}-deja@exemple.fr` });
    await app.pool.query('INSERT INTO memberships (community_id, user_id) VALUES ($1, $2)', [a.id, existing.id]);
    const csv = '\uFEFFE-mail;Prénom;Nom;Employeur;Communauté\r\n'
      + `${tag}-un@exemple.fr;Anne;Dupont;Mairie de Brest;\r\n`
      + 'pas-une-adresse;Bruno;Martin;CD 29;\r\n'
      + `${tag}-deux@exemple.fr;Chloé;Durand;Ville de Quimper;inconnue-${tag}\r\n`
      // The same address as line 2 in capitals and with a full-width at sign: the same person.
      + `${tag.toUpperCase()}-UN＠EXEMPLE.FR;Anne;Dupont;Mairie de Brest;\r\n`
      + `${tag}-deja@exemple.fr;Camille;Martin;Mairie de Montreuil;\r\n`
      // Not coordinated by this person: refused as if unknown.
      + `${tag}-trois@exemple.fr;Dora;Petit;Ville de Vannes;${b.slug}\r\n`
      + '\r\n';
    const res = await post('/api/member-imports/preview', coordinator.headers, { csv, community: a.slug });
    expect(res.statusCode, res.body).toBe(200);
    const { lines, counts } = res.json();
    expect(counts).toEqual({ new: 1, existing: 0, member: 1, error: 4 });
    expect(lines.map((l: { line: number; status: string }) => [l.line, l.status])).toEqual([
      [2, 'new'], [3, 'error'], [4, 'error'], [5, 'error'], [6, 'member'], [7, 'error'],
    ]);
    expect(lines[0]).toMatchObject({ email: `${tag}-un@exemple.fr`, firstName: 'Anne', employer: 'Mairie de Brest', community: { slug: a.slug } });
    expect(lines[1].messages).toEqual(['Adresse électronique invalide : « pas-une-adresse ».']);
    expect(lines[2].messages[0]).toContain(`E-communauté inconnue ou hors de votre coordination : « inconnue-${tag} »`);
    expect(lines[3].messages).toEqual(['Doublon de la ligne 2 (même adresse, à la casse et aux accents près).']);
    expect(lines[4].messages[0]).toContain('Déjà membre');
    expect(lines[5].messages[0]).toContain(b.slug);
    // A preview writes nothing.
    expect(await count('SELECT count(*)::int AS n FROM users WHERE email = $1', [`${tag}-un@exemple.fr`])).toBe(0);
  });

  it('confirms: new accounts pre-registered and welcomed, existing ones added and notified; the same file again changes nothing', async () => {
    const { a, b, admin } = await setup();
    const tag = unique('imp');
    const { user: active } = await createUser(app, { email: `${tag}-actif@exemple.fr` });
    // Comma-separated, no title line: the documented order.
    const csv = `${tag}-un@exemple.fr,Anne,Dupont,Mairie de Brest,${a.slug}\n`
      + `${tag}-un@exemple.fr,Anne,Dupont,Mairie de Brest,${b.slug}\n`
      + `${tag}-actif@exemple.fr,Camille,Martin,Mairie de Montreuil,${a.slug}\n`
      + `"${tag}-deux@exemple.fr","Jean-Loïc","Le Gall","Brest Métropole, direction de l’eau",${b.slug}\n`
      + 'faux,X,Y,Z,\n';
    const first = await post('/api/member-imports', admin.headers, { csv });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ created: 2, added: 4, unchanged: 0, errors: 1 });
    const { rows: created } = await app.pool.query(
      `SELECT email, first_name, employer, imported_at IS NOT NULL AS imported, email_verified_at, password_hash LIKE '$argon2%' AS has_password,
              (SELECT count(*)::int FROM cgu_acceptances c WHERE c.user_id = u.id) AS cgu, (SELECT status FROM import_welcomes w WHERE w.user_id = u.id) AS welcome
         FROM users u WHERE email LIKE $1 AND imported_at IS NOT NULL ORDER BY email`, [`${tag}-%`]);
    expect(created).toEqual([
      { email: `${tag}-deux@exemple.fr`, first_name: 'Jean-Loïc', employer: 'Brest Métropole, direction de l’eau', imported: true, email_verified_at: null, has_password: false, cgu: 0, welcome: expect.stringMatching(/^(queued|sent)$/) },
      { email: `${tag}-un@exemple.fr`, first_name: 'Anne', employer: 'Mairie de Brest', imported: true, email_verified_at: null, has_password: false, cgu: 0, welcome: expect.stringMatching(/^(queued|sent)$/) },
    ]);
    const { rows: notes } = await app.pool.query('SELECT kind, actor_id, community_id FROM notifications WHERE user_id = $1', [active.id]);
    expect(notes).toEqual([{ kind: 'added_to_community', actor_id: admin.user.id, community_id: a.id }]);
    expect(await count('SELECT count(*)::int AS n FROM import_welcomes WHERE user_id = $1', [active.id])).toBe(0);
    // A: its coordinator, Anne and Camille; B: Anne and Jean-Loïc.
    const memberCount = async () => (await app.pool.query('SELECT id, member_count FROM communities WHERE id = ANY($1) ORDER BY id', [[a.id, b.id]])).rows;
    expect(await memberCount()).toEqual([{ id: a.id, member_count: 3 }, { id: b.id, member_count: 2 }]);

    const again = await post('/api/member-imports', admin.headers, { csv });
    expect(again.json()).toEqual({ created: 0, added: 0, unchanged: 4, errors: 1 });
    expect(await memberCount()).toEqual([{ id: a.id, member_count: 3 }, { id: b.id, member_count: 2 }]);
    expect(await count('SELECT count(*)::int AS n FROM notifications WHERE user_id = $1', [active.id])).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM users WHERE email LIKE $1', [`${tag}-%`])).toBe(3);
  });

  it('is for the national team and coordinators only, each within their communities', async () => {
    const { a, b, coordinator } = await setup();
    const member = await memberOf(app, a.id);
    const animator = await memberOf(app, a.id, 'animator');
    const csv = `${unique('x')}@exemple.fr;A;B;C\n`;
    for (const who of [member, animator]) {
      expect((await post('/api/member-imports/preview', who.headers, { csv, community: a.slug })).statusCode).toBe(403);
      expect((await app.inject({ method: 'GET', url: '/api/member-imports/communities', headers: who.headers })).statusCode).toBe(403);
    }
    const refused = await post('/api/member-imports', coordinator.headers, { csv, community: b.slug });
    expect(refused.statusCode).toBe(403);
    const targets = await app.inject({ method: 'GET', url: '/api/member-imports/communities', headers: coordinator.headers });
    expect(targets.json().items).toEqual([{ slug: a.slug, name: a.name }]);
    expect((await post('/api/member-imports/preview', {}, { csv })).statusCode).toBe(401);
  });

  it('refuses an oversized file with a French 413, and an empty one with a French 400', async () => {
    const { a, coordinator } = await setup();
    const big = `${'x@exemple.fr;Anne;Dupont;Mairie\n'.repeat(40_000)}`;
    const res = await post('/api/member-imports/preview', coordinator.headers, { csv: big, community: a.slug });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'MEMBER_CSV_TOO_LARGE', message: expect.stringContaining('dépasse 1 Mo') });
    const huge = await post('/api/member-imports/preview', coordinator.headers, { csv: 'x'.repeat(3 * 1024 * 1024), community: a.slug });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().message).toContain('trop volumineux');
    const empty = await post('/api/member-imports/preview', coordinator.headers, { csv: 'E-mail;Prénom;Nom\n;;\n', community: a.slug });
    expect(empty.json()).toMatchObject({ code: 'MEMBER_CSV_EMPTY' });
  });
});

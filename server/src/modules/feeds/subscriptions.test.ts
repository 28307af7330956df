import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { createCommunity, addMember } from '../../../test/community-factories.js';
import { parseAtom, parseIcs } from '../../../test/feed-parsers.js';
import { useTestApp } from '../../../test/helpers.js';
import { memberOf, signIn } from '../posts/posts.fixtures.js';
import { insertPost } from '../posts/service.js';
import { deleteAccount } from '../privacy/deletion.js';
import { addDays, utcToParis } from '../../../../common/time/index.js';

type Headers = Record<string, string>;

describe('feed subscriptions', async () => {
  const { app } = await useTestApp();
  const soon = (days: number) => addDays(utcToParis(new Date()).date, days);

  async function event(slug: string, headers: Headers, title: string, day: string, extra: Record<string, unknown> = {}) {
    const res = await app.inject({
      method: 'POST', url: `/api/communities/${slug}/events`, headers,
      payload: { title, body: 'Ordre du jour.', startDate: day, endDate: day, startTime: '14:00', endTime: '16:00', ...extra },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { postId: number; startsAt: string; endsAt: string };
  }

  async function newToken(headers: Headers) {
    const res = await app.inject({ method: 'POST', url: '/api/me/feed-token', headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { createdAt: string; agendaUrl: string; atomUrl: string };
  }

  const path = (url: string) => url.replace('http://localhost:3000', '');

  it('network agenda: every open community’s events, parsed by ical.js', async () => {
    const open = await createCommunity(app, { name: 'Eau, assainissement' });
    const animator = await memberOf(app, open.id, 'animator');
    const e = await event(open.slug, animator.headers, 'Réunion ; bilan, suite', soon(12), { place: 'Salle 3, mairie' });
    const allDay = await event(open.slug, animator.headers, 'Journée nationale', soon(20), { allDay: true, startTime: undefined, endTime: undefined });
    const old = await event(open.slug, animator.headers, 'Très ancien', '2025-01-10');
    const hidden = await event(open.slug, animator.headers, 'Masqué', soon(13));
    await app.pool.query(`UPDATE posts SET hidden_at = now(), hidden_reason = 'x' WHERE id = $1`, [hidden.postId]);
    const archived = await createCommunity(app, { status: 'archived' });
    const archivedAnimator = await memberOf(app, archived.id, 'animator');
    await app.pool.query(`UPDATE communities SET status = 'open' WHERE id = $1`, [archived.id]);
    const closedLater = await event(archived.slug, archivedAnimator.headers, 'Communauté archivée', soon(14));
    await app.pool.query(`UPDATE communities SET status = 'archived' WHERE id = $1`, [archived.id]);

    const res = await app.inject({ method: 'GET', url: '/api/agenda.ics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const cal = parseIcs(res.body);
    expect(cal.name).toBe('Agenda du réseau – e-communautés');
    const uids = cal.events.map((x) => x.uid);
    expect(uids).toContain(`${e.postId}@e-communautes`);
    expect(uids).not.toContain(`${old.postId}@e-communautes`);
    expect(uids).not.toContain(`${hidden.postId}@e-communautes`);
    expect(uids).not.toContain(`${closedLater.postId}@e-communautes`);
    const parsed = cal.events.find((x) => x.uid === `${e.postId}@e-communautes`)!;
    expect(parsed).toMatchObject({ summary: 'Réunion ; bilan, suite', location: 'Salle 3, mairie', allDay: false, url: `http://localhost:3000/publications/${e.postId}` });
    expect(parsed.start.toISOString()).toBe(e.startsAt);
    expect(parsed.end.toISOString()).toBe(e.endsAt);
    expect(parsed.description).toContain('Eau, assainissement');
    expect(parsed.description).toContain(`http://localhost:3000/publications/${e.postId}`);
    const day = cal.events.find((x) => x.uid === `${allDay.postId}@e-communautes`)!;
    expect(day).toMatchObject({ allDay: true, startDate: soon(20), endDate: soon(21) });
  });

  it('private addresses: made, shown once, served by token only, regenerated and revoked', async () => {
    const mine = await createCommunity(app, { name: 'Mes marchés publics' });
    const other = await createCommunity(app, { name: 'Une autre' });
    const draft = await createCommunity(app, { status: 'draft' });
    const animator = await memberOf(app, mine.id, 'animator');
    const otherAnimator = await memberOf(app, other.id, 'animator');
    const reader = await memberOf(app, mine.id, 'member', { firstName: 'Léa', lastName: 'Martin' });
    await addMember(app, draft.id, reader.user.id, 'coordinator');

    // Nothing yet; signed-out people have no addresses.
    expect((await app.inject({ method: 'GET', url: '/api/me/feed-token' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/me/feed-token' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/me/feed-token', headers: reader.headers })).json()).toEqual({ createdAt: null });

    const ev = await event(mine.slug, animator.headers, 'Atelier <achats> & "DCE"', soon(5));
    const elsewhere = await event(other.slug, otherAnimator.headers, 'Ailleurs', soon(5));
    // Events are written in open communities only: this one is put back to draft afterwards.
    await app.pool.query(`UPDATE communities SET status = 'open' WHERE id = $1`, [draft.id]);
    const draftEvent = await event(draft.slug, reader.headers, 'Brouillon', soon(6));
    await app.pool.query(`UPDATE communities SET status = 'draft' WHERE id = $1`, [draft.id]);
    const post = await insertPost(app.db, mine.id, animator.user.id, { title: 'Clauses <sociales> & "vertes"', body: 'Le **guide** est paru.' });
    await insertPost(app.db, other.id, otherAnimator.user.id, { title: 'Pas pour moi', body: 'x' });
    const hiddenPost = await insertPost(app.db, mine.id, animator.user.id, { title: 'Masquée', body: 'x' });
    await app.pool.query(`UPDATE posts SET hidden_at = now(), hidden_reason = 'x' WHERE id = $1`, [hiddenPost]);

    const first = await newToken(reader.headers);
    expect(first.agendaUrl).toMatch(/^http:\/\/localhost:3000\/api\/feeds\/[A-Za-z0-9_-]{43}\/agenda\.ics$/);
    expect(first.atomUrl).toMatch(/^http:\/\/localhost:3000\/api\/feeds\/[A-Za-z0-9_-]{43}\/feed\.atom$/);
    const state = (await app.inject({ method: 'GET', url: '/api/me/feed-token', headers: reader.headers })).json();
    expect(state.createdAt).toBe(first.createdAt);
    // Only a hash is stored: the address cannot be read back from the database.
    const secret = first.agendaUrl.split('/')[5]!;
    const { rows } = await app.pool.query(`SELECT count(*)::int AS n FROM users WHERE feed_token_hash = $1`, [secret]);
    expect(rows[0].n).toBe(0);

    // « Mon agenda »: my communities' events, no cookie needed.
    const ics = await app.inject({ method: 'GET', url: path(first.agendaUrl) });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['cache-control']).toBe('private, max-age=300');
    const cal = parseIcs(ics.body);
    expect(cal.name).toBe('Mon agenda – e-communautés');
    expect(cal.events.map((x) => x.uid)).toEqual([`${ev.postId}@e-communautes`]);
    expect(cal.events[0]).toMatchObject({ summary: 'Atelier <achats> & "DCE"' });
    expect(cal.events.map((x) => x.uid)).not.toContain(`${elsewhere.postId}@e-communautes`);
    expect(cal.events.map((x) => x.uid)).not.toContain(`${draftEvent.postId}@e-communautes`);

    // Atom of my communities, read by a feed parser.
    const atom = await app.inject({ method: 'GET', url: path(first.atomUrl) });
    expect(atom.statusCode).toBe(200);
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = parseAtom(atom.body);
    expect(feed.title).toBe('Mon fil — e-communautés');
    expect(feed.self).toBe(first.atomUrl);
    const titles = feed.items.map((i) => i.title);
    expect(titles).toContain('Clauses <sociales> & "vertes"');
    expect(titles).toContain('Atelier <achats> & "DCE"');
    expect(titles).not.toContain('Pas pour moi');
    expect(titles).not.toContain('Masquée');
    expect(titles).not.toContain('Brouillon');
    const item = feed.items.find((i) => i.title === 'Clauses <sociales> & "vertes"')!;
    expect(item.url).toBe(`http://localhost:3000/publications/${post}`);
    expect(item.content).toContain('<strong>guide</strong>');
    expect(item.authors.map((a) => a.name)).toEqual([`${animator.user.firstName} ${animator.user.lastName}`]);

    // Régénérer: the old addresses stop working at once, the feed keeps its identity.
    const second = await newToken(reader.headers);
    expect(second.agendaUrl).not.toBe(first.agendaUrl);
    const stale = await app.inject({ method: 'GET', url: path(first.agendaUrl) });
    expect(stale.statusCode).toBe(404);
    expect(stale.json().code).toBe('FEED_NOT_FOUND');
    expect((await app.inject({ method: 'GET', url: path(first.atomUrl) })).statusCode).toBe(404);
    const feedId = (xml: string) => new XMLParser().parse(xml).feed.id as string;
    const renewed = (await app.inject({ method: 'GET', url: path(second.atomUrl) })).body;
    expect(parseAtom(renewed).items).toHaveLength(feed.items.length);
    expect(feedId(renewed)).toBe(feedId(atom.body));
    expect(feedId(renewed)).not.toContain(second.atomUrl.split('/')[5]!);

    // A banned member's addresses stop working; so do revoked ones.
    await app.pool.query('UPDATE users SET banned_at = now() WHERE id = $1', [reader.user.id]);
    expect((await app.inject({ method: 'GET', url: path(second.agendaUrl) })).statusCode).toBe(404);
    await app.pool.query('UPDATE users SET banned_at = NULL WHERE id = $1', [reader.user.id]);
    expect((await app.inject({ method: 'GET', url: path(second.agendaUrl) })).statusCode).toBe(200);
    const revoked = await app.inject({ method: 'DELETE', url: '/api/me/feed-token', headers: reader.headers });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json()).toEqual({ createdAt: null });
    expect((await app.inject({ method: 'GET', url: path(second.agendaUrl) })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: path(second.atomUrl) })).statusCode).toBe(404);

    // A malformed token is refused by the schema.
    expect((await app.inject({ method: 'GET', url: '/api/feeds/abc/agenda.ics' })).statusCode).toBe(400);
  });

  it('a member of no community gets valid, empty feeds', async () => {
    const loner = await signIn(app);
    const urls = await newToken(loner.headers);
    expect(parseIcs((await app.inject({ method: 'GET', url: path(urls.agendaUrl) })).body).events).toEqual([]);
    expect(parseAtom((await app.inject({ method: 'GET', url: path(urls.atomUrl) })).body).items).toEqual([]);
  });

  it('deleting the account ends its addresses and erases the secret’s hash', async () => {
    const leaving = await signIn(app);
    const urls = await newToken(leaving.headers);
    await deleteAccount(app, leaving.user.id, false);
    expect((await app.inject({ method: 'GET', url: path(urls.agendaUrl) })).statusCode).toBe(404);
    const { rows } = await app.pool.query('SELECT feed_token_hash, feed_token_created_at FROM users WHERE id = $1', [leaving.user.id]);
    expect(rows[0]).toEqual({ feed_token_hash: null, feed_token_created_at: null });
  });
});

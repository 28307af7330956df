import { sql } from 'drizzle-orm';
import { LIMITS } from '../../../../common/limits.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { AppError } from '../../lib/errors.js';
import type { App, CurrentUser } from '../../types.js';
import { columnsOf, normaliseEmail, parseCsv, type Column } from './csv.js';
import { importableCommunities, type ImportTarget } from './policy.js';
import { queueWelcomeMails, startWelcomeCampaign } from './welcome.js';

/**
 * The CSV member list of the national team or a coordinator: read, checked line by line (preview), then applied
 * in one transaction (confirm). Both read the same file the same way; the confirm checks it again, so what was
 * previewed is what happens, and a file applied twice finds every line already done.
 */

export type LineStatus = 'new' | 'existing' | 'member' | 'error';

export interface PreviewLine {
  line: number;
  email: string;
  firstName: string;
  lastName: string;
  employer: string;
  community: { slug: string; name: string } | null;
  /** new: account pre-registered and welcomed; existing: account added to the community; member: nothing to do. */
  status: LineStatus;
  messages: string[];
}

interface Checked extends PreviewLine {
  communityId: number | null;
  userId: number | null;
  /** An imported account still waiting for its activation: it is welcomed, not notified. */
  awaiting: boolean;
}

// Deliberately loose: the mailbox proves the address; this only catches a name or a phone number in the column.
const EMAIL = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:]{2,}$/u;

function cellsOf(cells: string[], columns: (Column | null)[]): Record<Column, string> {
  const out: Record<Column, string> = { email: '', firstName: '', lastName: '', employer: '', community: '' };
  columns.forEach((c, i) => { if (c && !out[c]) out[c] = (cells[i] ?? '').normalize('NFC'); });
  return out;
}

function lines(csv: string) {
  if (Buffer.byteLength(csv, 'utf8') > LIMITS.memberCsvBytes) throw new AppError('MEMBER_CSV_TOO_LARGE');
  const parsed = parseCsv(csv);
  const { columns, hasTitles } = columnsOf(parsed[0]);
  const rows = hasTitles ? parsed.slice(1) : parsed;
  if (rows.length === 0) throw new AppError('MEMBER_CSV_EMPTY');
  if (rows.length > LIMITS.memberCsvRows) throw new AppError('MEMBER_CSV_TOO_MANY_LINES');
  return rows.map((r) => ({ line: r.line, ...cellsOf(r.cells, columns) }));
}

/** Checks every line against the file itself and the database: three queries whatever the number of lines. */
async function check(db: DbOrTx, user: CurrentUser, csv: string, defaultSlug: string | undefined): Promise<Checked[]> {
  const rows = lines(csv);
  const allowed = await importableCommunities(db, user);
  const bySlug = new Map(allowed.map((c) => [c.slug, c]));
  const fallback = defaultSlug ? bySlug.get(defaultSlug) : undefined;
  if (defaultSlug && !fallback) throw new AppError('FORBIDDEN', 'Vous ne pouvez pas importer de membres dans cette e-communauté.');
  const emails = [...new Set(rows.map((r) => normaliseEmail(r.email)).filter((e) => EMAIL.test(e)))];
  const { rows: found } = await db.execute<{ id: number; email: string; awaiting: boolean; banned: boolean }>(sql`
    SELECT id, lower(email) AS email, (imported_at IS NOT NULL AND email_verified_at IS NULL) AS awaiting, banned_at IS NOT NULL AS banned
      FROM users WHERE email = ANY(${sql.param(emails)}::citext[]) AND deleted_at IS NULL`);
  const accounts = new Map(found.map((u) => [u.email, { ...u, id: Number(u.id) }]));
  const { rows: memberOf } = await db.execute<{ user_id: number; community_id: number }>(sql`
    SELECT user_id, community_id FROM memberships
     WHERE user_id = ANY(${sql.param(found.map((u) => Number(u.id)))}::bigint[])
       AND community_id = ANY(${sql.param(allowed.map((c) => c.id))}::bigint[])`);
  const memberships = new Set(memberOf.map((m) => `${m.user_id}:${m.community_id}`));
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const messages: string[] = [];
    const email = normaliseEmail(r.email);
    if (!email) messages.push('Adresse électronique manquante.');
    else if (email.length > LIMITS.email || !EMAIL.test(email)) messages.push(`Adresse électronique invalide : « ${r.email} ».`);
    if (!r.firstName) messages.push('Prénom manquant.');
    if (!r.lastName) messages.push('Nom manquant.');
    if (r.firstName.length > LIMITS.personName || r.lastName.length > LIMITS.personName) messages.push(`Prénom ou nom trop long (${LIMITS.personName} caractères au plus).`);
    if (r.employer.length > LIMITS.employer) messages.push(`Employeur trop long (${LIMITS.employer} caractères au plus).`);
    let community: ImportTarget | undefined = fallback;
    if (r.community) {
      community = bySlug.get(r.community.toLowerCase());
      if (!community) messages.push(`E-communauté inconnue ou hors de votre coordination : « ${r.community} ».`);
    } else if (!fallback) messages.push('E-communauté manquante : choisissez-en une pour le fichier ou ajoutez une colonne « communauté ».');
    const key = `${email}|${community?.id ?? ''}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) messages.push(`Doublon de la ligne ${earlier} (même adresse, à la casse et aux accents près).`);
    else if (email) seen.set(key, r.line);
    const account = accounts.get(email);
    if (account?.banned) messages.push('Ce compte est exclu du réseau.');
    let status: LineStatus = 'error';
    if (messages.length === 0) {
      if (!account) status = 'new';
      else if (memberships.has(`${account.id}:${community!.id}`)) {
        status = 'member';
        messages.push(`Déjà membre de « ${community!.name} » : rien à faire.`);
      } else status = 'existing';
    }
    return {
      line: r.line, email, firstName: r.firstName, lastName: r.lastName, employer: r.employer,
      community: community ? { slug: community.slug, name: community.name } : null, status, messages,
      communityId: community?.id ?? null, userId: account?.id ?? null, awaiting: account?.awaiting ?? false,
    };
  });
}

export interface PreviewResult {
  lines: PreviewLine[];
  counts: Record<LineStatus, number>;
}

function summary(checked: Checked[]): PreviewResult {
  const counts: Record<LineStatus, number> = { new: 0, existing: 0, member: 0, error: 0 };
  for (const c of checked) counts[c.status] += 1;
  return {
    lines: checked.map(({ communityId: _c, userId: _u, awaiting: _a, ...line }) => line),
    counts,
  };
}

export async function previewCsv(app: App, user: CurrentUser, csv: string, defaultSlug: string | undefined): Promise<PreviewResult> {
  return summary(await check(app.db, user, csv, defaultSlug));
}

/** New accounts, pre-registered: no usable password (activation link or ProConnect), no CGU accepted yet. */
async function createAccounts(tx: Tx, lines: Checked[]): Promise<Map<string, number>> {
  const fresh = new Map<string, Checked>();
  for (const l of lines) if (l.status === 'new' && !fresh.has(l.email)) fresh.set(l.email, l);
  const list = [...fresh.values()];
  const { rows } = await tx.execute<{ id: number; email: string }>(sql`
    INSERT INTO users (email, password_hash, first_name, last_name, employer, imported_at)
    SELECT e, ${UNUSABLE_PASSWORD_HASH}, f, l, w, now()
      FROM unnest(${sql.param(list.map((l) => l.email))}::text[], ${sql.param(list.map((l) => l.firstName))}::text[],
                  ${sql.param(list.map((l) => l.lastName))}::text[], ${sql.param(list.map((l) => l.employer))}::text[]) AS t(e, f, l, w)
    ON CONFLICT (email) DO NOTHING
    RETURNING id, lower(email) AS email`);
  return new Map(rows.map((r) => [r.email, Number(r.id)]));
}

/**
 * Not a hash any password verifies against (argon2 hashes start with « $argon2 »): an imported account has no
 * password until its member chooses one. accounts/service.ts treats it as no password at all.
 */
export const UNUSABLE_PASSWORD_HASH = '!imported';

export interface ImportResult {
  created: number;
  added: number;
  unchanged: number;
  errors: number;
}

export async function applyCsv(app: App, user: CurrentUser, csv: string, defaultSlug: string | undefined): Promise<ImportResult> {
  const result = await app.db.transaction(async (tx) => {
    // Two confirmations of the same list at once would both see "new": one waits for the other, then finds it done.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('member-csv-import'))`);
    const checked = await check(tx, user, csv, defaultSlug);
    const created = await createAccounts(tx, checked);
    const todo = checked.filter((l) => l.status === 'new' || l.status === 'existing')
      .map((l) => ({ ...l, userId: l.userId ?? created.get(l.email) ?? null }))
      .filter((l): l is Checked & { userId: number } => l.userId !== null && l.communityId !== null);
    const { rows: joined } = await tx.execute<{ user_id: number; community_id: number }>(sql`
      WITH ins AS (
        INSERT INTO memberships (community_id, user_id, role)
        SELECT c, u, 'member' FROM unnest(${sql.param(todo.map((l) => l.communityId))}::bigint[], ${sql.param(todo.map((l) => l.userId))}::bigint[]) AS t(c, u)
        ON CONFLICT (community_id, user_id) DO NOTHING RETURNING community_id, user_id),
      counted AS (
        UPDATE communities c SET member_count = c.member_count + n.n
          FROM (SELECT community_id, count(*)::int AS n FROM ins GROUP BY community_id) n WHERE c.id = n.community_id)
      SELECT user_id, community_id FROM ins`);
    // Accounts already in use learn of their new community in the app; imported ones get the welcome mail.
    const activeIds = new Set(todo.filter((l) => l.status === 'existing' && !l.awaiting).map((l) => l.userId));
    const notify = joined.filter((j) => activeIds.has(Number(j.user_id)));
    await tx.execute(sql`
      WITH ins AS (
        INSERT INTO notifications (user_id, kind, actor_id, community_id, data)
        SELECT u, 'added_to_community', ${user.id}, c, '{}'::jsonb
          FROM unnest(${sql.param(notify.map((j) => j.user_id))}::bigint[], ${sql.param(notify.map((j) => j.community_id))}::bigint[]) AS t(u, c)
        RETURNING user_id)
      SELECT pg_notify('notifications', user_id::text) FROM ins`);
    await queueWelcomeMails(tx, todo.filter((l) => l.status === 'new' || l.awaiting).map((l) => l.userId));
    const errors = checked.filter((l) => l.status === 'error').length;
    return { created: created.size, added: joined.length, unchanged: checked.length - errors - joined.length, errors };
  });
  if (result.created > 0) await startWelcomeCampaign(app);
  return result;
}

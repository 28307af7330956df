import { sql } from 'drizzle-orm';
import { CNFPT_LINK_SOURCE, type CnfptResourceType } from '../../../../common/cnfpt.js';
import { LIMITS } from '../../../../common/limits.js';
import type { Db, DbOrTx } from '../../db/client.js';
import { AppError, isUniqueViolation } from '../../lib/errors.js';
import type { CurrentUser } from '../../types.js';
import { isCommunityStaff, type CommunityRole } from '../communities/policy.js';
import { canView } from './policy.js';
import { findPost } from './queries.js';
import { insertPost, type PostKind } from './service.js';
import { postGuard } from '../trust/service.js';
import type { RateHit } from '../../lib/rate-limit.js';

/**
 * What each kind of post carries besides a title and a body, and who may publish it.
 * The columns live on posts (they are few and narrow); kinds with a table of their own
 * (questions, events, polls) are written by their modules.
 */

export const ARTICLE_TYPES = ['expertise', 'analyse_reglementaire', 'contextualisation_veille', 'retour_experience', 'autre'] as const;
export type ArticleType = (typeof ARTICLE_TYPES)[number];

/** Kinds anyone who may post can pick; the others are editorial work of the animation team. */
const OPEN_KINDS: readonly PostKind[] = ['discussion', 'question'];
/** Created by their own modules (agenda, polls), with their own data. */
const OWN_FORM_KINDS: readonly PostKind[] = ['evenement', 'sondage'];

export interface KindFields {
  articleType: ArticleType | null;
  linkUrl: string | null;
  linkTitle: string | null;
  linkDescription: string | null;
  linkSource: string | null;
  /** A « ressource CNFPT »: what the catalogue entry is. */
  cnfptType: CnfptResourceType | null;
  sharedPostId: number | null;
  rubriqueId: number | null;
  tags: string[];
}

export const NO_KIND_FIELDS: KindFields = {
  articleType: null, linkUrl: null, linkTitle: null, linkDescription: null, linkSource: null, cnfptType: null,
  sharedPostId: null, rubriqueId: null, tags: [],
};

export interface KindInput {
  kind?: PostKind;
  title?: string;
  articleType?: ArticleType;
  link?: { url: string; title?: string; description?: string; source?: string };
  cnfptType?: CnfptResourceType;
  sharedPostId?: number;
  rubriqueId?: number | null;
  tags?: string[];
}

function invalid(field: string, message: string): never {
  throw new AppError('VALIDATION_FAILED', undefined, { [field]: message });
}

/** Lowercase, trimmed, inner spaces collapsed, "#" dropped, duplicates removed. */
export function normaliseTags(raw: string[] | undefined): string[] {
  const tags: string[] = [];
  for (const value of raw ?? []) {
    const tag = value.normalize('NFC').trim().replace(/^#+/, '').replace(/\s+/g, ' ').toLowerCase();
    if (tag === '') continue;
    if ([...tag].length > LIMITS.tagLength) invalid('tags', `Chaque mot-clé compte au plus ${LIMITS.tagLength} caractères (« ${tag.slice(0, 20)}… »).`);
    if (!tags.includes(tag)) tags.push(tag);
  }
  if (tags.length > LIMITS.tagsPerPost) invalid('tags', `Au plus ${LIMITS.tagsPerPost} mots-clés par publication.`);
  return tags;
}

/** An absolute http(s) URL, or LINK_INVALID_URL. */
export function parseHttpUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new AppError('LINK_INVALID_URL', undefined, { 'link.url': 'Adresse invalide.' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('LINK_INVALID_URL', undefined, { 'link.url': 'Seuls les liens http:// et https:// sont acceptés.' });
  }
  if (url.username || url.password) throw new AppError('LINK_INVALID_URL', undefined, { 'link.url': 'Un lien ne contient pas d’identifiants.' });
  return url;
}

function blankToNull(value: string | undefined): string | null {
  const v = value?.trim();
  return v ? v : null;
}

export interface SharedOriginal {
  id: number;
  title: string;
}

/** The post to share, answered "not found" alike when missing, deleted or not readable by the user. */
async function loadShareable(tx: DbOrTx, id: number, user: CurrentUser, communityId: number): Promise<SharedOriginal> {
  let row = await findPost(tx, id, user);
  // Sharing a share passes the original on, so the chain never grows.
  if (row && row.kind === 'partage' && row.shared_post_id) row = await findPost(tx, row.shared_post_id, user);
  if (!row || !canView(user, { status: row.community_status, role: row.my_role })) throw new AppError('SHARED_POST_NOT_FOUND');
  if (row.community_id === communityId) throw new AppError('SHARE_SAME_COMMUNITY');
  return { id: row.id, title: row.title };
}

async function assertRubrique(tx: DbOrTx, rubriqueId: number, communityId: number): Promise<void> {
  const { rows } = await tx.execute(sql`SELECT 1 FROM rubriques WHERE id = ${rubriqueId} AND community_id = ${communityId}`);
  if (rows.length === 0) throw new AppError('RUBRIQUE_NOT_FOUND');
}

/**
 * Checks a new post's kind-specific input and returns its columns and final title.
 * Fields that do not belong to the kind are refused rather than silently dropped.
 */
export async function resolveKindInput(
  tx: DbOrTx,
  user: CurrentUser,
  role: CommunityRole | null,
  communityId: number,
  input: KindInput,
): Promise<{ kind: PostKind; title: string; fields: KindFields }> {
  const kind = input.kind ?? 'discussion';
  if (OWN_FORM_KINDS.includes(kind)) throw new AppError('KIND_HAS_OWN_FORM');
  if (!OPEN_KINDS.includes(kind) && !isCommunityStaff(user, role)) throw new AppError('KIND_RESERVED_TO_STAFF');
  if (input.articleType !== undefined && kind !== 'article') invalid('articleType', 'Le type ne concerne que les articles.');
  if (input.link !== undefined && kind !== 'veille' && kind !== 'ressource') invalid('link', 'Un lien accompagne une veille ou une ressource.');
  if (input.cnfptType !== undefined && kind !== 'ressource') invalid('cnfptType', 'Seule une ressource peut être une ressource CNFPT.');
  if (input.sharedPostId !== undefined && kind !== 'partage') invalid('sharedPostId', 'Seul un partage reprend une autre publication.');

  const fields: KindFields = { ...NO_KIND_FIELDS, tags: normaliseTags(input.tags) };
  let title = input.title?.trim() ?? '';
  if (kind === 'article') {
    if (!input.articleType) invalid('articleType', 'Choisissez le type d’article.');
    fields.articleType = input.articleType;
  }
  if (kind === 'veille' || kind === 'ressource') {
    if (!input.link?.url?.trim()) invalid('link.url', 'Indiquez le lien.');
    fields.linkUrl = parseHttpUrl(input.link.url).href;
    fields.linkTitle = blankToNull(input.link.title);
    fields.linkDescription = blankToNull(input.link.description);
    fields.linkSource = blankToNull(input.link.source);
    if (!title && fields.linkTitle) title = fields.linkTitle;
  }
  if (input.cnfptType !== undefined) {
    // The link is the catalogue entry: the card names the CNFPT as its source whatever was typed.
    fields.cnfptType = input.cnfptType;
    fields.linkSource = CNFPT_LINK_SOURCE;
  }
  if (kind === 'partage') {
    if (input.sharedPostId === undefined) invalid('sharedPostId', 'Choisissez la publication à partager.');
    const original = await loadShareable(tx, input.sharedPostId, user, communityId);
    fields.sharedPostId = original.id;
    if (!title) title = original.title.slice(0, LIMITS.postTitle);
  }
  if (input.rubriqueId != null) {
    await assertRubrique(tx, input.rubriqueId, communityId);
    fields.rubriqueId = input.rubriqueId;
  }
  if (!title) invalid('title', 'Ce champ est obligatoire.');
  return { kind, title, fields };
}

/**
 * Publishes a post of any kind the generic route handles, in one transaction, which also counts the author's post
 * budget (`rate`): a post refused for another reason does not use it up.
 */
export async function publishPost(
  db: Db,
  user: CurrentUser,
  role: CommunityRole | null,
  communityId: number,
  input: KindInput & { body: string; draftPlace?: string },
  rate: RateHit,
): Promise<number> {
  try {
    return await db.transaction(async (tx) => {
      const { kind, title, fields } = await resolveKindInput(tx, user, role, communityId, input);
      const guard = postGuard(rate, { kind: 'post', authorId: user.id, communityId, postKind: kind, title, body: input.body });
      return insertPost(tx, communityId, user.id, { kind, title, body: input.body, fields, draftPlace: input.draftPlace }, guard);
    });
  } catch (err) {
    if (isUniqueViolation(err, 'posts_shared_once_key')) throw new AppError('ALREADY_SHARED');
    throw err;
  }
}

/**
 * Checks a new classification (tags, rubrique) of an existing post; returns the SQL-ready values.
 * Called before any write, so a refusal leaves the post untouched.
 */
export async function checkClassification(
  db: DbOrTx,
  communityId: number,
  input: { tags?: string[]; rubriqueId?: number | null },
): Promise<{ tags?: string[]; rubriqueId?: number | null }> {
  const out: { tags?: string[]; rubriqueId?: number | null } = {};
  if (input.tags !== undefined) out.tags = normaliseTags(input.tags);
  if (input.rubriqueId !== undefined) {
    if (input.rubriqueId !== null) await assertRubrique(db, input.rubriqueId, communityId);
    out.rubriqueId = input.rubriqueId;
  }
  return out;
}

export async function saveClassification(db: DbOrTx, postId: number, change: { tags?: string[]; rubriqueId?: number | null }): Promise<void> {
  if (change.tags === undefined && change.rubriqueId === undefined) return;
  const tags = change.tags === undefined ? sql`tags` : sql`ARRAY[${sql.join(change.tags.map((t) => sql`${t}`), sql`, `)}]::text[]`;
  const rubrique = change.rubriqueId === undefined ? sql`rubrique_id` : sql`${change.rubriqueId}`;
  await db.execute(sql`UPDATE posts SET tags = ${tags}, rubrique_id = ${rubrique} WHERE id = ${postId} AND deleted_at IS NULL`);
}

import { toIso } from '../../lib/cursor.js';
import { excerpt } from '../../lib/markdown.js';
import type { CurrentUser } from '../../types.js';
import { dossierAbilities } from './policy.js';
import type { CandidateRow, DossierRow, DossierSummaryRow, ItemRow } from './queries.js';
import type { DossierOut } from '../../../../common/api/dossiers.js';

function coverOf(row: DossierSummaryRow) {
  return row.cover_url && row.cover_alt ? { url: row.cover_url, alt: row.cover_alt } : null;
}

export function presentDossierSummary(row: DossierSummaryRow) {
  return {
    id: row.id,
    title: row.title,
    excerpt: excerpt(row.intro_md, 240),
    cover: coverOf(row),
    itemCount: row.item_count,
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
  };
}

export function presentDossier(row: DossierRow, items: ItemRow[], user: CurrentUser | null): DossierOut {
  return {
    id: row.id,
    community: { id: row.community_id, slug: row.community_slug, name: row.community_name },
    title: row.title,
    introMd: row.intro_md,
    introHtml: row.intro_html,
    cover: coverOf(row),
    createdBy: { id: row.creator_id, firstName: row.creator_first_name, lastName: row.creator_last_name },
    createdAt: toIso(row.created_at),
    updatedAt: toIso(row.updated_at),
    items: items.map((i) => ({
      position: i.position,
      note: i.note,
      post: {
        id: i.post_id, kind: i.kind, title: i.title, excerpt: i.excerpt, createdAt: toIso(i.created_at),
        author: { id: i.author_id, firstName: i.author_first_name, lastName: i.author_last_name },
      },
    })),
    can: dossierAbilities(user, { status: row.community_status }, row.my_role),
  };
}

export function presentCandidate(row: CandidateRow) {
  return { id: row.id, title: row.title, kind: row.kind, createdAt: toIso(row.created_at) };
}

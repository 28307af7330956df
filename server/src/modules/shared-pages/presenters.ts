import { toIso } from '../../lib/cursor.js';
import { excerpt } from '../../lib/markdown.js';
import type { CurrentUser } from '../../types.js';
import { pageAbilities } from './policy.js';
import type { PageRow, PageSummaryRow, RevisionRow } from './queries.js';
import type { WikiPageOut } from '../../../../common/api/shared-pages.js';

export function presentPageSummary(row: PageSummaryRow) {
  return {
    id: row.id,
    title: row.title,
    excerpt: excerpt(row.excerpt_md, 240),
    revision: row.revision,
    locked: row.locked,
    updatedBy: { id: row.updater_id, firstName: row.updater_first_name, lastName: row.updater_last_name },
    updatedAt: toIso(row.updated_at),
  };
}

export function presentPage(row: PageRow, user: CurrentUser | null): WikiPageOut {
  const locked = row.locked_at !== null;
  return {
    id: row.id,
    community: { id: row.community_id, slug: row.community_slug, name: row.community_name },
    title: row.title,
    bodyMd: row.body_md,
    bodyHtml: row.body_html,
    revision: row.revision,
    locked: locked
      ? { at: toIso(row.locked_at!), by: row.locker_id ? { id: row.locker_id, firstName: row.locker_first_name!, lastName: row.locker_last_name! } : null }
      : null,
    // Someone else with the editor open (one's own editing is no news).
    editing: row.editor_id !== null && row.editor_id !== user?.id && row.editing_until
      ? { by: { id: row.editor_id, firstName: row.editor_first_name!, lastName: row.editor_last_name! }, until: toIso(row.editing_until) }
      : null,
    createdBy: { id: row.creator_id, firstName: row.creator_first_name, lastName: row.creator_last_name },
    createdAt: toIso(row.created_at),
    updatedBy: { id: row.updater_id, firstName: row.updater_first_name, lastName: row.updater_last_name },
    updatedAt: toIso(row.updated_at),
    can: pageAbilities(user, { status: row.community_status, role: row.my_role }, locked),
  };
}

export function presentRevision(row: RevisionRow) {
  return {
    number: row.number,
    title: row.title,
    summary: row.summary,
    restoredFrom: row.restored_from,
    author: { id: row.author_id, firstName: row.author_first_name, lastName: row.author_last_name },
    createdAt: toIso(row.created_at),
  };
}

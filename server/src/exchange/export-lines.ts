/** Rows of export-queries.ts as lines of the format (format.ts): optional fields left out when empty. */
import type { Kind } from './format.js';

type Row = Record<string, any>;

/** Drops undefined, null and empty-string values so the line says only what the entity has. */
function compact<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T;
}

const md = (content: string) => ({ format: 'markdown' as const, content });

export function line(kind: Kind, r: Row): Record<string, unknown> {
  switch (kind) {
    case 'member': return compact({
      id: r.id, email: r.email, firstName: r.first_name, lastName: r.last_name, employer: r.employer, job: r.job, territory: r.departement, bio: r.bio,
      visibility: r.listed === null ? undefined : {
        listed: r.listed, showEmployer: r.show_employer, showJob: r.show_job, showTerritory: r.show_territory, showEmail: r.show_email,
      },
      createdAt: r.created_at, oldUrl: r.old_url,
    });
    case 'community': return compact({
      id: r.id, slug: r.slug, name: r.name, description: r.description, perimeter: r.perimeter, targetAudience: r.target_audience,
      editorialLine: r.editorial_line, status: r.status, launchDate: r.launch_date, related: r.related.length ? r.related : undefined,
      createdAt: r.created_at, oldUrl: r.old_url,
    });
    case 'membership': return { community: r.community, member: r.member, role: r.role, joinedAt: r.joined_at };
    case 'post': return compact({
      id: r.id, community: r.community, author: r.author, kind: r.kind, title: r.title, body: md(r.body_md), createdAt: r.created_at,
      editedAt: r.edited_at, deletedAt: r.deleted_at, tags: r.tags.length ? r.tags : undefined, articleType: r.article_type, cnfptType: r.cnfpt_type,
      link: r.link_url ? compact({ url: r.link_url, title: r.link_title, description: r.link_description, source: r.link_source }) : undefined,
      sharedPost: r.shared_post,
      event: r.starts_at ? compact({
        startsAt: r.starts_at, endsAt: r.ends_at, allDay: r.all_day, place: r.place, onlineUrl: r.online_url,
        registrationUrl: r.registration_url, organiser: r.organiser,
      }) : undefined,
      poll: r.options ? {
        multiple: r.multiple, allowFreeText: r.allow_free_text, closesAt: r.closes_at, resultsVisibility: r.results_visibility,
        options: r.options.map((o: Row) => ({ label: o.label, votes: Number(o.votes) })),
        votes: r.votes.map((v: Row) => compact({ member: v.member, choices: v.choices, freeText: v.freeText, at: v.at })),
      } : undefined,
      oldUrl: r.old_url,
    });
    case 'comment': return compact({
      id: r.id, post: r.post, author: r.author, replyTo: r.reply_to, body: md(r.body_md), createdAt: r.created_at, editedAt: r.edited_at,
      deletedAt: r.deleted_at, solution: r.solution || undefined, oldUrl: r.old_url,
    });
    case 'reaction': return { post: r.post, member: r.member, createdAt: r.created_at };
    case 'dossier': return compact({
      id: r.id, community: r.community, title: r.title, intro: r.intro_md ? md(r.intro_md) : undefined, createdBy: r.created_by,
      createdAt: r.created_at, items: r.items.map((i: Row) => compact({ post: i.post, note: i.note })), oldUrl: r.old_url,
    });
    // alt stays even when empty: a document may have none, and the field is required.
    case 'attachment': return {
      ...compact({ id: r.id, post: r.post, uploader: r.uploader, sha256: r.sha256, mime: r.mime, size: r.size, name: r.original_name }),
      alt: r.alt, ...compact({ format: r.format, longDescription: r.long_desc_md, createdAt: r.created_at }),
    };
  }
}

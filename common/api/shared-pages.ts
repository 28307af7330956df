import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';
import { CommunityRef, CursorQuery, Id, Page, UserRef } from './shared.js';

/** Route schemas of co-written pages: the server validates with them, the web client reads their types. */

const Num = Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 });
const DateTime = Type.String({ format: 'date-time' });

export const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: LIMITS.communitySlug }) });
export const RevisionParams = Type.Object({ id: Id, number: Num });
export const DossierPageParams = Type.Object({ id: Id, pageId: Id });

const Title = Type.String({ minLength: 1, maxLength: LIMITS.wikiTitle, pattern: '\\S' });
const Body = Type.String({ maxLength: LIMITS.wikiBody });
const Summary = Type.String({ maxLength: LIMITS.wikiSummary });

export const CreatePageBody = Type.Object({ title: Title, body: Body, summary: Type.Optional(Summary) }, { additionalProperties: false });
/** `baseRevision`: the revision the writer started from; another one saved meanwhile is a conflict. */
export const SavePageBody = Type.Object(
  { title: Title, body: Body, summary: Type.Optional(Summary), baseRevision: Num },
  { additionalProperties: false },
);
export const RestoreBody = Type.Object({ revision: Num, baseRevision: Num }, { additionalProperties: false });
export const DiffQuery = Type.Object({
  from: Num,
  to: Num,
  mode: Type.Optional(Type.Union([Type.Literal('lines'), Type.Literal('words')])),
});
export const AddDossierPageBody = Type.Object({ pageId: Id }, { additionalProperties: false });
export const PageSearchQuery = Type.Object({
  ...CursorQuery.properties,
  q: Type.String({ maxLength: 200 }),
  community: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.communitySlug })),
});

export const PageSummary = Type.Object({
  id: Id,
  title: Type.String(),
  excerpt: Type.String(),
  revision: Type.Integer(),
  locked: Type.Boolean(),
  updatedBy: UserRef,
  updatedAt: DateTime,
});

export const WikiPage = Type.Object({
  id: Id,
  community: CommunityRef,
  title: Type.String(),
  bodyMd: Type.String(),
  bodyHtml: Type.String(),
  revision: Type.Integer(),
  locked: Type.Union([Type.Object({ at: DateTime, by: Type.Union([UserRef, Type.Null()]) }), Type.Null()]),
  /** Another person has the editor open (until: when that claim lapses unless renewed). */
  editing: Type.Union([Type.Object({ by: UserRef, until: DateTime }), Type.Null()]),
  createdBy: UserRef,
  createdAt: DateTime,
  updatedBy: UserRef,
  updatedAt: DateTime,
  can: Type.Object({ edit: Type.Boolean(), lock: Type.Boolean(), restore: Type.Boolean() }),
});

export const RevisionSummary = Type.Object({
  number: Type.Integer(),
  title: Type.String(),
  summary: Type.String(),
  restoredFrom: Type.Union([Type.Integer(), Type.Null()]),
  author: UserRef,
  createdAt: DateTime,
});

export const Revision = Type.Object({
  ...RevisionSummary.properties,
  bodyMd: Type.String(),
  bodyHtml: Type.String(),
});

export const DiffPart = Type.Object({
  op: Type.Union([Type.Literal('equal'), Type.Literal('insert'), Type.Literal('delete')]),
  text: Type.String(),
});

export const PageDiff = Type.Object({
  from: RevisionSummary,
  to: RevisionSummary,
  title: Type.Array(DiffPart),
  body: Type.Array(DiffPart),
  /** False when the texts were too far apart to compare in time: the body shows old then new. */
  exact: Type.Boolean(),
});

export const PageSearchHit = Type.Object({
  id: Id,
  community: CommunityRef,
  /** HTML: matched words in <mark>, everything else escaped. */
  titleHtml: Type.String(),
  excerptHtml: Type.String(),
  updatedAt: DateTime,
});

export const DossierPage = Type.Object({ position: Type.Integer(), page: PageSummary });
export const DossierPages = Type.Object({ items: Type.Array(DossierPage) });

export const PageSummaryPage = Page(PageSummary);
export const RevisionSummaryPage = Page(RevisionSummary);
export const PageSearchHitPage = Page(PageSearchHit);

export type WikiPageOut = Static<typeof WikiPage>;
export type DiffPartOut = Static<typeof DiffPart>;

/** The client's names for what it sends and reads. */
export type SharedPage = WikiPageOut;
export type SharedPageSummary = Static<typeof PageSummary>;
export type RevisionSummary = Static<typeof RevisionSummary>;
export type DiffPart = DiffPartOut;
export type DiffMode = NonNullable<Static<typeof DiffQuery>['mode']>;
export type PageDiff = Static<typeof PageDiff>;
export type PageSearchHit = Static<typeof PageSearchHit>;
export type DossierPageItem = Static<typeof DossierPage>;
export type DossierPages = Static<typeof DossierPages>;
export type PageSummaryPage = Static<typeof PageSummaryPage>;
export type RevisionSummaryPage = Static<typeof RevisionSummaryPage>;
export type PageSearchHitPage = Static<typeof PageSearchHitPage>;
export type NewPage = Static<typeof CreatePageBody>;
export type PageEdit = Static<typeof SavePageBody>;
export type PageRestore = Static<typeof RestoreBody>;

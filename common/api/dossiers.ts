import { Type, type Static } from 'typebox';
import { LIMITS } from '../limits.js';
import { Id, Page } from './shared.js';

/**
 * Route schemas of the dossiers module: the only definition of its request and response shapes. The server
 * validates with them, the web client reads their types.
 */

const DateTime = Type.String({ format: 'date-time' });
const UserRef = Type.Object({ id: Id, firstName: Type.String(), lastName: Type.String() });

export const SlugParam = Type.Object({ slug: Type.String({ minLength: 1, maxLength: LIMITS.communitySlug }) });
export const ItemParams = Type.Object({ id: Id, postId: Id });

const Title = Type.String({ minLength: 1, maxLength: LIMITS.dossierTitle, pattern: '\\S' });
const Intro = Type.String({ maxLength: LIMITS.dossierIntro });
// Only https images: a plain-http cover would be blocked as mixed content, or leak the reader to a network observer.
const CoverUrl = Type.Union([Type.String({ maxLength: LIMITS.coverUrl, pattern: '^https://[^\\s]+$' }), Type.Null()]);
const CoverAlt = Type.Union([Type.String({ maxLength: LIMITS.coverAlt }), Type.Null()]);

export const CreateDossierBody = Type.Object(
  { title: Title, intro: Type.Optional(Intro), coverUrl: Type.Optional(CoverUrl), coverAlt: Type.Optional(CoverAlt) },
  { additionalProperties: false },
);
export const EditDossierBody = Type.Object(
  { title: Type.Optional(Title), intro: Type.Optional(Intro), coverUrl: Type.Optional(CoverUrl), coverAlt: Type.Optional(CoverAlt) },
  { additionalProperties: false },
);
export const AddItemBody = Type.Object(
  { postId: Id, note: Type.Optional(Type.String({ maxLength: LIMITS.dossierNote })) },
  { additionalProperties: false },
);
export const OrderBody = Type.Object(
  { postIds: Type.Array(Id, { maxItems: LIMITS.dossierItemsMax, uniqueItems: true }) },
  { additionalProperties: false },
);
export const CandidatesQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: LIMITS.postTitle })) });

const Cover = Type.Union([Type.Object({ url: Type.String(), alt: Type.String() }), Type.Null()]);

export const DossierSummary = Type.Object({
  id: Id,
  title: Type.String(),
  excerpt: Type.String(),
  cover: Cover,
  itemCount: Type.Integer(),
  createdAt: DateTime,
  updatedAt: DateTime,
});

export const DossierItem = Type.Object({
  position: Type.Integer(),
  note: Type.String(),
  post: Type.Object({ id: Id, kind: Type.String(), title: Type.String(), excerpt: Type.String(), author: UserRef, createdAt: DateTime }),
});

export const Dossier = Type.Object({
  id: Id,
  community: Type.Object({ id: Id, slug: Type.String(), name: Type.String() }),
  title: Type.String(),
  introMd: Type.String(),
  introHtml: Type.String(),
  cover: Cover,
  createdBy: UserRef,
  createdAt: DateTime,
  updatedAt: DateTime,
  items: Type.Array(DossierItem),
  can: Type.Object({ edit: Type.Boolean(), delete: Type.Boolean() }),
});

export const Candidate = Type.Object({ id: Id, title: Type.String(), kind: Type.String(), createdAt: DateTime });

export const DossierSummaryPage = Page(DossierSummary);
/** GET /communities/:slug/dossier-candidates: the community's posts a dossier may gather. */
export const CandidateList = Type.Object({ items: Type.Array(Candidate) });

export type DossierOut = Static<typeof Dossier>;

/** The client's names for what it sends and reads. */
export type Dossier = DossierOut;
export type DossierItem = Static<typeof DossierItem>;
export type DossierSummary = Static<typeof DossierSummary>;
export type DossierSummaryPage = Static<typeof DossierSummaryPage>;
export type CandidateList = Static<typeof CandidateList>;
export type NewDossier = Static<typeof CreateDossierBody>;
export type DossierInput = Static<typeof EditDossierBody>;

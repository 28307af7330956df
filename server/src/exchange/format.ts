/**
 * The exchange format (docs/exchange-format.md): one TypeBox schema per JSON Lines file. These schemas are the
 * only definition: the importer validates every line with them and docs/exchange-format/*.schema.json are
 * generated from them (exchange.test.ts fails when the published copies are stale).
 */
import { Type, type Static, type TSchema } from 'typebox';
import { LIMITS } from '../../../common/limits.js';

/** The version this release reads and writes. A bundle of another version is refused as a whole. */
export const FORMAT_VERSION = 1;
export const FORMAT_NAME = 'e-communautes-echange';

const Id = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\s]+$', description: 'Identifiant sur la plateforme source' });
const Instant = Type.String({ format: 'date-time', maxLength: 40, description: 'Date et heure ISO 8601 avec fuseau' });
const Url = Type.String({ maxLength: 2000, pattern: '^https?://[^\\s]+$' });
const OldUrl = Type.Optional(Type.String({ maxLength: 2000, pattern: '^https?://[^\\s]+$', description: 'Adresse de l’entité sur l’ancienne plateforme' }));
const Text = (max: number) => Type.String({ maxLength: max });
const Body = Type.Object({
  format: Type.Union([Type.Literal('markdown'), Type.Literal('html')]),
  content: Type.String({ maxLength: LIMITS.postBody * 4 }),
}, { additionalProperties: false, description: 'Contenu ; le HTML est converti en Markdown puis nettoyé comme un contenu écrit ici' });
const strict = { additionalProperties: false } as const;

export const Member = Type.Object({
  id: Id,
  // Not format "email" (ASCII only): addresses of old platforms may carry accents; stored in Unicode NFKC form.
  email: Type.String({ maxLength: LIMITS.email, pattern: '^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$' }),
  firstName: Type.String({ minLength: 1, maxLength: 100 }),
  lastName: Type.String({ minLength: 1, maxLength: 100 }),
  employer: Type.Optional(Text(200)),
  job: Type.Optional(Text(200)),
  territory: Type.Optional(Text(100)),
  bio: Type.Optional(Text(2000)),
  visibility: Type.Optional(Type.Object({
    listed: Type.Boolean(), showEmployer: Type.Boolean(), showJob: Type.Boolean(), showTerritory: Type.Boolean(), showEmail: Type.Boolean(),
  }, strict)),
  createdAt: Instant,
  lastSeenAt: Type.Optional(Instant),
  oldUrl: OldUrl,
}, strict);

export const Community = Type.Object({
  id: Id,
  slug: Type.String({ minLength: 1, maxLength: 80, pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Text(5000)),
  perimeter: Type.Optional(Text(5000)),
  targetAudience: Type.Optional(Text(5000)),
  editorialLine: Type.Optional(Text(20000)),
  status: Type.Union([Type.Literal('draft'), Type.Literal('open'), Type.Literal('archived')]),
  launchDate: Type.Optional(Type.String({ format: 'date' })),
  related: Type.Optional(Type.Array(Id, { maxItems: 100 })),
  createdAt: Instant,
  oldUrl: OldUrl,
}, strict);

export const Membership = Type.Object({
  community: Id,
  member: Id,
  role: Type.Union([Type.Literal('member'), Type.Literal('animator'), Type.Literal('coordinator')]),
  joinedAt: Instant,
}, strict);

export const POST_KINDS = ['discussion', 'question', 'article', 'veille', 'ressource', 'evenement', 'sondage', 'partage'] as const;

export const Post = Type.Object({
  id: Id,
  community: Id,
  author: Id,
  kind: Type.Union(POST_KINDS.map((k) => Type.Literal(k))),
  title: Type.String({ minLength: 1, maxLength: LIMITS.postTitle }),
  body: Body,
  createdAt: Instant,
  editedAt: Type.Optional(Instant),
  deletedAt: Type.Optional(Instant),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: LIMITS.tagLength }), { maxItems: LIMITS.tagsPerPost })),
  articleType: Type.Optional(Type.Union(['expertise', 'analyse_reglementaire', 'contextualisation_veille', 'retour_experience', 'autre'].map((k) => Type.Literal(k)))),
  /** A « ressource CNFPT » (kind ressource only; ignored on another kind). */
  cnfptType: Type.Optional(Type.Union(['formation', 'lid', 'publication', 'autre'].map((k) => Type.Literal(k)))),
  link: Type.Optional(Type.Object({
    url: Url, title: Type.Optional(Text(300)), description: Type.Optional(Text(2000)), source: Type.Optional(Text(200)),
  }, strict)),
  sharedPost: Type.Optional(Id),
  event: Type.Optional(Type.Object({
    startsAt: Instant, endsAt: Instant, allDay: Type.Boolean(),
    place: Type.Optional(Text(300)), onlineUrl: Type.Optional(Url), registrationUrl: Type.Optional(Url), organiser: Type.Optional(Text(200)),
  }, strict)),
  poll: Type.Optional(Type.Object({
    multiple: Type.Boolean(),
    allowFreeText: Type.Boolean(),
    closesAt: Instant,
    resultsVisibility: Type.Union([Type.Literal('live'), Type.Literal('after_close')]),
    options: Type.Array(Type.Object({ label: Type.String({ minLength: 1, maxLength: 200 }), votes: Type.Integer({ minimum: 0 }) }, strict),
      { minItems: 2, maxItems: LIMITS.pollOptionsMax }),
    votes: Type.Array(Type.Object({
      member: Id, choices: Type.Array(Type.Integer({ minimum: 0 }), { maxItems: LIMITS.pollOptionsMax }), freeText: Type.Optional(Text(2000)), at: Instant,
    }, strict)),
  }, strict)),
  oldUrl: OldUrl,
}, strict);

export const Comment = Type.Object({
  id: Id,
  post: Id,
  author: Id,
  replyTo: Type.Optional(Id),
  body: Body,
  createdAt: Instant,
  editedAt: Type.Optional(Instant),
  deletedAt: Type.Optional(Instant),
  /** The accepted answer of its question (a post of kind question). */
  solution: Type.Optional(Type.Boolean()),
  oldUrl: OldUrl,
}, strict);

export const Reaction = Type.Object({ post: Id, member: Id, createdAt: Instant }, strict);

export const Dossier = Type.Object({
  id: Id,
  community: Id,
  title: Type.String({ minLength: 1, maxLength: 200 }),
  intro: Type.Optional(Body),
  createdBy: Id,
  createdAt: Instant,
  items: Type.Array(Type.Object({ post: Id, note: Type.Optional(Text(1000)) }, strict), { maxItems: LIMITS.dossierItemsMax }),
  oldUrl: OldUrl,
}, strict);

export const Attachment = Type.Object({
  id: Id,
  post: Id,
  uploader: Id,
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'Empreinte du fichier, qui est files/<sha256>' }),
  mime: Type.String({ maxLength: 200 }),
  size: Type.Integer({ minimum: 1 }),
  name: Type.String({ minLength: 1, maxLength: LIMITS.attachmentName }),
  alt: Text(LIMITS.attachmentAlt),
  format: Type.Union(['document', 'image', 'carte-mentale', 'infographie', 'carte'].map((k) => Type.Literal(k))),
  longDescription: Type.Optional(Text(LIMITS.attachmentLongDesc)),
  createdAt: Instant,
}, strict);

export const Manifest = Type.Object({
  format: Type.Literal(FORMAT_NAME),
  version: Type.Integer({ minimum: 1 }),
  source: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\s]+$', description: 'Nom stable de la plateforme source (son domaine par exemple)' }),
  generatedAt: Instant,
  counts: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
}, strict);

export type MemberLine = Static<typeof Member>;
export type CommunityLine = Static<typeof Community>;
export type MembershipLine = Static<typeof Membership>;
export type PostLine = Static<typeof Post>;
export type CommentLine = Static<typeof Comment>;
export type ReactionLine = Static<typeof Reaction>;
export type DossierLine = Static<typeof Dossier>;
export type AttachmentLine = Static<typeof Attachment>;
export type ManifestData = Static<typeof Manifest>;

/**
 * The files of a bundle, in the order they are read: every reference points to an earlier file or to an
 * earlier line of the same file, so one pass over the bundle resolves everything.
 */
export const KINDS = [
  { kind: 'member', file: 'members.jsonl', schema: Member, label: 'membres' },
  { kind: 'community', file: 'communities.jsonl', schema: Community, label: 'communautés' },
  { kind: 'membership', file: 'memberships.jsonl', schema: Membership, label: 'adhésions' },
  { kind: 'post', file: 'posts.jsonl', schema: Post, label: 'publications' },
  { kind: 'comment', file: 'comments.jsonl', schema: Comment, label: 'commentaires' },
  { kind: 'reaction', file: 'reactions.jsonl', schema: Reaction, label: 'marques « utile »' },
  { kind: 'dossier', file: 'dossiers.jsonl', schema: Dossier, label: 'dossiers' },
  { kind: 'attachment', file: 'attachments.jsonl', schema: Attachment, label: 'pièces jointes' },
] as const satisfies readonly { kind: string; file: string; schema: TSchema; label: string }[];

export type Kind = (typeof KINDS)[number]['kind'];

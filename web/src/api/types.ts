import type { CnfptResourceType } from '../../../common/cnfpt';
import type { PostKind } from '../../../common/api/shared';
/**
 * Shapes of the API responses, mirroring docs/api.md. Areas moved to common/api/<area>.ts take their types
 * from the server's schemas there (see docs/architecture.md, « API schemas »); these are the hand-written rest.
 */

export type { PostKind };
export type { Me, Membership, PublicProfile, Session, UserSelf } from '../../../common/api/accounts';

export type NationalRole = 'admin' | null;
export type CommunityRole = 'member' | 'animator' | 'coordinator';
export type CommunityStatus = 'draft' | 'open' | 'archived';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface UserRef {
  id: number;
  firstName: string;
  lastName: string;
  job?: string;
  employer?: string;
}

export interface CommunityRef {
  id: number;
  slug: string;
  name: string;
}

export interface CommunitySummary extends CommunityRef {
  description: string;
  status: CommunityStatus;
  launchDate: string | null;
  memberCount: number;
  postCount: number;
  myRole: CommunityRole | null;
}

export interface Community extends CommunitySummary {
  perimeter: string;
  targetAudience: string;
  editorialLine: string;
  related: CommunityRef[];
  coordinators: UserRef[];
  animators: UserRef[];
  can: {
    /** Any field (national admin). */
    edit: boolean;
    /** Description, perimeter, target audience, editorial line, related communities (coordinators too). */
    editEditorial: boolean;
    join: boolean;
    leave: boolean;
    post: boolean;
    moderate: boolean;
    /** The moderation log (coordinators and the national team). */
    readModerationAudit: boolean;
    appointCoordinator: boolean;
    appointAnimator: boolean;
  };
}

export interface CommunityInput {
  slug: string;
  name: string;
  description: string;
  perimeter: string;
  targetAudience: string;
  editorialLine: string;
  status: CommunityStatus;
  launchDate: string | null;
  relatedIds: number[];
}

export interface Member {
  user: UserRef & { employer: string; job: string };
  role: CommunityRole;
  joinedAt: string;
}


export interface CnfptRef {
  type: CnfptResourceType;
  url: string;
}

export interface PostSummary {
  id: number;
  community: CommunityRef;
  kind: PostKind;
  title: string;
  excerpt: string;
  author: UserRef;
  createdAt: string;
  editedAt: string | null;
  commentCount: number;
  usefulCount: number;
  tags: string[];
  rubrique: { id: number; name: string } | null;
  /** A « ressource CNFPT »: its type and catalogue link (null or absent for any other post). */
  cnfpt?: CnfptRef | null;
  /** Feeds of a signed-in reader: published since their last visit and not opened yet. */
  isNew?: boolean;
  /** Comments added since they last opened it; null when they never did. */
  unreadComments?: number | null;
}

export type ArticleType = 'expertise' | 'analyse_reglementaire' | 'contextualisation_veille' | 'retour_experience' | 'autre';

export interface PostLink {
  url: string;
  title: string | null;
  description: string | null;
  source: string | null;
}

/** What a partage shows of the original post (null once it is deleted or no longer readable). */
export interface SharedOriginal {
  id: number;
  kind: PostKind;
  title: string;
  excerpt: string;
  createdAt: string;
  community: CommunityRef;
  author: UserRef;
}

export interface Rubrique {
  id: number;
  name: string;
  position: number;
  postCount: number;
}

export interface LinkPreview {
  url: string;
  title: string;
  description: string;
  siteName: string;
}

export interface Post extends PostSummary {
  /** Signed-in readers: saved with « Enregistrer ». */
  bookmarked?: boolean;
  /** Signed-in readers: where they stopped last time (seen false on a first visit). */
  /** Where the reader stopped last time, and the post's newest comment now (unread ones may lie past the first page). */
  readState?: { seen: boolean; lastCommentId: number | null; newestCommentId: number | null };
  bodyHtml: string;
  bodyMd: string;
  usefulByMe: boolean;
  articleType: ArticleType | null;
  link: PostLink | null;
  sharedPostId: number | null;
  shared: SharedOriginal | null;
  can: { edit: boolean; delete: boolean; comment: boolean; markUseful: boolean; moderate: boolean };
  /** The first page of comments, sent by GET /posts/:id only (not by create or edit). */
  comments?: Page<Comment>;
  /** Hidden by moderation: only its author and the moderators see it, with the reason. */
  hidden?: { at: string; reason: string | null } | null;
  /** Edited on the author's behalf by moderation: shown as « modéré ». */
  moderatedAt?: string | null;
}

export interface Revision {
  id: number;
  title: string;
  bodyMd: string;
  editedBy: UserRef;
  createdAt: string;
}

export interface Comment {
  id: number;
  postId: number;
  replyToId: number | null;
  author: UserRef;
  bodyHtml: string;
  bodyMd: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  can: { edit: boolean; delete: boolean; moderate: boolean };
  /** Hidden by moderation; the reason only for its author and the moderators (others get an empty body). */
  hidden?: { reason: string | null } | null;
  moderatedAt?: string | null;
}

export interface LegalPage {
  slug: string;
  title: string;
  bodyHtml: string;
  bodyMd: string;
  version: number;
  updatedAt: string;
  can: { edit: boolean };
}

export interface OutboxMail {
  id: number;
  to: string;
  subject: string;
  text: string;
  status: string;
  createdAt: string;
}

export interface Ok {
  ok: true;
}

import type { PostKind } from '../../../common/api/shared';
/**
 * Shapes of the API responses, mirroring docs/api.md. Areas moved to common/api/<area>.ts take their types
 * from the server's schemas there (see docs/architecture.md, « API schemas »); these are the hand-written rest.
 */

export type { PostKind };
export type {
  ArticleType, CnfptRef, Comment, LinkPreview, Post, PostLink, PostSummary, Revision, Rubrique, SharedOriginal,
} from '../../../common/api/posts';

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

export interface UserSelf {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  employer: string;
  job: string;
  departement: string;
  bio: string | null;
  nationalRole: NationalRole;
  emailVerified: boolean;
  createdAt: string;
}

export interface CommunityRef {
  id: number;
  slug: string;
  name: string;
}

export interface Membership {
  community: CommunityRef;
  role: CommunityRole;
}

export interface Me extends UserSelf {
  memberships: Membership[];
}

export interface PublicProfile {
  id: number;
  firstName: string;
  lastName: string;
  employer: string;
  job: string;
  departement: string;
  bio: string | null;
  createdAt: string;
  memberships: Membership[];
}

export interface Session {
  user: UserSelf | null;
  csrfToken: string | null;
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

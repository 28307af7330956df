import type { PostKind } from '../../../common/api/shared';
import type { CommunityRole } from '../../../common/api/communities';
/**
 * Shapes of the API responses, mirroring docs/api.md. Areas moved to common/api/<area>.ts take their types
 * from the server's schemas there (see docs/architecture.md, « API schemas »); these are the hand-written rest.
 */

export type { PostKind };
export type { CommunityRole };
export type {
  Community, CommunityInput, CommunityStatus, CommunitySummary, CommunityUpdate, Member,
} from '../../../common/api/communities';
export type {
  ArticleType, CnfptRef, Comment, LinkPreview, Post, PostLink, PostSummary, Revision, Rubrique, SharedOriginal,
} from '../../../common/api/posts';
export type { Me, Membership, PublicProfile, Session, UserSelf } from '../../../common/api/accounts';

export type NationalRole = 'admin' | null;

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

export interface Ok {
  ok: true;
}

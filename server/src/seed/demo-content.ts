import { PDLV_POSTS } from './demo-posts-pdlv.js';
import { COMMANDE_POSTS, FINANCES_POSTS, RH_POSTS, TRANSITION_POSTS } from './demo-posts-network.js';

export { DEMO_COMMUNITIES, DEMO_PASSWORD, DEMO_USERS, type DemoCommunity, type DemoUser } from './demo-people.js';

export interface DemoComment {
  /** Key of the author in DEMO_USERS. */
  by: string;
  /** Hours after the post. */
  h: number;
  body: string;
  /** Index, in the same post's list, of the comment this one answers. */
  reply?: number;
}

export interface DemoPost {
  by: string;
  daysAgo: number;
  /** How many members found it useful (the first N members of the community, author excluded). */
  useful: number;
  /** Defaults to a discussion. Each other kind comes with the details it needs (link, article type, question row). */
  kind?: 'discussion' | 'question' | 'article' | 'veille' | 'ressource';
  articleType?: 'expertise' | 'analyse_reglementaire' | 'contextualisation_veille' | 'retour_experience' | 'autre';
  link?: { url: string; title: string; source: string };
  title: string;
  body: string;
  comments: DemoComment[];
}

/** Posts per community slug. */
export const DEMO_POSTS: Record<string, DemoPost[]> = {
  'politique-de-la-ville': PDLV_POSTS,
  'finances-locales': FINANCES_POSTS,
  'ressources-humaines': RH_POSTS,
  'transition-ecologique': TRANSITION_POSTS,
  'commande-publique': COMMANDE_POSTS,
};

import { NavLink, useLocation } from 'react-router';
import { CollapsibleNav, DisclosureLinks } from '../../ui';
import type { Community } from '../../api/types';

interface Section {
  label: string;
  /** Path below /communautes/:slug ('' for the feed). */
  path: string;
}

/** Whose daily work the menu is organised around: the community's role with the widest tools. */
type NavRole = 'member' | 'animator' | 'coordination';

/** At most this many entries on the menu's first level (the « Plus » button counts as one). */
export const MAX_PRIMARY_SECTIONS = 7;

const S = {
  feed: { label: 'Publications', path: '' },
  calendar: { label: 'Calendrier éditorial', path: 'calendrier' },
  questions: { label: 'Questions à traiter', path: 'questions' },
  veille: { label: 'Veille', path: 'veille' },
  animatorDashboard: { label: 'Tableau de bord', path: 'pilotage' },
  teamDashboard: { label: 'Tableau d’animation', path: 'pilotage' },
  coordination: { label: 'Tableau de bord', path: 'coordination' },
  meetings: { label: 'Réunions', path: 'reunions' },
  moderation: { label: 'Modération', path: 'moderation' },
  audience: { label: 'Audience', path: 'audience' },
  statements: { label: 'États de service', path: 'etats-de-service' },
  agenda: { label: 'Agenda', path: 'agenda' },
  polls: { label: 'Sondages', path: 'sondages' },
  dossiers: { label: 'Dossiers', path: 'dossiers' },
  pages: { label: 'Pages co-écrites', path: 'pages' },
  invite: { label: 'Inviter', path: 'invitations' },
  editorialLine: { label: 'Ligne éditoriale', path: 'ligne-editoriale' },
} satisfies Record<string, Section>;

/**
 * Each role's menu: first what it does every day, then the rest behind « Plus ». An animator answers questions,
 * publishes veille and follows the editorial calendar against the monthly target; a coordinator follows the team
 * (coordination dashboard, service statements, meetings). The pages themselves check who may see them.
 */
const MENUS: Record<NavRole, { primary: Section[]; more: Section[] }> = {
  member: {
    primary: [S.feed, S.agenda, S.polls, S.dossiers, S.pages, S.invite, S.editorialLine],
    more: [],
  },
  animator: {
    primary: [S.feed, S.animatorDashboard, S.questions, S.veille, S.calendar, S.moderation],
    more: [S.meetings, S.audience, S.agenda, S.polls, S.dossiers, S.pages, S.invite, S.editorialLine],
  },
  coordination: {
    primary: [S.feed, S.coordination, S.statements, S.meetings, S.moderation, S.questions],
    more: [S.teamDashboard, S.calendar, S.veille, S.audience, S.agenda, S.polls, S.dossiers, S.pages, S.invite, S.editorialLine],
  },
};

function navRole(c: Community): NavRole {
  if (c.can.appointAnimator) return 'coordination';
  return c.can.moderate ? 'animator' : 'member';
}

export function CommunityNav({ c }: { c: Community }) {
  const { pathname } = useLocation();
  const menu = MENUS[navRole(c)];
  // Inviting is for members who may publish and for the staff.
  const keep = (s: Section) => s !== S.invite || c.can.post || c.can.moderate;
  const primary = menu.primary.filter(keep);
  const more = menu.more.filter(keep);
  const href = (s: Section) => `/communautes/${c.slug}${s.path ? `/${s.path}` : ''}`;
  // The same test as the links' `end` NavLink: the section whose address is the page's (none on other pages).
  const here = pathname.replace(/\/+$/, '');
  const current = [...primary, ...more].find((s) => href(s) === here);
  const link = (s: Section) => (
    <li key={s.path}>
      <NavLink end to={href(s)}>{s.label}</NavLink>
    </li>
  );
  // On a phone the whole menu folds behind one toggle, so the page's content starts at the top.
  return (
    <CollapsibleNav label={`Rubriques de ${c.name}`} toggleLabel="Sections de l’e-communauté" current={current?.label} className="community-nav">
      <ul className="community-nav__primary">
        {primary.map(link)}
        {more.length > 0 ? (
          <li>
            <DisclosureLinks label="Plus" current={current && more.includes(current) ? current.label : undefined}>
              <ul>{more.map(link)}</ul>
            </DisclosureLinks>
          </li>
        ) : null}
      </ul>
    </CollapsibleNav>
  );
}

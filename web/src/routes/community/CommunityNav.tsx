import { NavLink, useLocation } from 'react-router';
import { CollapsibleNav } from '../../ui';
import type { Community } from '../../api/types';

interface Section {
  label: string;
  /** Path below /communautes/:slug ('' for the feed). */
  path: string;
  /** Shown only when this returns true (e.g. animators' tools). */
  visible?: (c: Community) => boolean;
}

/**
 * The community's sections. Each capability adds one line here (agenda, dossiers, questions...).
 */
const SECTIONS: Section[] = [
  { label: 'Publications', path: '' },
  { label: 'Calendrier éditorial', path: 'calendrier', visible: (c) => c.can.moderate },
  { label: 'Questions à traiter', path: 'questions', visible: (c) => c.can.moderate },
  { label: 'Veille', path: 'veille', visible: (c) => c.can.moderate },
  { label: 'Tableau de bord', path: 'pilotage', visible: (c) => c.can.moderate },
  { label: 'Coordination', path: 'coordination', visible: (c) => c.can.appointAnimator },
  { label: 'Réunions', path: 'reunions', visible: (c) => c.can.moderate },
  { label: 'Modération', path: 'moderation', visible: (c) => c.can.moderate },
  { label: 'Audience', path: 'audience', visible: (c) => c.can.moderate },
  { label: 'États de service', path: 'etats-de-service', visible: (c) => c.can.appointAnimator },
  { label: 'Agenda', path: 'agenda' },
  { label: 'Sondages', path: 'sondages' },
  { label: 'Dossiers', path: 'dossiers' },
  { label: 'Pages co-écrites', path: 'pages' },
  { label: 'Inviter', path: 'invitations', visible: (c) => c.can.post || c.can.moderate },
  { label: 'Ligne éditoriale', path: 'ligne-editoriale' },
];

export function CommunityNav({ c }: { c: Community }) {
  const { pathname } = useLocation();
  const sections = SECTIONS.filter((s) => !s.visible || s.visible(c));
  if (sections.length < 2) return null;
  const href = (s: Section) => `/communautes/${c.slug}${s.path ? `/${s.path}` : ''}`;
  // The same test as the links' `end` NavLink: the section whose address is the page's (none on other pages).
  const here = pathname.replace(/\/+$/, '');
  const current = sections.find((s) => href(s) === here);
  // On a phone, up to 16 links took about 290 px before any content: they fold behind one toggle there.
  return (
    <CollapsibleNav label={`Rubriques de ${c.name}`} toggleLabel="Sections de l’e-communauté" current={current?.label} className="community-nav">
      <ul>
        {sections.map((s) => (
          <li key={s.path}>
            <NavLink end to={href(s)}>{s.label}</NavLink>
          </li>
        ))}
      </ul>
    </CollapsibleNav>
  );
}

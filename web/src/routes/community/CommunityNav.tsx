import { NavLink } from 'react-router';
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
  const sections = SECTIONS.filter((s) => !s.visible || s.visible(c));
  if (sections.length < 2) return null;
  return (
    <nav aria-label={`Rubriques de ${c.name}`} className="community-nav">
      <ul>
        {sections.map((s) => (
          <li key={s.path}>
            <NavLink end to={`/communautes/${c.slug}${s.path ? `/${s.path}` : ''}`}>{s.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

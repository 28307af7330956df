import { Link } from 'react-router';
import { LEGAL_PAGES } from '../api/site';
import { conformity, conformityMention } from '../../../common/accessibility';

/** The mention the law requires, from the same audit as the statement. */
const ACCESSIBILITY_MENTION = `Accessibilité\u00a0: ${conformityMention(conformity().rate)}`;

export function Footer() {
  return (
    <footer className="site-footer">
      <div className="site-footer__inner">
        <p className="site-footer__brand">
          <strong>e-communautés</strong> — le réseau professionnel des agents territoriaux.
        </p>
        <nav aria-label="Informations légales">
          <ul>
            {LEGAL_PAGES.map((p) => (
              <li key={p.slug}><Link to={`/pages/${p.slug}`}>{p.slug === 'accessibilite' ? ACCESSIBILITY_MENTION : p.label}</Link></li>
            ))}
          </ul>
        </nav>
      </div>
    </footer>
  );
}

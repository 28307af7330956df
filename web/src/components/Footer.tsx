import { Link } from 'react-router';
import { LEGAL_PAGES } from '../api/site';

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
              <li key={p.slug}><Link to={`/pages/${p.slug}`}>{p.slug === 'accessibilite' ? 'Accessibilité : partiellement conforme' : p.label}</Link></li>
            ))}
          </ul>
        </nav>
      </div>
    </footer>
  );
}

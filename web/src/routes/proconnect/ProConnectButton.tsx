import './proconnect.css';

/**
 * ProConnect's sign-in button, drawn with our own CSS and SVG after its integration rules: dark blue,
 * its mark on the left, « S’identifier avec ProConnect » on two lines, and the explanatory link below
 * opening in a new tab. A plain link: the whole page goes to ProConnect (no pop-up, no frame).
 */
export function ProConnectButton({ next }: { next: string }) {
  const href = `/api/auth/oidc/start?suite=${encodeURIComponent(next)}`;
  return (
    <div className="proconnect">
      <a className="proconnect__button" href={href}>
        <svg className="proconnect__mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
          <circle cx="16" cy="16" r="15" fill="none" stroke="currentColor" strokeWidth="2" />
          <circle cx="16" cy="12" r="5" fill="currentColor" />
          <path d="M7.5 25c1.6-4.4 4.8-6.6 8.5-6.6s6.9 2.2 8.5 6.6" fill="currentColor" />
        </svg>
        <span className="proconnect__text">
          <span className="proconnect__lead">S’identifier avec</span>{' '}
          <span className="proconnect__name">ProConnect</span>
        </span>
      </a>
      <p className="proconnect__about">
        <a href="https://www.proconnect.gouv.fr/" target="_blank" rel="noopener noreferrer" title="Qu’est-ce que ProConnect ? - nouvelle fenêtre">
          Qu’est-ce que ProConnect ?
        </a>
      </p>
    </div>
  );
}

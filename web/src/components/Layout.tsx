import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { Header } from './Header';
import { Footer } from './Footer';
import { CguNotice } from '../routes/privacy/CguNotice';
import { SecondFactorNotice } from '../routes/security/SecondFactorNotice';
import { OfflineBanner } from './OfflineBanner';

/** How long after a navigation the new page may take to show its title (data still loading). */
const TITLE_WAIT_MS = 3000;

/**
 * Page frame with landmarks. After a client-side navigation, focus moves to the new page's h1
 * so screen-reader and keyboard users start at the new content.
 */
export function Layout() {
  const { pathname } = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    window.scrollTo(0, 0);
    return focusTitleWhenShown(document.activeElement);
  }, [pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#contenu">Aller au contenu</a>
      <Header />
      <main id="contenu" className="main" tabIndex={-1}>
        <OfflineBanner />
        <CguNotice />
        <SecondFactorNotice />
        <Outlet />
      </main>
      <Footer />
    </div>
  );
}

/**
 * Moves focus to the page's h1 once the new page has rendered one (it may still be loading its data), but
 * only while focus has not moved since the navigation: someone who already tabbed or clicked elsewhere keeps
 * their place. Returns the clean-up for the effect.
 */
function focusTitleWhenShown(focusedAtNavigation: Element | null): () => void {
  const started = Date.now();
  let frame = 0;
  const attempt = () => {
    const focused = document.activeElement;
    if (focused !== focusedAtNavigation && focused !== document.body && focused !== null) return;
    const h1 = document.querySelector<HTMLElement>('main h1');
    if (h1) {
      h1.setAttribute('tabindex', '-1');
      h1.focus();
      return;
    }
    if (Date.now() - started < TITLE_WAIT_MS) frame = window.requestAnimationFrame(attempt);
  };
  // One frame first, so that the new page's h1 replaces the previous one's.
  frame = window.requestAnimationFrame(attempt);
  return () => window.cancelAnimationFrame(frame);
}

import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router';
import { Header } from './Header';
import { Footer } from './Footer';
import { CguNotice } from '../routes/privacy/CguNotice';

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
    const timer = window.setTimeout(() => {
      const h1 = document.querySelector<HTMLElement>('main h1');
      if (h1) {
        h1.setAttribute('tabindex', '-1');
        h1.focus();
      }
    }, 50);
    window.scrollTo(0, 0);
    return () => window.clearTimeout(timer);
  }, [pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#contenu">Aller au contenu</a>
      <Header />
      <main id="contenu" className="main" tabIndex={-1}>
        <CguNotice />
        <Outlet />
      </main>
      <Footer />
    </div>
  );
}

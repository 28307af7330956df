import { useEffect } from 'react';

const SITE = 'e-communautés';

/** Sets document.title as "Page – e-communautés" (page first, for screen-reader users switching tabs). */
export function useTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} – ${SITE}`;
  }, [title]);
}

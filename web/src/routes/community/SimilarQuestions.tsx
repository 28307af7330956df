import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, qs } from '../../api/client';
import { plural } from '../../lib/format';
import './similar-questions.css';

/** GET /api/communities/:slug/similar-questions (server/src/modules/search/similar.ts). */
export interface SimilarPost {
  id: number;
  title: string;
  /** Server-escaped HTML, the shared words in <mark>. */
  titleHtml: string;
  kind: string;
  community: { slug: string; name: string };
  commentCount: number;
  solved: boolean;
  createdAt: string;
}

/** Waits for a pause in typing before asking the server (and before the live region speaks). */
const DEBOUNCE_MS = 400;
const enough = (title: string) => title.replace(/\P{L}/gu, '').length >= 3;

function useDebounced(value: string): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return debounced;
}

/**
 * « Questions similaires » under the title of a new question: what the community and its related communities
 * already asked or answered, so the member may read the answer instead of asking again. The links open in a
 * new tab (said in the link text), so the question being typed is never lost.
 */
export function SimilarQuestions({ slug, title }: { slug: string; title: string }) {
  const q = useDebounced(title);
  const active = enough(q);
  const similar = useQuery({
    queryKey: ['similar-questions', slug, q],
    queryFn: () => api.get<{ items: SimilarPost[] }>(`/communities/${slug}/similar-questions${qs({ q })}`),
    enabled: active,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const items = active ? similar.data?.items ?? [] : [];
  const status = !active || !similar.data ? '' : items.length === 0
    ? 'Aucune question similaire trouvée.'
    : `${plural(items.length, 'question similaire trouvée', 'questions similaires trouvées')} : consultez-les avant de publier.`;
  return (
    <div className="similar-questions field--wide">
      {/* Present from the start, so screen readers announce its changes. */}
      <p role="status" className="small muted similar-questions__status">{status}</p>
      {items.length > 0 ? (
        <section aria-labelledby="similar-questions-title" className="similar-questions__box">
          <h3 id="similar-questions-title" className="similar-questions__title">Déjà demandé ?</h3>
          <p className="small muted">Dans cette e-communauté et les e-communautés liées. Les liens s’ouvrent dans un nouvel onglet : votre question reste ici.</p>
          <ul className="similar-questions__list">
            {items.map((item) => (
              <li key={item.id}>
                <a href={`/publications/${item.id}`} target="_blank" rel="noopener noreferrer">
                  <span dangerouslySetInnerHTML={{ __html: item.titleHtml }} />
                  <span className="visually-hidden"> (nouvel onglet)</span>
                </a>
                <span className="small muted">
                  {' '}— {item.community.name} · {item.solved ? 'résolue' : plural(item.commentCount, 'réponse')}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}

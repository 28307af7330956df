import { useState } from 'react';
import { formatDate } from '../../lib/format';
import { Button, QueryState } from '../../ui';
import { useLegalVersion, useLegalVersions, type LegalVersionItem } from './api';
import './privacy.css';

/** "Versions précédentes" of a legal page: each replaced version, its dates, and its text on demand. */
export function LegalVersions({ slug, current }: { slug: string; current: number }) {
  const versions = useLegalVersions(slug, current);
  return (
    <section className="legal-versions" aria-labelledby="legal-versions-title">
      <h2 id="legal-versions-title">Versions précédentes</h2>
      <QueryState query={versions}>
        {(page) => {
          const previous = page.items.filter((v) => !v.current);
          const inForce = page.items.find((v) => v.current);
          if (previous.length === 0) return <p className="muted">Cette page n’a pas encore été modifiée depuis sa première publication.</p>;
          return (
            <ul className="legal-versions__list">
              {previous.map((v) => {
                const next = page.items.find((n) => n.version === v.version + 1) ?? inForce;
                return <VersionItem key={v.version} slug={slug} item={v} until={next?.publishedAt ?? null} />;
              })}
            </ul>
          );
        }}
      </QueryState>
    </section>
  );
}

/** The old text sits under this section's h3: its own headings move two levels down to keep the outline. */
function nested(html: string): string {
  return html.replace(/<(\/?)h([1-4])(?=[\s>])/g, (_m, slash: string, level: string) => `<${slash}h${Number(level) + 2}`);
}

function VersionItem({ slug, item, until }: { slug: string; item: LegalVersionItem; until: string | null }) {
  const [open, setOpen] = useState(false);
  const version = useLegalVersion(slug, item.version, open);
  const regionId = `legal-version-${item.version}`;
  return (
    <li>
      <p>
        <strong>Version {item.version}</strong> — en vigueur du <time dateTime={item.publishedAt}>{formatDate(item.publishedAt)}</time>
        {until ? <> au <time dateTime={until}>{formatDate(until)}</time></> : null}
      </p>
      <Button variant="secondary" small aria-expanded={open} aria-controls={regionId} onPress={() => setOpen(!open)}>
        {open ? `Masquer la version ${item.version}` : `Lire la version ${item.version}`}
      </Button>
      <div id={regionId} hidden={!open}>
        {open ? (
          <QueryState query={version}>
            {(v) => (
              <div className="legal-versions__text">
                <h3>{v.title} (version {v.version})</h3>
                <div className="prose" dangerouslySetInnerHTML={{ __html: nested(v.bodyHtml) }} />
              </div>
            )}
          </QueryState>
        ) : null}
      </div>
    </li>
  );
}

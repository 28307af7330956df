import { allowedType, FORMAT_LABELS, formatFileSize } from '../../../../common/attachments';
import { Badge } from '../../ui';
import type { Attachment } from './api';

/** "PDF, 1,2 Mo": what a reader needs before opening a file. */
export function fileSummary(a: Attachment): string {
  return `${allowedType(a.mime)?.label ?? 'Fichier'}, ${formatFileSize(a.size)}`;
}

/** The id of an attachment's long description, named by the image's (or link's) aria-describedby. */
const longDescId = (a: Attachment) => `longdesc-${a.id}`;
const describedBy = (a: Attachment) => (a.longDescHtml ? longDescId(a) : undefined);

/**
 * A complex image's full content as text (RGAA 1.6 and 1.8): shown on request beside the image, and tied to it
 * by aria-describedby, so a screen reader announces it with the image even while it is folded.
 */
function LongDescription({ a }: { a: Attachment }) {
  if (!a.longDescHtml) return null;
  return (
    <details className="media__longdesc">
      <summary>Description complète{a.format !== 'image' && a.format !== 'document' ? ` (${FORMAT_LABELS[a.format].toLowerCase()})` : ''}</summary>
      <div id={longDescId(a)} className="prose" dangerouslySetInnerHTML={{ __html: a.longDescHtml }} />
    </details>
  );
}

/** Images in a gallery with their alternative; other files as a list with type and size. */
export function MediaDisplay({ attachments }: { attachments: Attachment[] }) {
  const images = attachments.filter((a) => a.family === 'image');
  const files = attachments.filter((a) => a.family !== 'image');
  return (
    <>
      {images.length > 0 ? (
        <ul className="media__gallery" aria-label="Images">
          {images.map((a) => (
            <li key={a.id}>
              <figure className="media__figure">
                <a href={a.url} className="media__imglink">
                  <img src={a.url} alt={a.alt} loading="lazy" decoding="async" aria-describedby={describedBy(a)} />
                </a>
                {a.format !== 'image' ? <figcaption><Badge>{FORMAT_LABELS[a.format]}</Badge></figcaption> : null}
                <LongDescription a={a} />
              </figure>
            </li>
          ))}
        </ul>
      ) : null}
      {files.length > 0 ? (
        <ul className="media__files">
          {files.map((a) => (
            <li key={a.id}>
              <a href={a.url} download={a.family === 'office' ? a.name : undefined} aria-describedby={describedBy(a)}>
                {a.alt || a.name}
              </a>{' '}
              <span className="muted small">({fileSummary(a)}{a.alt ? ` — ${a.name}` : ''})</span>
              {a.format !== 'document' ? <> <Badge tone="info">{FORMAT_LABELS[a.format]}</Badge></> : null}
              <LongDescription a={a} />
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

import { useState } from 'react';
import { ACCEPT_ATTRIBUTE, ATTACHMENT_FORMATS, FORMAT_LABELS, LONG_DESC_REQUIRED, type AttachmentFormat } from '../../../../common/attachments';
import { LIMITS } from '../../../../common/limits';
import { Alert, Button, Form, Select, TextField, type Errors } from '../../ui';
import { FileField } from '../../ui/FileField';
import { useAddAttachment, useSetAttachments, type PostMedia } from './api';
import { fileSummary } from './MediaDisplay';

const FORMAT_OPTIONS = ATTACHMENT_FORMATS.map((f) => ({ value: f, label: FORMAT_LABELS[f] }));
const MiB = 1024 * 1024;

function validate(data: FormData): Errors {
  const errors: Errors = {};
  const file = data.get('file');
  const format = String(data.get('format') ?? '') as AttachmentFormat;
  if (!(file instanceof File) || file.size === 0) errors.file = 'Choisissez un fichier.';
  else {
    // Hints only: the server decides from the content.
    const isImage = file.type.startsWith('image/');
    if (file.size > (isImage ? LIMITS.attachmentImageBytes : LIMITS.attachmentDocumentBytes)) {
      errors.file = `Fichier trop volumineux : ${isImage ? LIMITS.attachmentImageBytes / MiB : LIMITS.attachmentDocumentBytes / MiB} Mo au plus.`;
    }
    if (isImage && !String(data.get('alt') ?? '').trim()) errors.alt = 'Décrivez l’image en quelques mots.';
  }
  if (LONG_DESC_REQUIRED.includes(format) && !String(data.get('longDesc') ?? '').trim()) {
    errors.longDesc = 'Obligatoire pour une carte mentale ou une infographie.';
  }
  return errors;
}

/** The author's panel to add files to a published post and remove them. */
export function AttachmentsField({ postId, slug, media }: { postId: number; slug: string; media: PostMedia }) {
  const add = useAddAttachment(postId, slug);
  const set = useSetAttachments(postId);
  const [added, setAdded] = useState<string | null>(null);
  const full = media.attachments.length >= LIMITS.attachmentsPerPost;
  return (
    <section aria-labelledby="attachments-field-title" className="stack">
      <h2 id="attachments-field-title" className="media__title">Fichiers joints</h2>
      {media.attachments.length > 0 ? (
        <ul className="media__manage">
          {media.attachments.map((a) => (
            <li key={a.id} className="row">
              <span>{a.name} <span className="muted small">({fileSummary(a)})</span></span>
              <Button
                variant="ghost"
                small
                isPending={set.isPending && set.variables?.includes(a.id) === false}
                onPress={() => set.mutate(media.attachments.filter((x) => x.id !== a.id).map((x) => x.id))}
                aria-label={`Retirer ${a.name}`}
              >
                Retirer
              </Button>
            </li>
          ))}
        </ul>
      ) : <p className="muted">Aucun fichier joint pour l’instant.</p>}
      {set.error ? <Alert tone="error"><p>{set.error.message}</p></Alert> : null}
      {added ? <Alert tone="success"><p>{added}</p></Alert> : null}
      {full ? <p className="muted">Nombre maximal de fichiers atteint ({LIMITS.attachmentsPerPost}).</p> : (
        <Form
          aria-label="Ajouter un fichier"
          labels={{ file: 'Fichier', alt: 'Texte alternatif', longDesc: 'Description complète', format: 'Format' }}
          validate={(_v, data) => validate(data)}
          onSubmit={async (_v, data, form) => {
            setAdded(null);
            const name = (data.get('file') as File).name;
            await add.mutateAsync(data);
            form.reset();
            setAdded(`« ${name} » a été ajouté à la publication.`);
          }}
        >
          <FileField
            name="file"
            label="Fichier"
            accept={ACCEPT_ATTRIBUTE}
            description="Image (PNG, JPEG, WebP, GIF : 5 Mo au plus), PDF ou document bureautique (Word, Excel, PowerPoint, OpenDocument : 20 Mo au plus)."
          />
          <Select name="format" label="Format" options={FORMAT_OPTIONS} placeholder="Automatique (image ou document)" />
          <TextField
            name="alt"
            label="Texte alternatif (obligatoire pour une image)"
            description="Ce que l’image apporte, en une phrase, pour les personnes qui ne la voient pas. Pour un document : son titre (facultatif)."
            maxLength={LIMITS.attachmentAlt}
            wide
          />
          <TextField
            name="longDesc"
            label="Description complète (obligatoire pour une carte mentale ou une infographie)"
            description="Tout le contenu de l’image en texte : titres, chiffres, liens entre les idées. Mise en forme Markdown possible."
            multiline
            rows={5}
            maxLength={LIMITS.attachmentLongDesc}
          />
          <div className="form__actions">
            <Button type="submit" isPending={add.isPending}>Ajouter le fichier</Button>
          </div>
        </Form>
      )}
    </section>
  );
}

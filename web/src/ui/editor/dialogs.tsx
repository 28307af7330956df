import { useState, type ReactNode } from 'react';
import type { Editor } from '@tiptap/core';
import { IMAGE_ACCEPT_ATTRIBUTE } from '../../../../common/attachments';
import { LIMITS } from '../../../../common/limits';
import { upload } from '../../api/client';
import { FormDialog } from '../Dialog';
import { FileField } from '../FileField';
import type { Errors } from '../Form';
import { TextField } from '../TextField';
import { OTHER_SHORTCUTS } from './tools';
import { shortcutLabel, type Tool } from './Toolbar';

/** A dialog's form lives in a portal, but React still bubbles its submit to the editor's form: stopped here. */
function Isolated({ children }: { children: ReactNode }) {
  return <div onSubmit={(e) => e.stopPropagation()}>{children}</div>;
}

const httpUrl = (value: string, schemes: RegExp) => {
  try {
    const url = new URL(value.trim());
    return schemes.test(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
};

export function LinkDialog({ editor, isOpen, onClose }: { editor: Editor; isOpen: boolean; onClose: () => void }) {
  const empty = editor.state.selection.empty;
  const current = (editor.getAttributes('link').href as string | undefined) ?? '';
  return (
    <Isolated>
      <FormDialog
        isOpen={isOpen}
        onOpenChange={(open) => { if (!open) onClose(); }}
        title={current ? 'Modifier le lien' : 'Ajouter un lien'}
        labels={{ href: 'Adresse du lien', text: 'Texte du lien' }}
        validate={(v): Errors => {
          if (!v.href?.trim()) return current ? {} : { href: 'Indiquez l’adresse du lien.' };
          return httpUrl(v.href, /^(https?|mailto):$/) ? {} : { href: 'Indiquez une adresse complète, commençant par https://.' };
        }}
        submitLabel={current ? 'Enregistrer le lien' : 'Ajouter le lien'}
        onSubmit={(v) => {
          const href = v.href?.trim() ? httpUrl(v.href, /^(https?|mailto):$/) : null;
          const chain = editor.chain().focus().extendMarkRange('link');
          if (!href) chain.unsetLink().run();
          else if (empty && !current) chain.insertContent({ type: 'text', text: v.text?.trim() || href, marks: [{ type: 'link', attrs: { href } }] }).run();
          else chain.setLink({ href }).run();
          onClose();
        }}
      >
        <TextField name="href" label="Adresse du lien" type="url" defaultValue={current} description={current ? 'Videz le champ pour retirer le lien.' : 'Par exemple https://www.collectivites-locales.gouv.fr'} wide autoFocus />
        {empty && !current ? <TextField name="text" label="Texte du lien (facultatif)" description="Sinon l’adresse s’affiche." wide /> : null}
      </FormDialog>
    </Isolated>
  );
}

/** An image the dialog may take: from the picker, or dropped or pasted into the text. */
const isImageFile = (value: unknown): value is File => value instanceof File && value.size > 0;
const MiB = 1024 * 1024;

/** Puts a dropped or pasted file into the picker, so the form sends it like a chosen one. */
function preselect(input: HTMLInputElement | null, file: File | null | undefined) {
  if (!input || !file || input.files?.length) return;
  const list = new DataTransfer();
  list.items.add(file);
  input.files = list.files;
}

/**
 * « Ajouter une image »: an image already online (https), or, where the text belongs to a community (`community`),
 * a file of the member's own, uploaded to that community as an image of a text (server: attachments, inline=1) and
 * shown by its address on the site. The alternative text is asked before anything is sent or inserted.
 */
export function ImageDialog({ editor, isOpen, onClose, community, file }: {
  editor: Editor;
  isOpen: boolean;
  onClose: () => void;
  community?: string;
  /** A file dropped or pasted into the text, to send once described. */
  file?: File | null;
}) {
  const [progress, setProgress] = useState<number | null>(null);
  const insert = (src: string, alt: string) => {
    editor.chain().focus().setImage({ src, alt: alt.trim().replace(/[[\]]/g, '') }).run();
    onClose();
  };
  return (
    <Isolated>
      <FormDialog
        isOpen={isOpen}
        onOpenChange={(open) => { if (!open) { setProgress(null); onClose(); } }}
        title="Ajouter une image"
        labels={{ file: 'Image de votre appareil', src: 'Adresse de l’image', alt: 'Texte alternatif' }}
        validate={(v, data) => {
          const chosen = data.get('file');
          const errors: Errors = {};
          if (isImageFile(chosen)) {
            // Hints only: the server decides from the content.
            if (!chosen.type.startsWith('image/')) errors.file = 'Choisissez une image : PNG, JPEG, WebP ou GIF.';
            else if (chosen.size > LIMITS.attachmentImageBytes) errors.file = `Image trop volumineuse : ${LIMITS.attachmentImageBytes / MiB} Mo au plus.`;
            if (v.src?.trim()) errors.src = 'Choisissez une image de votre appareil ou une adresse, pas les deux.';
          } else if (!httpUrl(v.src ?? '', /^https:$/)) {
            errors.src = community ? 'Choisissez une image de votre appareil, ou indiquez l’adresse d’une image commençant par https://.' : 'Indiquez l’adresse de l’image, commençant par https://.';
          }
          if (!v.alt?.trim()) errors.alt = 'Décrivez l’image : ce texte est lu à qui ne la voit pas.';
          return errors;
        }}
        submitLabel="Ajouter l’image"
        isPending={progress !== null}
        onSubmit={async (v, data) => {
          const chosen = data.get('file');
          if (!community || !isImageFile(chosen)) return insert(httpUrl(v.src!, /^https:$/)!, v.alt!);
          const form = new FormData();
          form.set('inline', '1');
          form.set('alt', v.alt!.trim());
          form.set('file', chosen);
          setProgress(0);
          try {
            const uploaded = await upload<{ url: string }>(`/communities/${encodeURIComponent(community)}/attachments`, form, setProgress);
            insert(uploaded.url, v.alt!);
          } finally {
            setProgress(null);
          }
        }}
      >
        {community ? (
          <FileField
            name="file"
            label="Image de votre appareil"
            description="PNG, JPEG, WebP ou GIF, 5 Mo au plus. Sa position GPS et les autres informations de l’appareil sont retirées à l’envoi."
            accept={IMAGE_ACCEPT_ATTRIBUTE}
            isRequired={false}
            inputRef={(input) => preselect(input, file)}
          />
        ) : null}
        <TextField
          name="src"
          label={community ? 'Ou adresse d’une image déjà en ligne' : 'Adresse de l’image'}
          type="url"
          description="Une image déjà en ligne, en https://."
          isRequired={!community}
          wide
          autoFocus={!community}
        />
        <TextField name="alt" label="Texte alternatif" description="Ce que montre l’image, pour qui ne la voit pas (obligatoire)." isRequired maxLength={LIMITS.attachmentAlt} wide autoFocus={Boolean(community && file)} />
        {progress !== null ? (
          <p className="small">
            <label htmlFor="image-upload-progress">Envoi de l’image : {Math.round(progress * 100)} %</label>{' '}
            <progress id="image-upload-progress" max={1} value={progress} />
          </p>
        ) : null}
      </FormDialog>
    </Isolated>
  );
}

/** « Raccourcis »: the toolbar's shortcuts and the editor's other keys, in a panel under the toolbar. */
export function ShortcutsHelp({ tools, onClose }: { tools: Tool[]; onClose: () => void }) {
  const [headingId] = useState(() => `md-help-${Math.random().toString(36).slice(2)}`);
  const rows: [string, string][] = [
    ...tools.filter((t) => t.shortcut).map((t): [string, string] => [shortcutLabel(t.shortcut!), t.label]),
    ...OTHER_SHORTCUTS,
  ];
  return (
    <section className="md-help" aria-labelledby={headingId} onKeyDown={(e) => { if (e.key === 'Escape') onClose(); }}>
      <h4 id={headingId} className="md-help__title">Raccourcis clavier</h4>
      <dl className="md-help__list">
        {rows.map(([keys, what]) => (
          <div key={keys} className="md-help__row"><dt><kbd>{keys}</kbd></dt><dd>{what}</dd></div>
        ))}
      </dl>
      <button type="button" className="btn btn--secondary btn--small" onClick={onClose}>Fermer l’aide</button>
    </section>
  );
}

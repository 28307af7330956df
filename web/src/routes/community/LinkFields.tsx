import { useState } from 'react';
import { LIMITS } from '../../../../common/limits';
import { ApiError } from '../../api/client';
import { useLinkPreview } from '../../api/kinds';
import { Button, TextField } from '../../ui';

/**
 * The link of a veille or a ressource. Pasting it (or pressing the button) asks the server for
 * the page's title and description; the animator can then edit them before publishing.
 */
export function LinkFields({ onTitle }: { onTitle: (title: string) => void }) {
  const preview = useLinkPreview();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [source, setSource] = useState('');
  const [status, setStatus] = useState<{ tone: 'muted' | 'error'; text: string } | null>(null);

  const fetchPreview = async (target: string) => {
    if (!/^https?:\/\//i.test(target.trim())) return;
    setStatus({ tone: 'muted', text: 'Récupération du titre et de la description…' });
    try {
      const p = await preview.mutateAsync(target.trim());
      if (p.title) onTitle(p.title);
      setDescription((d) => d || p.description);
      setSource((s) => s || p.siteName);
      setStatus({
        tone: 'muted',
        text: p.title || p.description
          ? 'Titre et description récupérés : vérifiez-les et modifiez-les si besoin.'
          : 'Cette page ne donne ni titre ni description : saisissez-les.',
      });
    } catch (error) {
      setStatus({ tone: 'error', text: error instanceof ApiError ? error.message : 'Aperçu impossible : saisissez le titre vous-même.' });
    }
  };

  return (
    <fieldset className="stack link-fields">
      <legend className="field__label">Lien partagé</legend>
      <div onPaste={(e) => { const text = e.clipboardData.getData('text'); if (text) void fetchPreview(text); }}>
        <TextField
          name="link.url"
          label="Adresse du lien"
          type="url"
          isRequired
          wide
          maxLength={LIMITS.linkUrl}
          value={url}
          onChange={setUrl}
          placeholder="https://…"
          description="Collez l’adresse : le titre et la description de la page sont récupérés automatiquement."
        />
      </div>
      <div className="row">
        <Button variant="secondary" small onPress={() => void fetchPreview(url)} isPending={preview.isPending} isDisabled={!url.trim()}>
          Récupérer le titre et la description
        </Button>
      </div>
      <p role="status" className={status?.tone === 'error' ? 'field__error' : 'muted small'}>{status?.text ?? ''}</p>
      <TextField name="link.description" label="Description du lien (facultatif)" multiline rows={3} maxLength={LIMITS.linkDescription} value={description} onChange={setDescription} />
      <TextField name="link.source" label="Source (facultatif)" description="Exemple : Légifrance, ANCT, CNFPT – LID" maxLength={LIMITS.linkSource} value={source} onChange={setSource} />
    </fieldset>
  );
}

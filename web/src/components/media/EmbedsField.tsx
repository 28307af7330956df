import { useState } from 'react';
import { LIMITS } from '../../../../common/limits';
import { ApiError } from '../../api/client';
import { Alert, Button, Form, TextField, check } from '../../ui';
import { useSetEmbeds, type PostMedia } from './api';

/** The author's panel to add and remove videos and maps on a published post. */
export function EmbedsField({ postId, media }: { postId: number; media: PostMedia }) {
  const set = useSetEmbeds(postId);
  const [added, setAdded] = useState<string | null>(null);
  const current = media.embeds.map((e) => ({ url: e.url, title: e.title }));
  const full = media.embeds.length >= LIMITS.embedsPerPost;
  return (
    <section aria-labelledby="embeds-field-title" className="stack">
      <h2 id="embeds-field-title" className="media__title">Vidéos et cartes</h2>
      {media.embeds.length > 0 ? (
        <ul className="media__manage">
          {media.embeds.map((e) => (
            <li key={e.position} className="row">
              <span>{e.title} <span className="muted small">({e.url})</span></span>
              <Button
                variant="ghost"
                small
                aria-label={`Retirer ${e.title}`}
                onPress={() => {
                  setAdded(null);
                  set.mutate(current.filter((_, i) => i !== e.position));
                }}
              >
                Retirer
              </Button>
            </li>
          ))}
        </ul>
      ) : <p className="muted">Aucune vidéo ni carte pour l’instant.</p>}
      {added ? <Alert tone="success"><p>{added}</p></Alert> : null}
      {full ? <p className="muted">Nombre maximal atteint ({LIMITS.embedsPerPost}).</p> : (
        <Form
          aria-label="Ajouter une vidéo ou une carte"
          labels={{ url: 'Adresse', title: 'Titre' }}
          validate={(v) => check(v, { url: { required: true, max: LIMITS.embedUrl }, title: { max: LIMITS.embedTitle } })}
          onSubmit={async (v, _d, form) => {
            setAdded(null);
            const item = { url: v.url!.trim(), ...(v.title?.trim() ? { title: v.title.trim() } : {}) };
            try {
              await set.mutateAsync([...current, item]);
            } catch (error) {
              // The server names the failing item by its index; this form has one field for it.
              if (error instanceof ApiError && Object.keys(error.fields).some((k) => k.endsWith('.url'))) {
                throw new ApiError(error.status, error.code, error.message, { url: 'Adresse de vidéo ou de carte non reconnue.' });
              }
              throw error;
            }
            form.reset();
            setAdded('La vidéo ou la carte a été ajoutée. Elle ne se chargera que lorsqu’un lecteur le demandera.');
          }}
        >
          <TextField
            name="url"
            type="url"
            label="Adresse de la vidéo ou de la carte"
            description="PeerTube, YouTube, Dailymotion, Vimeo, uMap ou OpenStreetMap. Exemple : https://www.youtube.com/watch?v=…"
            isRequired
            maxLength={LIMITS.embedUrl}
            wide
          />
          <TextField name="title" label="Titre (facultatif)" description="Affiché aux lecteurs et annoncé par les lecteurs d’écran." maxLength={LIMITS.embedTitle} wide />
          <div className="form__actions">
            <Button type="submit" isPending={set.isPending}>Ajouter</Button>
          </div>
        </Form>
      )}
    </section>
  );
}

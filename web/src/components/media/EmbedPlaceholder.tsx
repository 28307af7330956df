import { useEffect, useRef, useState } from 'react';
import { EMBED_PROVIDERS, type EmbedProvider } from '../../../../common/attachments';
import { Button } from '../../ui';
import type { Embed } from './api';

/** "YouTube", or the instance's host for PeerTube, which has no single owner. */
function hostLabel(embed: Embed): string {
  const known = EMBED_PROVIDERS[embed.provider as EmbedProvider];
  if (embed.provider === 'peertube' || embed.provider === 'umap') {
    const host = new URL(embed.embedUrl).host;
    return embed.provider === 'peertube' ? `${host} (PeerTube)` : `${host} (uMap)`;
  }
  return known?.label ?? new URL(embed.embedUrl).host;
}

/**
 * Privacy first: nothing is requested from the third party until the reader asks for it.
 * The placeholder says who hosts the content; the button then swaps in the player or map,
 * and focus moves to it so keyboard users land where they asked to go.
 */
export function EmbedPlaceholder({ embed }: { embed: Embed }) {
  const [shown, setShown] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);
  const media = EMBED_PROVIDERS[embed.provider as EmbedProvider]?.media ?? 'video';
  const host = hostLabel(embed);
  useEffect(() => {
    if (shown) frame.current?.focus();
  }, [shown]);

  return (
    <figure className={`embed embed--${media}`}>
      {shown ? (
        <div className="embed__frame">
          <iframe
            ref={frame}
            src={embed.embedUrl}
            title={embed.title}
            allow="fullscreen; picture-in-picture; encrypted-media"
            allowFullScreen
            referrerPolicy="strict-origin-when-cross-origin"
            sandbox="allow-scripts allow-same-origin allow-popups allow-presentation"
          />
        </div>
      ) : (
        <div className="embed__placeholder">
          <p className="embed__title">{embed.title}</p>
          <p className="small">
            {media === 'video' ? 'Cette vidéo' : 'Cette carte'} est hébergée par {host}. Elle ne sera chargée que si vous le demandez :
            {' '}{host} recevra alors votre adresse IP et pourra déposer des cookies.
          </p>
          <Button variant="secondary" onPress={() => setShown(true)}>
            {media === 'video' ? 'Afficher la vidéo' : 'Afficher la carte'} (contenu hébergé par {host})
          </Button>
        </div>
      )}
      <figcaption className="small">
        <a href={embed.url} rel="noopener noreferrer nofollow" target="_blank">
          Ouvrir sur {host}<span className="visually-hidden"> (nouvelle fenêtre)</span>
        </a>
      </figcaption>
    </figure>
  );
}

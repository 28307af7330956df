import { useState } from 'react';
import { Link } from 'react-router';
import { SIGN_IN_METHODS } from '../../../../common/sessions';
import { RequireAuth } from '../../components/RequireAuth';
import { formatDateTime, plural } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Badge, Button, Card, QueryState } from '../../ui';
import { ApiError } from '../../api/client';
import { useDevices, useEndSessions, type DeviceSession } from './api';
import './devices.css';

export default function DevicesPage() {
  useTitle('Mes appareils');
  return (
    <RequireAuth>
      <div className="stack narrow">
        <p><Link to="/profil">← Mon profil</Link></p>
        <h1>Mes appareils</h1>
        <p>
          Les navigateurs où votre compte est ouvert en ce moment. Si vous n’en reconnaissez pas un, déconnectez-le
          puis changez votre mot de passe depuis votre profil. Aucune adresse IP n’est conservée.
        </p>
        <Devices />
      </div>
    </RequireAuth>
  );
}

function Devices() {
  const devices = useDevices();
  const end = useEndSessions();
  const [status, setStatus] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  const run = async (which: number | 'others') => {
    setStatus(null);
    try {
      const { ended } = await end.mutateAsync(which);
      setStatus({ tone: 'success', text: which === 'others' ? `${plural(ended, 'appareil déconnecté', 'appareils déconnectés')}.` : 'L’appareil est déconnecté.' });
    } catch (err) {
      setStatus({ tone: 'error', text: err instanceof ApiError ? err.message : 'La déconnexion a échoué.' });
    }
  };

  return (
    <QueryState query={devices}>
      {({ items }) => (
        <>
          {status ? <Alert tone={status.tone}><p>{status.text}</p></Alert> : null}
          <ul className="devices" aria-label="Sessions ouvertes">
            {items.map((s) => <DeviceItem key={s.id} session={s} onEnd={() => run(s.id)} isPending={end.isPending && end.variables === s.id} />)}
          </ul>
          {items.some((s) => !s.current) ? (
            <div className="row">
              <Button variant="danger" onPress={() => run('others')} isPending={end.isPending && end.variables === 'others'}>
                Déconnecter tous les autres appareils
              </Button>
            </div>
          ) : <p className="muted">Votre compte n’est ouvert sur aucun autre appareil.</p>}
        </>
      )}
    </QueryState>
  );
}

function DeviceItem({ session: s, onEnd, isPending }: { session: DeviceSession; onEnd: () => void; isPending: boolean }) {
  const name = `${s.browser} sur ${s.system}`;
  return (
    <li>
      <Card as="article" className="device">
        <h2 className="card__title">{name} {s.current ? <Badge tone="success">cet appareil</Badge> : null}</h2>
        <dl className="details">
          <dt>Connexion</dt><dd>{SIGN_IN_METHODS[s.signInMethod]}</dd>
          <dt>Première utilisation</dt><dd>{formatDateTime(s.createdAt)}</dd>
          <dt>Dernière activité</dt><dd>{formatDateTime(s.lastSeenAt)}</dd>
        </dl>
        {s.current ? null : (
          <Button variant="secondary" small onPress={onEnd} isPending={isPending} aria-label={`Déconnecter ${name}`}>
            Déconnecter
          </Button>
        )}
      </Card>
    </li>
  );
}

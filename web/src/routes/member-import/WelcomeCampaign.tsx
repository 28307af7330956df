import { useId, useState } from 'react';
import { formatDateTime } from '../../lib/format';
import { Alert, Button, Form, LoadMore, QueryState, Select, TextField } from '../../ui';
import { useCampaign, useResend, useSetPaused, useWelcomeMembers, type CampaignState, type WelcomeItem, type WelcomeStatus } from './api';

const STATUS: Record<WelcomeStatus, string> = { queued: 'En attente d’envoi', sent: 'Envoyé', activated: 'Compte activé', bounced: 'Refusé (adresse en échec)' };
const ORDER: WelcomeStatus[] = ['queued', 'sent', 'activated', 'bounced'];

/** Progress of the welcome mails of imported members (national team): figures, pause, resending to one person. */
export function WelcomeCampaign() {
  const campaign = useCampaign(true);
  return (
    <section aria-labelledby="welcome-title" className="stack">
      <h2 id="welcome-title">Campagne de bienvenue des membres importés</h2>
      <QueryState query={campaign}>{(state) => <Figures state={state} />}</QueryState>
      <Members />
    </section>
  );
}

function Figures({ state }: { state: CampaignState }) {
  const setPaused = useSetPaused();
  const total = ORDER.reduce((n, s) => n + state.counts[s], 0);
  const idBase = useId();
  return (
    <div className="stack">
      <p>
        {total.toLocaleString('fr-FR')} membre(s) importé(s) dans la campagne ; au plus {state.perHour.toLocaleString('fr-FR')} courriels par heure
        ({state.sentLastHour.toLocaleString('fr-FR')} dans la dernière heure).
        {' '}{state.paused ? <strong>Campagne suspendue.</strong> : 'Envoi en cours par lots.'}
      </p>
      <ul className="import-bars">
        {ORDER.map((s) => (
          <li key={s}>
            <span id={`${idBase}-${s}`}>{STATUS[s]} : {state.counts[s].toLocaleString('fr-FR')}</span>
            <progress aria-labelledby={`${idBase}-${s}`} max={Math.max(total, 1)} value={state.counts[s]} />
          </li>
        ))}
      </ul>
      <div className="form__actions">
        <Button variant="secondary" isPending={setPaused.isPending} onPress={() => setPaused.mutate(!state.paused)}>
          {state.paused ? 'Reprendre la campagne' : 'Suspendre la campagne'}
        </Button>
      </div>
    </div>
  );
}

function Members() {
  const [filter, setFilter] = useState<{ status?: WelcomeStatus; email?: string }>({ status: 'bounced' });
  const members = useWelcomeMembers(filter, true);
  const resend = useResend();
  return (
    <div className="stack">
      <h3>Renvoyer le courriel à une personne</h3>
      <Form
        aria-label="Chercher dans la campagne"
        onSubmit={(v) => setFilter({ status: (v.status || undefined) as WelcomeStatus | undefined, email: v.email?.trim() || undefined })}
      >
        <Select
          name="status" label="État" defaultValue="bounced" placeholder="Tous les états"
          options={ORDER.map((s) => ({ value: s, label: STATUS[s] }))}
        />
        <TextField name="email" type="email" label="Adresse électronique (facultatif)" />
        <div className="form__actions"><Button type="submit" variant="secondary">Afficher</Button></div>
      </Form>
      {resend.data ? (
        <Alert tone={resend.data.status === 'sent' ? 'success' : 'error'}>
          <p>{resend.data.status === 'sent' ? 'Courriel de bienvenue renvoyé.' : 'Le serveur de messagerie a de nouveau refusé cette adresse.'}</p>
        </Alert>
      ) : null}
      {resend.error ? <Alert tone="error"><p>{resend.error.message}</p></Alert> : null}
      <QueryState query={members}>
        {(data) => {
          const items = data.pages.flatMap((p) => p.items);
          if (items.length === 0) return <p className="muted">Personne dans cette sélection.</p>;
          return (
            <>
              <ul className="import-members">
                {items.map((m) => <MemberRow key={m.userId} m={m} onResend={() => resend.mutate(m.userId)} pending={resend.isPending && resend.variables === m.userId} />)}
              </ul>
              <LoadMore query={members} />
            </>
          );
        }}
      </QueryState>
    </div>
  );
}

function MemberRow({ m, onResend, pending }: { m: WelcomeItem; onResend: () => void; pending: boolean }) {
  const when = m.activatedAt ?? m.bouncedAt ?? m.sentAt ?? m.queuedAt;
  return (
    <li>
      <span>
        <strong>{m.firstName} {m.lastName}</strong> — {m.email} — {STATUS[m.status]} (<time dateTime={when}>{formatDateTime(when)}</time>)
        {m.error ? <span className="muted"> — {m.error}</span> : null}
      </span>
      {m.status !== 'activated' ? (
        <Button small variant="secondary" isPending={pending} onPress={onResend} aria-label={`Renvoyer le courriel de bienvenue à ${m.firstName} ${m.lastName}`}>
          Renvoyer
        </Button>
      ) : null}
    </li>
  );
}

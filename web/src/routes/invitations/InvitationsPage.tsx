import { useState } from 'react';
import { useParams } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { useCommunity } from '../../api/communities';
import type { Community } from '../../api/types';
import { PageQuery } from '../../components/PageQuery';
import { formatDate, fullName } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Badge, Button, Form, Link, LoadMore, QueryState, TextField, check } from '../../ui';
import { CommunityNav } from '../community/CommunityNav';
import { BarChart } from '../steering/charts';
import { useCreateLink, useInvitations, useInvitationStats, useInvite, useRevoke, type Invitation, type InviteOutcome } from './api';
import './invitations.css';

export default function InvitationsPage() {
  const { slug = '' } = useParams();
  const community = useCommunity(slug);
  return <PageQuery query={community} loading="Chargement…">{(c) => <InvitationsView c={c} />}</PageQuery>;
}

const STATUS: Record<Invitation['status'], { label: string; tone: 'neutral' | 'success' | 'warning' | 'info' }> = {
  pending: { label: 'En attente', tone: 'info' },
  accepted: { label: 'Acceptée', tone: 'success' },
  expired: { label: 'Expirée', tone: 'neutral' },
  revoked: { label: 'Révoquée', tone: 'warning' },
};

function InvitationsView({ c }: { c: Community }) {
  useTitle(`Inviter des collègues – ${c.name}`);
  return (
    <>
      <div className="page-head">
        <div>
          <p className="small muted"><Link to={`/communautes/${c.slug}`}>{c.name}</Link> ›</p>
          <h1>Inviter des collègues</h1>
          <p className="muted">Faites connaître l’e-communauté : une invitation personnelle par courriel, ou un lien à partager (réunion, lettre d’information…). La personne invitée arrive sur une page d’inscription déjà tournée vers « {c.name} ».</p>
        </div>
      </div>
      <CommunityNav c={c} />
      {c.can.post ? (
        <div className="invite-grid">
          <ByEmail slug={c.slug} />
          <ByLink slug={c.slug} />
        </div>
      ) : <Alert tone="info"><p>Rejoignez l’e-communauté (avec une adresse confirmée) pour y inviter des collègues.</p></Alert>}
      {c.can.moderate ? <Ambassadors slug={c.slug} /> : null}
      <List c={c} />
    </>
  );
}

function splitAddresses(text: string): string[] {
  return text.split(/[\s,;]+/).map((a) => a.trim()).filter(Boolean);
}

function ByEmail({ slug }: { slug: string }) {
  const invite = useInvite(slug);
  const [results, setResults] = useState<InviteOutcome[] | null>(null);
  return (
    <section aria-labelledby="invite-email" className="stack">
      <h2 id="invite-email">Par courriel</h2>
      <Form
        labels={{ emails: 'Adresses électroniques', message: 'Message personnel' }}
        validate={(v) => {
          const errors = check(v, { emails: { required: true }, message: { max: LIMITS.invitationMessage } });
          const n = splitAddresses(v.emails ?? '').length;
          if (n > LIMITS.invitationEmailsPerRequest) errors.emails = `Au plus ${LIMITS.invitationEmailsPerRequest} adresses à la fois.`;
          return errors;
        }}
        onSubmit={async (v, _data, form) => {
          setResults(null);
          const res = await invite.mutateAsync({ emails: splitAddresses(v.emails!), message: v.message || undefined });
          setResults(res.results);
          form.reset();
        }}
      >
        <TextField name="emails" label="Adresses électroniques" description={`Une ou plusieurs adresses (au plus ${LIMITS.invitationEmailsPerRequest}), séparées par des virgules ou des retours à la ligne. ${LIMITS.invitationsPerDay} invitations par jour au plus.`} multiline rows={3} isRequired />
        <TextField name="message" label="Message personnel" description="Facultatif : il figurera dans le courriel." multiline rows={3} maxLength={LIMITS.invitationMessage} />
        <div className="form__actions"><Button type="submit" isPending={invite.isPending}>Envoyer les invitations</Button></div>
      </Form>
      <div role="status" aria-live="polite">
        {results ? (
          <Alert tone="success" title="Invitations traitées" live={false}>
            <ul>{results.map((r) => <li key={r.email}>{r.message}</li>)}</ul>
          </Alert>
        ) : null}
      </div>
    </section>
  );
}

function ByLink({ slug }: { slug: string }) {
  const create = useCreateLink(slug);
  const [copied, setCopied] = useState(false);
  const url = create.data?.url;
  return (
    <section aria-labelledby="invite-link" className="stack">
      <h2 id="invite-link">Par un lien à partager</h2>
      <p className="small muted">Le lien reste valable {LIMITS.invitationLinkDays} jours et peut être désactivé à tout moment. Il n’est affiché qu’une fois : copiez-le.</p>
      <div className="row">
        <Button variant="secondary" isPending={create.isPending} onPress={() => { setCopied(false); create.mutate(undefined); }}>Créer un lien d’invitation</Button>
      </div>
      {create.error ? <Alert tone="error"><p>{create.error.message}</p></Alert> : null}
      {url ? (
        <div className="stack">
          <TextField name="invite-url" label="Lien d’invitation" value={url} wide />
          <div className="row">
            <Button small onPress={() => { void navigator.clipboard?.writeText(url).then(() => setCopied(true)); }}>Copier le lien</Button>
            <span role="status" aria-live="polite" className="small">{copied ? 'Lien copié.' : ''}</span>
          </div>
        </div>
      ) : null}
    </section>
  );
}

function Ambassadors({ slug }: { slug: string }) {
  const stats = useInvitationStats(slug, true);
  return (
    <section aria-labelledby="ambassadors" className="stack" style={{ marginTop: 'var(--sp-6)' }}>
      <h2 id="ambassadors">Ambassadeurs de l’e-communauté</h2>
      <QueryState query={stats} loading="Chargement des chiffres…">
        {(s) => (
          <>
            <p>
              <strong>{s.totals.sent}</strong> invitation{s.totals.sent > 1 ? 's' : ''} envoyée{s.totals.sent > 1 ? 's' : ''},{' '}
              <strong>{s.totals.accepted}</strong> acceptée{s.totals.accepted > 1 ? 's' : ''},{' '}
              <strong>{s.totals.joined}</strong> adhésion{s.totals.joined > 1 ? 's' : ''} obtenue{s.totals.joined > 1 ? 's' : ''}.
            </p>
            {s.byInviter.length > 0 ? (
              <>
                <BarChart title="Adhésions obtenues par personne" unit="adhésions" bars={s.byInviter.slice(0, 12).map((r) => ({ label: fullName(r.inviter), value: r.joined }))} />
                <div className="table-wrap">
                  <table>
                    <caption>Invitations par personne</caption>
                    <thead><tr><th scope="col">Personne</th><th scope="col">Envoyées</th><th scope="col">Acceptées</th><th scope="col">Adhésions</th></tr></thead>
                    <tbody>
                      {s.byInviter.map((r) => (
                        <tr key={r.inviter.id}>
                          <th scope="row">{fullName(r.inviter)}{r.role && r.role !== 'member' ? ` (${r.role === 'coordinator' ? 'coordination' : 'animation'})` : ''}</th>
                          <td>{r.sent}</td><td>{r.accepted}</td><td>{r.joined}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </>
            ) : <p className="muted">Aucune invitation pour l’instant.</p>}
          </>
        )}
      </QueryState>
    </section>
  );
}

function List({ c }: { c: Community }) {
  const invitations = useInvitations(c.slug);
  const revoke = useRevoke(c.slug);
  return (
    <section aria-labelledby="invite-list" className="stack" style={{ marginTop: 'var(--sp-6)' }}>
      <h2 id="invite-list">{c.can.moderate ? 'Toutes les invitations' : 'Mes invitations'}</h2>
      {revoke.error ? <Alert tone="error"><p>{revoke.error.message}</p></Alert> : null}
      <QueryState query={invitations} loading="Chargement des invitations…">
        {(data) => {
          const items = data.pages.flatMap((p) => p.items);
          if (items.length === 0) return <p className="muted">Aucune invitation envoyée.</p>;
          return (
            <ul className="invite-list">
              {items.map((i) => (
                <li key={i.id}>
                  <span><Invitee i={i} /></span>
                  <Badge tone={STATUS[i.status].tone}>{STATUS[i.status].label}</Badge>
                  <span className="small muted">par {fullName(i.inviter)}, le {formatDate(i.createdAt)}, valable jusqu’au {formatDate(i.expiresAt)}</span>
                  {i.can.revoke ? (
                    <Button small variant="ghost" isPending={revoke.isPending && revoke.variables === i.id} onPress={() => revoke.mutate(i.id)}>
                      {i.kind === 'link' ? 'Désactiver le lien' : 'Révoquer'}<span className="visually-hidden"> {i.email ?? `créé le ${formatDate(i.createdAt)}`}</span>
                    </Button>
                  ) : null}
                </li>
              ))}
            </ul>
          );
        }}
      </QueryState>
      <LoadMore query={invitations} label="Plus d’invitations" />
    </section>
  );
}

/** Whom an invitation went to: the address while it waits, the member (never their address) once accepted. */
function Invitee({ i }: { i: Invitation }) {
  if (i.kind === 'link') return <>Lien partagé ({i.acceptedCount} personne{i.acceptedCount > 1 ? 's' : ''} l’ont suivi)</>;
  if (i.member) return <Link to={`/membres/${i.member.id}`}>{fullName(i.member)}</Link>;
  return <>{i.email ?? 'Invitation acceptée'}</>;
}

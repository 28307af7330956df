import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { useContributions, useMemberProfile, useSetBlock, type MemberProfile } from '../../api/members';
import { useStartConversation } from '../../api/messages';
import type { PublicProfile, PostKind } from '../../api/types';
import { departementName } from '../../lib/departements';
import { formatDate, fullName, plural } from '../../lib/format';
import { KIND_LABELS } from '../../lib/kind-labels';
import { ROLE_LABELS } from '../../lib/labels';
import { useTitle } from '../../lib/useTitle';
import { Alert, Badge, Button, Card, ConfirmDialog, Form, LoadMore, QueryState, MarkdownEditor, check } from '../../ui';
import { PageQuery } from '../../components/PageQuery';
import { RequireAuth } from '../../components/RequireAuth';
import { NotFound } from '../not-found/NotFoundPage';

export default function MemberPage() {
  const id = Number(useParams().id);
  if (!Number.isInteger(id) || id <= 0) return <NotFound />;
  return (
    <RequireAuth>
      <MemberQuery id={id} />
    </RequireAuth>
  );
}

function MemberQuery({ id }: { id: number }) {
  const profile = useMemberProfile(id);
  return <PageQuery query={profile}>{(u) => <Profile u={u} />}</PageQuery>;
}

function Profile({ u }: { u: MemberProfile }) {
  useTitle(fullName(u));
  const work = [u.job, u.employer].filter(Boolean).join(' — ');
  return (
    <div className="narrow stack">
      <div>
        <h1>{fullName(u)}</h1>
        {work ? <p className="lead">{work}</p> : null}
        <p className="muted">
          {u.departement ? <>{departementName(u.departement)}{u.region ? `, ${u.region.name}` : ''} · </> : null}
          Membre depuis le {formatDate(u.createdAt)}
        </p>
        {u.email ? <p>Adresse électronique : <a href={`mailto:${u.email}`}>{u.email}</a></p> : null}
        {u.can.edit ? (
          <p className="small muted">
            C’est votre page telle que vous la voyez ; les autres membres n’y voient que ce que vous avez choisi de montrer.{' '}
            <Link to="/profil#visibilite">Choisir ce que mon profil montre</Link>
          </p>
        ) : null}
      </div>
      {u.can.block ? <Contact u={u} /> : null}
      {u.bio ? (
        <Card as="section">
          <h2 className="card__title">Présentation</h2>
          <p className="pre-line">{u.bio}</p>
        </Card>
      ) : null}
      <MembershipsCard memberships={u.memberships} title="E-communautés" empty="Ce membre n’a rejoint aucune e-communauté." />
      <Contributions id={u.id} />
    </div>
  );
}

/** Writing to the member, and blocking them. */
function Contact({ u }: { u: MemberProfile }) {
  const [writing, setWriting] = useState(false);
  const block = useSetBlock(u.id);
  const start = useStartConversation();
  const navigate = useNavigate();
  return (
    <Card as="section">
      <h2 className="card__title">Contacter</h2>
      {u.can.message ? (
        writing ? (
          <Form
            labels={{ body: 'Votre message' }}
            validate={(v) => check(v, { body: { required: true, max: LIMITS.messageBody } })}
            onSubmit={async (v) => {
              const out = await start.mutateAsync({ memberIds: [u.id], body: v.body!.trim() });
              navigate(`/messages/${out.conversationId}`);
            }}
          >
            <MarkdownEditor name="body" label="Votre message" description={`Message privé : seul·e ${u.firstName} le lira.`} rows={4} isRequired maxLength={LIMITS.messageBody} autoFocus />
            <div className="form__actions">
              <Button type="submit" isPending={start.isPending}>Envoyer</Button>
              <Button variant="secondary" onPress={() => setWriting(false)}>Annuler</Button>
            </div>
          </Form>
        ) : (
          <div className="row">
            <Button onPress={() => setWriting(true)}>Envoyer un message privé</Button>
          </div>
        )
      ) : (
        <p className="muted">Vous ne pouvez pas écrire à ce membre.</p>
      )}
      <div className="row" style={{ marginTop: 'var(--sp-4)' }}>
        {u.blockedByMe ? (
          <>
            <Badge tone="warning">Vous avez bloqué ce membre</Badge>
            <Button variant="secondary" small isPending={block.isPending} onPress={() => block.mutate(false)}>Débloquer</Button>
          </>
        ) : (
          <ConfirmDialog triggerLabel="Bloquer ce membre" triggerVariant="secondary" small title={`Bloquer ${fullName(u)} ?`}
            confirmLabel="Bloquer" isPending={block.isPending} onConfirm={() => block.mutateAsync(true)}>
            <p>{fullName(u)} ne pourra plus vous écrire de message privé. Vous pourrez le débloquer à tout moment depuis cette page.</p>
          </ConfirmDialog>
        )}
      </div>
      {block.error ? <Alert tone="error"><p>{block.error.message}</p></Alert> : null}
    </Card>
  );
}

function Contributions({ id }: { id: number }) {
  const list = useContributions(id);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Card as="section">
      <h2 className="card__title">Contributions</h2>
      <QueryState query={list} loading="Chargement des contributions…">
        {() => items.length === 0 ? <p className="muted">Aucune publication visible pour le moment.</p> : (
          <>
            <ul className="plain-list stack">
              {items.map((p) => (
                <li key={p.id}>
                  <Link to={`/publications/${p.id}`}>{p.title}</Link>{' '}
                  <Badge>{KIND_LABELS[p.kind as PostKind] ?? p.kind}</Badge>
                  <br />
                  <span className="small muted">
                    {p.community.name} · {formatDate(p.createdAt)} · {plural(p.commentCount, 'commentaire')}
                  </span>
                </li>
              ))}
            </ul>
            <LoadMore query={list} label="Plus de contributions" />
          </>
        )}
      </QueryState>
    </Card>
  );
}

export function MembershipsCard({ memberships, title, empty }: { memberships: PublicProfile['memberships']; title: string; empty: string }) {
  return (
    <Card as="section">
      <h2 className="card__title">{title}</h2>
      {memberships.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className="plain-list">
          {memberships.map((m) => (
            <li key={m.community.id}>
              <Link to={`/communautes/${m.community.slug}`}>{m.community.name}</Link>{' '}
              {m.role !== 'member' ? <Badge tone="info">{ROLE_LABELS[m.role]}</Badge> : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

import { Link } from 'react-router';
import { formatDateTime, fullName } from '../../lib/format';
import { LoadMore, QueryState } from '../../ui';
import { useAudit, type AuditEntry, type ModerationAction } from './api';
import { ACTION_DONE, ACTION_LABELS } from './labels';

/** Actions on accounts written to the same log by other modules (mfa: the national team resets a second factor). */
const ACCOUNT_ACTIONS: Record<string, string> = { mfa_reset: 'Réinitialiser le second facteur' };

const FIELD_LABELS: Record<string, string> = {
  hidden: 'Masqué', hiddenReason: 'Motif affiché', deleted: 'Supprimé', suspendedUntil: 'Suspension jusqu’au',
  days: 'Durée (jours)', bannedAt: 'Exclu·e depuis', banned: 'Exclu·e du réseau',
  code: 'Code', label: 'Libellé', description: 'Description', article: 'Article', active: 'Proposé aux membres', position: 'Ordre',
};

/** Changes to the reasons list, logged with the decisions. */
const REASON_ACTIONS: Record<string, string> = {
  reason_create: 'Motif de signalement ajouté', reason_update: 'Motif de signalement modifié',
  // Not a moderation action: the national team's changes to an animator's monthly hours are logged here too.
  hours_ceiling: 'Plafond d’heures d’un mois relevé',
};

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v))) return formatDateTime(v);
  return String(v);
}

/** Before/after in words: the text itself for edits, "Masqué : oui" for the rest. */
function describe(value: unknown): string {
  if (value === null || value === undefined) return '—';
  const o = value as Record<string, unknown>;
  if (typeof o.bodyMd === 'string') return o.bodyMd;
  return Object.entries(o).map(([k, v]) => `${FIELD_LABELS[k] ?? k} : ${show(v)}`).join('\n');
}

/** The audit log, newest first: who, when, what, why, before and after. `slug` null: the whole network. */
export function AuditList({ slug }: { slug: string | null }) {
  const audit = useAudit(slug);
  return (
    <QueryState query={audit} loading="Chargement du journal…">
      {(data) => {
        const items = data.pages.flatMap((p) => p.items);
        if (items.length === 0) return <p>Aucune décision de modération pour l’instant.</p>;
        return (
          <>
            <div className="mod-table-scroll">
              <table className="mod-table">
                <caption className="visually-hidden">Journal de modération, du plus récent au plus ancien</caption>
                <thead>
                  <tr>
                    <th scope="col">Date</th><th scope="col">Par</th><th scope="col">Décision</th><th scope="col">Contenu et auteur·e</th>
                    <th scope="col">Motif et message</th><th scope="col">Avant</th><th scope="col">Après</th>
                  </tr>
                </thead>
                <tbody>{items.map((e) => <Row key={e.id} e={e} network={slug === null} />)}</tbody>
              </table>
            </div>
            <LoadMore query={audit} label="Afficher les décisions plus anciennes" />
          </>
        );
      }}
    </QueryState>
  );
}

function Row({ e, network }: { e: AuditEntry; network: boolean }) {
  const target = e.targetType === 'post' ? `/publications/${e.targetId}` : null;
  const reasonCode = e.targetType === 'flag_reason' ? String((e.after as { code?: string } | null)?.code ?? '') : null;
  return (
    <tr>
      <td><time dateTime={e.createdAt}>{formatDateTime(e.createdAt)}</time>{network && e.community ? <><br /><span className="small">{e.community.name}</span></> : null}</td>
      <td>{fullName(e.actor)}</td>
      <td>
        {e.action in REASON_ACTIONS ? REASON_ACTIONS[e.action] : (
          <>{ACTION_LABELS[e.action as ModerationAction] ?? ACCOUNT_ACTIONS[e.action] ?? e.action}<span className="visually-hidden"> ({ACTION_DONE[e.action as ModerationAction] ?? ''})</span></>
        )}
      </td>
      <td>
        {reasonCode !== null ? <>Motif « {reasonCode} »</> : target ? <Link to={target}>Publication n° {e.targetId}</Link> : <>Commentaire n° {e.targetId}</>}
        {e.targetUser ? <><br />{fullName(e.targetUser)}</> : null}
      </td>
      <td>{e.reason ? `${e.reason.label}${e.reason.article ? ` (${e.reason.article})` : ''}` : '—'}{e.message ? <><br /><em>« {e.message} »</em></> : null}</td>
      <td><pre className="audit-diff">{describe(e.before)}</pre></td>
      <td><pre className="audit-diff">{describe(e.after)}</pre></td>
    </tr>
  );
}

import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { REPORT_LIMITS, REPORT_SECTIONS, REVIEW_STATUSES, type ReportSection, type ReviewStatus } from '../../../../common/reports';
import { type ApiError } from '../../api/client';
import type { PostKind } from '../../api/types';
import { PageQuery } from '../../components/PageQuery';
import { formatDate, formatDateTime, formatNumber, monthLabel } from '../../lib/format';
import { KIND_LABELS } from '../../lib/kind-labels';
import { useTitle } from '../../lib/useTitle';
import { Alert, Badge, Button, Card, Form, Select, MarkdownEditor, TextField } from '../../ui';
import { BarChart } from '../steering/charts';
import '../steering/steering.css';
import { exportUrl, useReport, useReportWrites, type Figures, type Report } from './api';
import { duration, percent } from './format';
import './reports.css';
import { DraftStatus } from '../../components/drafts/DraftStatus';
import { useDraft } from '../../components/drafts/useDraft';

/** /rapports/:id — an activity report: figures from the data, written parts, submission, the coordinator's comment. */
export default function ReportPage() {
  const id = Number(useParams().id);
  const report = useReport(id);
  return <PageQuery query={report} loading="Calcul des chiffres de la période…">{(r) => <ReportView r={r} />}</PageQuery>;
}

function ReportView({ r }: { r: Report }) {
  useTitle(`Rapport d’activité de ${r.author.name} – ${r.community.name}`);
  return (
    <div className="stack">
      <div>
        <p className="small muted">
          <Link to={`/communautes/${r.community.slug}`}>{r.community.name}</Link> › <Link to={`/reunions/${r.meeting.id}`}>Réunion du {formatDateTime(r.meeting.scheduledAt)}</Link> ›
        </p>
        <h1>Rapport d’activité de {r.author.name}</h1>
        <p>
          Période : {monthLabel(r.meeting.fromMonth)} – {monthLabel(r.meeting.toMonth)}{' '}
          {r.status === 'submitted'
            ? <Badge tone="success">transmis à la coordination le {formatDateTime(r.submittedAt!)}</Badge>
            : <Badge tone="neutral">brouillon : chiffres à jour des données</Badge>}
          {r.review && r.status === 'draft' ? <> <ReviewBadge status={r.review.status} /></> : null}
        </p>
        {r.review && r.status === 'draft' ? (
          <p className="small muted">
            Relu par {r.review.by?.name ?? 'la coordination'} le {formatDateTime(r.review.at)}
            {Object.keys(r.review.notes).length ? ' : ses notes figurent sous les parties concernées.' : '.'}
          </p>
        ) : null}
        <div className="report-exports" aria-label="Exports">
          <a href={exportUrl(r.id, 'pdf')} download>Télécharger en PDF</a>
          <a href={exportUrl(r.id, 'docx')} download>Télécharger en DOCX (traitement de texte)</a>
          <a href={exportUrl(r.id, 'csv')} download>Chiffres en CSV (tableur)</a>
        </div>
      </div>
      <FiguresView f={r.figures} />
      {r.can.edit ? <WrittenForm r={r} /> : <WrittenView r={r} />}
      {r.can.review ? <ReviewForm r={r} /> : null}
      <CommentSection r={r} />
    </div>
  );
}

function FiguresView({ f }: { f: Figures }) {
  const kinds = f.formats.kinds.map((k) => `${KIND_LABELS[k.kind as PostKind] ?? k.kind} (${k.count})`);
  return (
    <section aria-labelledby="figures-title" className="stack">
      <h2 id="figures-title">Chiffres du {formatDate(f.period.from)} au {formatDate(f.period.to)}</h2>
      <div className="steering-grid">
        <Card as="section">
          <h3 className="card__title">Membres</h3>
          <dl className="report-figures">
            <dt>En début de période</dt><dd>{formatNumber(f.members.atStart)}</dd>
            <dt>En fin de période</dt><dd>{formatNumber(f.members.atEnd)}</dd>
            <dt>Nouveaux membres</dt><dd>{formatNumber(f.members.joined)}</dd>
            <dt>Croissance</dt><dd>{percent(f.members.growthRate)}</dd>
            <dt>Membres actifs (lecture ou écriture)</dt><dd>{formatNumber(f.members.active)}</dd>
          </dl>
          <BarChart title="Membres en fin de mois" unit="membres" bars={f.monthly.map((m) => ({ label: monthLabel(m.month, true), value: m.total }))} />
        </Card>
        <Card as="section">
          <h3 className="card__title">Contributions de l’animateur·rice</h3>
          <p className="steering-total"><strong>{f.contributions.total}</strong> sur un objectif de <strong>{f.contributions.target}</strong> pour la période</p>
          <BarChart title="Contributions par famille" unit="contributions" bars={f.contributions.families.map((x) => ({ label: x.label, value: x.count }))} />
          <details>
            <summary>Détail par source</summary>
            <ul className="steering-sources">
              {f.contributions.families.flatMap((x) => x.sources.map((s) => <li key={s.code}>{x.label} — {s.label} : {s.count}</li>))}
            </ul>
          </details>
          <p>Formats : {kinds.join(', ') || 'aucune publication'}
            {f.formats.attachments.length ? ` ; pièces jointes ${f.formats.attachments.map((a) => `${a.format} (${a.count})`).join(', ')}` : ''}
            {f.formats.embeds.length ? ` ; médias ${f.formats.embeds.map((e) => `${e.provider} (${e.count})`).join(', ')}` : ''}
          </p>
          {f.cnfptResources === undefined ? null : <p>Ressources CNFPT mises en avant : <strong>{f.cnfptResources}</strong></p>}
        </Card>
        <Card as="section">
          <h3 className="card__title">Questions</h3>
          <dl className="report-figures">
            <dt>Questions posées</dt><dd>{f.questions.asked}</dd>
            <dt>Avec une réponse</dt><dd>{f.questions.answered}</dd>
            <dt>Répondues dans le délai</dt><dd>{f.questions.answeredWithinDeadline} ({percent(f.questions.shareWithinDeadline)})</dd>
            <dt>Délai médian de première réponse</dt><dd>{duration(f.questions.medianSeconds)}</dd>
          </dl>
        </Card>
        <Card as="section">
          <h3 className="card__title">Modération, agenda, sondages</h3>
          <dl className="report-figures">
            <dt>Signalements reçus / traités</dt><dd>{f.moderation.flagsReceived} / {f.moderation.flagsHandled}</dd>
            <dt>Délai médian de traitement</dt><dd>{duration(f.moderation.medianHandleSeconds)}</dd>
            <dt>Événements tenus / ajoutés</dt><dd>{f.agenda.eventsHeld} / {f.agenda.eventsAdded}</dd>
            <dt>Sondages lancés (réponses)</dt><dd>{f.polls.launched} ({f.polls.votes})</dd>
            <dt>Résultats publiés</dt><dd>{f.polls.resultsPublished}</dd>
          </dl>
        </Card>
        <Card as="section">
          <h3 className="card__title">Contenus les plus lus</h3>
          {f.mostRead.length === 0 ? <p className="muted">Aucune lecture comptée sur la période.</p> : (
            <ol className="steering-list">
              {f.mostRead.map((p) => <li key={p.postId}><Link to={`/publications/${p.postId}`}>{p.title}</Link> <span className="muted small">{formatNumber(p.value)} lectures</span></li>)}
            </ol>
          )}
        </Card>
      </div>
    </section>
  );
}

/** One written section, its text saved as a draft while typed (until the report itself is saved). */
function SectionField({ r, section, saves }: { r: Report; section: (typeof REPORT_SECTIONS)[number]; saves: number }) {
  const draft = useDraft(`report:${r.id}:${section.key}`);
  const { discard } = draft;
  // Saved with the report: the server dropped the drafts; stop saving and take the report's text again.
  useEffect(() => { if (saves > 0) void discard(); }, [saves, discard]);
  return (
    <>
      <MarkdownEditor
        key={draft.fieldKey} defaultValue={draft.initial?.body ?? r[section.key]} onChange={draft.save}
        name={section.key} label={section.label} description={section.hint} rows={5} maxLength={REPORT_LIMITS.text}
      />
      <DraftStatus draft={draft} />
    </>
  );
}

function WrittenForm({ r }: { r: Report }) {
  const writes = useReportWrites(r.id);
  const [saves, setSaves] = useState(0);
  const save = async (v: Record<string, string>) => {
    await writes.edit.mutateAsync({ highlights: v.highlights ?? '', difficulties: v.difficulties ?? '', proposals: v.proposals ?? '', rendezvous: v.rendezvous ?? '' });
    setSaves((n) => n + 1);
  };
  /** Saves what is typed, then sends the report (once: the server refuses a second time). */
  const transmit = async () => {
    const form = document.querySelector<HTMLFormElement>('#report-written form');
    if (!form) return;
    const values = Object.fromEntries([...new FormData(form)].map(([k, v]) => [k, String(v)]));
    try {
      await save(values);
      await writes.submit.mutateAsync();
    } catch {
      // shown from the mutations' error below
    }
  };
  const error = (writes.submit.error ?? writes.edit.error) as ApiError | null;
  return (
    <Card as="section">
      <h2 className="card__title" id="written-title">Parties rédigées</h2>
      <div id="report-written">
        <Form aria-labelledby="written-title" labels={Object.fromEntries(REPORT_SECTIONS.map((s) => [s.key, s.label]))} onSubmit={save}>
          {REPORT_SECTIONS.map((s) => (
            <div key={s.key}>
              <SectionField r={r} section={s} saves={saves} />
              <ReviewNote r={r} section={s.key} />
            </div>
          ))}
          {writes.edit.isSuccess && !writes.submit.isPending ? <Alert tone="success"><p>Brouillon enregistré.</p></Alert> : null}
          <div className="form__actions"><Button type="submit" variant="secondary" isPending={writes.edit.isPending}>Enregistrer le brouillon</Button></div>
        </Form>
      </div>
      <h3 className="report-subtitle">Transmettre</h3>
      <p className="small muted">Une fois transmis à la coordination, le rapport et ses chiffres ne changent plus.</p>
      {error && writes.submit.isError ? <Alert tone="error"><p>{error.message}</p></Alert> : null}
      <Button onPress={() => void transmit()} isPending={writes.submit.isPending}>Transmettre à la coordination</Button>
    </Card>
  );
}

function WrittenView({ r }: { r: Report }) {
  return (
    <Card as="section">
      <h2 className="card__title">Parties rédigées</h2>
      {REPORT_SECTIONS.map((s) => (
        <div key={s.key}>
          <h3 className="report-subtitle">{s.label}</h3>
          <p className="report-text">{r[s.key].trim() || <span className="muted">(non renseigné)</span>}</p>
          {r.status === 'draft' && !r.can.review ? <ReviewNote r={r} section={s.key} /> : null}
        </div>
      ))}
    </Card>
  );
}

function CommentSection({ r }: { r: Report }) {
  const writes = useReportWrites(r.id);
  if (!r.comment && !r.can.comment) return null;
  return (
    <Card as="section">
      <h2 className="card__title" id="comment-title">Commentaire de la coordination</h2>
      {r.comment ? (
        <>
          <p className="report-text">{r.comment.text}</p>
          <p className="small muted">{r.comment.by ? `${r.comment.by.name}, ` : ''}le {formatDateTime(r.comment.at)}</p>
        </>
      ) : null}
      {r.can.comment ? (
        <Form aria-labelledby="comment-title" labels={{ comment: 'Commentaire' }} onSubmit={async (v) => { await writes.comment.mutateAsync(v.comment ?? ''); }}>
          <TextField name="comment" label={r.comment ? 'Modifier le commentaire' : 'Votre commentaire'} multiline rows={4} maxLength={REPORT_LIMITS.comment} isRequired defaultValue={r.comment?.text ?? ''} />
          <div className="form__actions"><Button type="submit" isPending={writes.comment.isPending}>Enregistrer le commentaire</Button></div>
        </Form>
      ) : null}
    </Card>
  );
}

function ReviewBadge({ status }: { status: ReviewStatus }) {
  return <Badge tone={status === 'ready' ? 'success' : 'warning'}>relecture : {REVIEW_STATUSES[status]}</Badge>;
}

/** The coordination's note on one section of the draft, shown to the author beside what it comments. */
function ReviewNote({ r, section }: { r: Report; section: ReportSection }) {
  const note = r.review?.notes[section];
  if (!note) return null;
  return <p className="report-review-note"><strong>Note de la coordination :</strong> <span className="report-text">{note}</span></p>;
}

const STATUS_OPTIONS = Object.entries(REVIEW_STATUSES).map(([value, label]) => ({ value, label: label[0]!.toUpperCase() + label.slice(1) }));

/** Before the meeting, the coordination reads the draft and answers it: a note per section, « à revoir » or « prêt ». */
function ReviewForm({ r }: { r: Report }) {
  const writes = useReportWrites(r.id);
  const labels = Object.fromEntries([...REPORT_SECTIONS.map((s) => [s.key, `Note sur « ${s.label} »`]), ['status', 'Avis sur le brouillon']]);
  const save = async (v: Record<string, string>) => {
    const notes = Object.fromEntries(REPORT_SECTIONS.map((s) => [s.key, v[s.key] ?? '']));
    await writes.review.mutateAsync({ status: (v.status ?? 'to_revise') as ReviewStatus, notes });
  };
  return (
    <Card as="section">
      <h2 className="card__title" id="review-title">Relecture du brouillon</h2>
      <p className="small muted">Vos notes et votre avis s’affichent sur le brouillon de {r.author.name}, sous chaque partie.</p>
      <Form aria-labelledby="review-title" labels={labels} onSubmit={save}>
        {REPORT_SECTIONS.map((s) => (
          <TextField key={s.key} name={s.key} label={labels[s.key]!} multiline rows={3} maxLength={REPORT_LIMITS.comment} defaultValue={r.review?.notes[s.key] ?? ''} />
        ))}
        <Select name="status" label={labels.status!} options={STATUS_OPTIONS} defaultValue={r.review?.status ?? 'to_revise'} />
        {writes.review.isSuccess ? <Alert tone="success"><p>Relecture enregistrée.</p></Alert> : null}
        <div className="form__actions"><Button type="submit" isPending={writes.review.isPending}>Enregistrer la relecture</Button></div>
      </Form>
    </Card>
  );
}

import { useState } from 'react';
import { useParams } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { LEGAL_PAGES, useLegalPage, useUpdateLegalPage } from '../../api/site';
import type { LegalPage as LegalPageData } from '../../../../common/api/site';
import { formatDateTime } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Alert, Button, Card, Form, TextField, check } from '../../ui';
import { PageQuery } from '../../components/PageQuery';
import { NotFound } from '../not-found/NotFoundPage';
import { LegalVersions } from '../privacy/LegalVersions';
import { AccessibilityPlanActions, AccessibilityStatementFigures } from './AccessibilityAudit';

export default function LegalPage() {
  const { slug = '' } = useParams();
  const known = LEGAL_PAGES.some((p) => p.slug === slug);
  const page = useLegalPage(slug);
  if (!known) return <NotFound />;
  return <PageQuery query={page}>{(p) => <PageView key={p.slug} page={p} />}</PageQuery>;
}

function PageView({ page }: { page: LegalPageData }) {
  useTitle(page.title);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <div className="narrow-wide">
      <h1>{page.title}</h1>
      <p className="muted small">Version {page.version}, mise à jour le <time dateTime={page.updatedAt}>{formatDateTime(page.updatedAt)}</time></p>
      {saved ? <Alert tone="success"><p>La page est enregistrée (nouvelle version {page.version}).</p></Alert> : null}
      {editing ? (
        <LegalPageForm page={page} onDone={(ok) => { setEditing(false); setSaved(ok); }} />
      ) : (
        <>
          {/* The statement's figures come from the audit data, never from the editable text. */}
          {page.slug === 'accessibilite' ? <AccessibilityStatementFigures /> : null}
          <div className="prose" dangerouslySetInnerHTML={{ __html: page.bodyHtml }} />
          {page.slug === 'plan-accessibilite' ? <AccessibilityPlanActions /> : null}
          {page.can.edit ? <Button variant="secondary" onPress={() => { setSaved(false); setEditing(true); }}>Modifier la page</Button> : null}
          <LegalVersions slug={page.slug} current={page.version} />
        </>
      )}
    </div>
  );
}

export function LegalPageForm({ page, onDone }: { page: LegalPageData; onDone: (saved: boolean) => void }) {
  const update = useUpdateLegalPage(page.slug);
  return (
    <Card as="section">
      <h2 className="card__title">Modifier « {page.title} »</h2>
      <Form
        labels={{ title: 'Titre de la page', body: 'Contenu' }}
        validate={(v) => check(v, { title: { required: true, max: LIMITS.postTitle }, body: { required: true, max: LIMITS.legalBody } })}
        onSubmit={async (v) => {
          await update.mutateAsync({ title: v.title!.trim(), body: v.body! });
          onDone(true);
        }}
      >
        <TextField name="title" label="Titre de la page" isRequired defaultValue={page.title} maxLength={LIMITS.postTitle} wide />
        <TextField name="body" label="Contenu" description="Texte au format Markdown. Chaque enregistrement crée une nouvelle version." multiline rows={16} isRequired defaultValue={page.bodyMd} maxLength={LIMITS.legalBody} />
        <div className="form__actions">
          <Button type="submit" isPending={update.isPending}>Enregistrer la page</Button>
          <Button variant="secondary" onPress={() => onDone(false)}>Annuler</Button>
        </div>
      </Form>
    </Card>
  );
}

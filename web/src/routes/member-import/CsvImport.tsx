import { useId, useState, type ChangeEvent } from 'react';
import { LIMITS } from '../../../../common/limits';
import { ApiError } from '../../api/client';
import { Alert, Button, Select } from '../../ui';
import { useImport, usePreview, type ImportTarget, type LineStatus, type Preview } from './api';

const STATUS_TEXT: Record<LineStatus, string> = {
  new: 'Nouveau compte', existing: 'Compte existant ajouté', member: 'Déjà membre', error: 'Erreur',
};

/** Reads the file as UTF-8 (byte order mark or not); a file in another encoding is refused with the way out. */
async function readUtf8(file: File): Promise<string> {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw new Error('Ce fichier n’est pas encodé en UTF-8 : dans votre tableur, enregistrez-le au format « CSV UTF-8 » puis choisissez-le de nouveau.');
  }
}

const messageOf = (err: unknown) => (err instanceof ApiError || err instanceof Error ? err.message : 'Une erreur est survenue.');

/** Upload, line-by-line preview, confirmation: the national team into any community, a coordinator into theirs. */
export function CsvImport({ targets }: { targets: ImportTarget[] }) {
  const ids = { file: useId(), help: useId() };
  const [community, setCommunity] = useState(targets[0]?.slug ?? '');
  const [csv, setCsv] = useState<string | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const preview = usePreview();
  const confirm = useImport();

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    setCsv(null);
    setFileError(null);
    preview.reset();
    confirm.reset();
    if (!file) return;
    if (file.size > LIMITS.memberCsvBytes) {
      setFileError('Ce fichier CSV dépasse 1 Mo : découpez la liste en plusieurs fichiers.');
      return;
    }
    try {
      const text = await readUtf8(file);
      setCsv(text);
      preview.mutate({ csv: text, community });
    } catch (err) {
      setFileError(messageOf(err));
    }
  };

  const onCommunity = (slug: string) => {
    setCommunity(slug);
    confirm.reset();
    if (csv) preview.mutate({ csv, community: slug });
  };

  return (
    <section aria-labelledby="csv-import-title" className="stack">
      <h2 id="csv-import-title">Importer une liste de membres (CSV)</h2>
      <p id={ids.help}>
        Une ligne par personne : adresse électronique, prénom, nom, employeur et, si besoin, l’adresse courte (slug) de l’e-communauté.
        Séparateur « ; » ou « , », encodage UTF-8 (format « CSV UTF-8 » des tableurs), 1 Mo et {LIMITS.memberCsvRows.toLocaleString('fr-FR')} lignes au plus.
        Les nouvelles personnes sont pré-inscrites et reçoivent un courriel de bienvenue ; les comptes existants sont ajoutés et prévenus.
        Importer de nouveau le même fichier ne change rien.
      </p>
      <Select
        name="community" label="E-communauté des lignes sans colonne « communauté »" value={community} onChange={onCommunity}
        options={targets.map((t) => ({ value: t.slug, label: t.name }))}
      />
      <div className="field">
        <label htmlFor={ids.file} className="field__label">Fichier CSV</label>
        <input id={ids.file} type="file" accept=".csv,text/csv" aria-describedby={ids.help} onChange={(e) => void onFile(e)} />
      </div>
      {fileError ? <Alert tone="error" title="Fichier refusé"><p>{fileError}</p></Alert> : null}
      {preview.isPending ? <p role="status">Vérification du fichier…</p> : null}
      {preview.error ? <Alert tone="error" title="Fichier refusé"><p>{messageOf(preview.error)}</p></Alert> : null}
      {preview.data && csv ? (
        <PreviewTable preview={preview.data} />
      ) : null}
      {preview.data && csv && !confirm.data ? (
        <div className="form__actions">
          <Button
            isDisabled={preview.data.counts.new + preview.data.counts.existing === 0}
            isPending={confirm.isPending}
            onPress={() => confirm.mutate({ csv, community })}
          >
            Confirmer l’import
          </Button>
          {preview.data.counts.error > 0 ? <p className="muted">Les lignes en erreur ne seront pas importées.</p> : null}
        </div>
      ) : null}
      {confirm.error ? <Alert tone="error" title="Import refusé"><p>{messageOf(confirm.error)}</p></Alert> : null}
      {confirm.data ? (
        <Alert tone="success" title="Import terminé">
          <p>
            {confirm.data.created} compte(s) pré-inscrit(s), {confirm.data.added} adhésion(s) ajoutée(s), {confirm.data.unchanged} ligne(s) déjà à jour,
            {' '}{confirm.data.errors} ligne(s) en erreur non importée(s). Les courriels de bienvenue partent par lots.
          </p>
        </Alert>
      ) : null}
    </section>
  );
}

function PreviewTable({ preview }: { preview: Preview }) {
  const { counts } = preview;
  return (
    <div className="stack">
      <h3>Vérification du fichier</h3>
      <p role="status">
        {counts.new} nouveau(x) compte(s), {counts.existing} compte(s) existant(s) à ajouter, {counts.member} déjà membre(s), {counts.error} ligne(s) en erreur.
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Lignes du fichier">
        <table className="table">
          <caption className="visually-hidden">Lignes du fichier et leur état</caption>
          <thead>
            <tr><th scope="col">Ligne</th><th scope="col">Adresse</th><th scope="col">Nom</th><th scope="col">Employeur</th><th scope="col">E-communauté</th><th scope="col">État</th><th scope="col">Remarques</th></tr>
          </thead>
          <tbody>
            {preview.lines.map((l) => (
              <tr key={l.line} className={l.status === 'error' ? 'import-line--error' : undefined}>
                <td>{l.line}</td>
                <td>{l.email}</td>
                <td>{`${l.firstName} ${l.lastName}`.trim()}</td>
                <td>{l.employer}</td>
                <td>{l.community?.name ?? '—'}</td>
                <td>{STATUS_TEXT[l.status]}</td>
                <td>{l.messages.join(' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import { Input, Label, SearchField } from 'react-aria-components';
import { useCommunities } from '../../api/communities';
import type { UserHit } from '../../api/users';
import { UserPicker } from '../../components/UserPicker';
import { fullName, formatDate } from '../../lib/format';
import { Alert, Button, Card, LoadMore, QueryState } from '../../ui';
import { CeilingForm } from './CeilingForm';
import { euros } from './api';
import { useAssignments, useCreateAssignment, useSaveScale, useScales } from './contracts-api';

export const NO_BANK_DETAILS = 'La plateforme ne conserve ni coordonnées bancaires ni pièce d’identité : la gestion administrative de la paie les détient.';

/** Pay scales and animators' assignments (national admin). */
export function ContractsAdmin() {
  const [slug, setSlug] = useState('');
  return (
    <div className="stack">
      <h2>Contrats et heures</h2>
      <Alert tone="info"><p>{NO_BANK_DETAILS}</p></Alert>
      <Scales />
      <Card>
        <CommunityChooser slug={slug} onChange={setSlug} />
      </Card>
      {slug ? <Assignments slug={slug} /> : null}
    </div>
  );
}

/**
 * The live list of communities, drafts included (not the national figures, recomputed every ten minutes: a
 * community created a moment ago must be there), searchable by name and loaded page by page.
 */
function CommunityChooser({ slug, onChange }: { slug: string; onChange: (slug: string) => void }) {
  const [q, setQ] = useState('');
  const list = useCommunities(q.trim());
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  // The chosen community stays in the list while another name is searched.
  const [chosen, setChosen] = useState<{ slug: string; name: string } | null>(null);
  const shown = chosen && slug === chosen.slug && !items.some((c) => c.slug === chosen.slug) ? [chosen, ...items] : items;
  const choose = (value: string) => {
    const c = shown.find((i) => i.slug === value);
    setChosen(c ? { slug: c.slug, name: c.name } : null);
    onChange(value);
  };
  return (
    <div className="stack">
      <SearchField value={q} onChange={setQ} className="field">
        <Label className="field__label">Rechercher une e-communauté</Label>
        <Input className="input" />
      </SearchField>
      <div className="field">
        <label className="field__label" htmlFor="ct-community">E-communauté</label>
        <select id="ct-community" className="input" value={slug} onChange={(e) => choose(e.target.value)} aria-busy={list.isFetching || undefined}>
          <option value="">{list.isPending ? 'Chargement…' : items.length === 0 ? 'Aucune e-communauté ne correspond' : 'Choisir…'}</option>
          {shown.map((c) => <option key={c.slug} value={c.slug}>{c.name}</option>)}
        </select>
      </div>
      {list.error ? <Alert tone="error"><p>{list.error.message}</p></Alert> : null}
      <LoadMore query={list} label="Charger plus d’e-communautés" />
    </div>
  );
}

function Scales() {
  const scales = useScales();
  const save = useSaveScale();
  const [f, setF] = useState({ code: '', label: '', rate: '' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const cents = Math.round(Number(f.rate.replace(',', '.')) * 100);
    if (!f.code.trim() || !(cents > 0)) return;
    save.mutate({ code: f.code.trim(), label: f.label, hourlyRateCents: cents }, { onSuccess: () => setF({ code: '', label: '', rate: '' }) });
  };
  return (
    <section aria-labelledby="scales-title" className="stack">
      <h3 id="scales-title">Grilles de rémunération</h3>
      <QueryState query={scales}>
        {(list) => (
          // Focusable, so the table can be scrolled sideways with the keyboard on a phone.
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="scales-title">
          <table className="steering-table">
            <caption className="visually-hidden">Grilles et taux horaires bruts</caption>
            <thead><tr><th scope="col">Grille</th><th scope="col">Libellé</th><th scope="col">Taux horaire brut</th><th scope="col">13 h par mois</th><th scope="col"><span className="visually-hidden">Modifier</span></th></tr></thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.code}>
                  <th scope="row">{s.code}</th><td>{s.label}</td><td>{euros(s.hourlyRateCents)}</td><td>{euros(s.hourlyRateCents * 13)}</td>
                  <td><button type="button" className="linklike" onClick={() => setF({ code: s.code, label: s.label, rate: (s.hourlyRateCents / 100).toFixed(2).replace('.', ',') })}>Modifier<span className="visually-hidden"> la grille {s.code}</span></button></td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
        )}
      </QueryState>
      <form className="row" onSubmit={submit} aria-label="Créer ou modifier une grille">
        <div className="field"><label className="field__label" htmlFor="sc-code">Code de la grille</label>
          <input id="sc-code" className="input" value={f.code} onChange={(e) => setF({ ...f, code: e.target.value })} /></div>
        <div className="field"><label className="field__label" htmlFor="sc-label">Libellé</label>
          <input id="sc-label" className="input" value={f.label} onChange={(e) => setF({ ...f, label: e.target.value })} /></div>
        <div className="field"><label className="field__label" htmlFor="sc-rate">Taux horaire brut (€)</label>
          <input id="sc-rate" className="input" inputMode="decimal" value={f.rate} onChange={(e) => setF({ ...f, rate: e.target.value })} /></div>
        <Button type="submit" isPending={save.isPending}>Enregistrer la grille</Button>
      </form>
      {save.error ? <Alert tone="error"><p>{save.error.message}</p></Alert> : null}
    </section>
  );
}

function Assignments({ slug }: { slug: string }) {
  const list = useAssignments(slug);
  const scales = useScales();
  const create = useCreateAssignment();
  const [who, setWho] = useState<UserHit | null>(null);
  const [f, setF] = useState({ startsOn: '', endsOn: '', monthlyHours: '13', scaleCode: '4T1' });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!who || !f.startsOn) return;
    create.mutate(
      { userId: who.id, communitySlug: slug, startsOn: f.startsOn, endsOn: f.endsOn || null, monthlyHours: Number(f.monthlyHours), scaleCode: f.scaleCode },
      { onSuccess: () => setWho(null) },
    );
  };
  return (
    <section aria-labelledby="asg-title" className="stack">
      <h3 id="asg-title">Missions d’animation</h3>
      <QueryState query={list}>
        {(data) => {
          const items = data.pages.flatMap((p) => p.items);
          return items.length === 0 ? <p className="muted">Aucune mission dans cette e-communauté.</p> : (
            <>
              <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="asg-title">
              <table className="steering-table">
                <caption className="visually-hidden">Missions de l’e-communauté</caption>
                <thead><tr><th scope="col">Animateur·rice</th><th scope="col">Période</th><th scope="col">Heures / mois</th><th scope="col">Grille</th><th scope="col">Montant brut mensuel</th></tr></thead>
                <tbody>
                  {items.map((a) => (
                    <tr key={a.id}>
                      <th scope="row">{a.userName}</th>
                      <td>du {formatDate(a.startsOn)}{a.endsOn ? ` au ${formatDate(a.endsOn)}` : ''}</td><td>{a.monthlyHours} h</td>
                      <td>{a.scaleCode} ({euros(a.hourlyRateCents)}/h)</td><td>{euros(a.monthlyAmountCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              </div>
              <LoadMore query={list} />
              <CeilingForm assignments={items} />
            </>
          );
        }}
      </QueryState>
      <Card>
        <form className="stack" onSubmit={submit} aria-labelledby="asg-new">
          <h4 id="asg-new">Confier une mission</h4>
          <p>Animateur·rice : <strong>{who ? fullName(who) : 'à choisir'}</strong> (déjà nommé·e animateur·rice de l’e-communauté)</p>
          <UserPicker label="Rechercher l’animateur·rice" actionLabel="Choisir" onPick={async (u) => { setWho(u); return true; }} />
          <div className="row">
            <div className="field"><label className="field__label" htmlFor="as-start">Début</label>
              <input id="as-start" type="date" className="input" value={f.startsOn} onChange={(e) => setF({ ...f, startsOn: e.target.value })} /></div>
            <div className="field"><label className="field__label" htmlFor="as-end">Fin (facultative)</label>
              <input id="as-end" type="date" className="input" value={f.endsOn} onChange={(e) => setF({ ...f, endsOn: e.target.value })} /></div>
            <div className="field"><label className="field__label" htmlFor="as-hours">Heures par mois</label>
              <input id="as-hours" type="number" min={1} max={200} className="input" value={f.monthlyHours} onChange={(e) => setF({ ...f, monthlyHours: e.target.value })} /></div>
            <div className="field"><label className="field__label" htmlFor="as-scale">Grille</label>
              <select id="as-scale" className="input" value={f.scaleCode} onChange={(e) => setF({ ...f, scaleCode: e.target.value })}>
                {(scales.data ?? []).map((s) => <option key={s.code} value={s.code}>{s.code} — {euros(s.hourlyRateCents)}/h</option>)}
              </select></div>
          </div>
          {create.error ? <Alert tone="error"><p>{create.error.message}</p></Alert> : null}
          {create.data ? <Alert tone="success"><p>Mission confiée à {create.data.userName} : {create.data.monthlyHours} h par mois, {euros(create.data.monthlyAmountCents)} brut.</p></Alert> : null}
          <div><Button type="submit" isPending={create.isPending}>Confier la mission</Button></div>
        </form>
      </Card>
    </section>
  );
}

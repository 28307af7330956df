import { Link, useSearchParams } from 'react-router';
import { LIMITS } from '../../../../common/limits';
import { REGIONS } from '../../../../common/territories';
import { useDirectory, type DirectoryEntry, type DirectoryFilters } from '../../api/members';
import { useMe } from '../../api/session';
import { RequireAuth } from '../../components/RequireAuth';
import { DEPARTEMENT_OPTIONS, departementName } from '../../lib/departements';
import { fullName, plural } from '../../lib/format';
import { useTitle } from '../../lib/useTitle';
import { Button, Form, LoadMore, QueryState, Select, TextField, check } from '../../ui';
import './members.css';

const FIELDS = ['q', 'job', 'employer', 'region', 'departement', 'community'] as const;

export default function MembersPage() {
  useTitle('Annuaire des membres');
  return (
    <RequireAuth>
      <Members />
    </RequireAuth>
  );
}

function Members() {
  const [params, setParams] = useSearchParams();
  const filters: DirectoryFilters = {};
  for (const f of FIELDS) {
    const v = params.get(f)?.trim();
    if (v) filters[f] = v;
  }
  const me = useMe();
  const list = useDirectory(filters, true);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const communities = me.data?.memberships.map((m) => ({ value: m.community.slug, label: m.community.name })) ?? [];
  const filtered = Object.keys(filters).length > 0;
  // The form is keyed on the URL so that "Effacer" and the back button reset the fields.
  return (
    <>
      <h1>Annuaire des membres</h1>
      <p>
        Retrouvez des collègues par leur nom, leur métier, leur collectivité, leur territoire ou leur e-communauté.
        Chacun choisit ce que son profil montre : la recherche par métier, collectivité ou territoire ne trouve que les membres qui l’affichent.
      </p>
      <section role="search" aria-labelledby="members-search-title" className="card members-search">
        <h2 id="members-search-title" className="card__title">Rechercher</h2>
        <Form
          key={params.toString()}
          labels={{ q: 'Nom', job: 'Métier ou fonction', employer: 'Collectivité ou organisation' }}
          validate={(v) => {
            // Empty means "any"; a filled criterion needs two letters, as the API does.
            const rules: Record<string, { min: number }> = {};
            for (const f of ['q', 'job', 'employer']) if (v[f]?.trim()) rules[f] = { min: 2 };
            return check(v, rules);
          }}
          onSubmit={(v) => {
            const next: Record<string, string> = {};
            for (const f of FIELDS) if (v[f]?.trim()) next[f] = v[f]!.trim();
            setParams(next);
          }}
        >
          <div className="members-search__grid">
            <TextField name="q" label="Nom" description="Sans accents ni majuscules : « helene lefevre » trouve Hélène Lefèvre." defaultValue={filters.q ?? ''} maxLength={LIMITS.personName} />
            <TextField name="job" label="Métier ou fonction" defaultValue={filters.job ?? ''} maxLength={LIMITS.directoryText} />
            <TextField name="employer" label="Collectivité ou organisation" defaultValue={filters.employer ?? ''} maxLength={LIMITS.directoryText} />
            <Select name="region" label="Région" options={REGIONS.map((r) => ({ value: r.code, label: r.name }))} defaultValue={filters.region ?? ''} placeholder="Toutes les régions" />
            <Select name="departement" label="Département" options={DEPARTEMENT_OPTIONS} defaultValue={filters.departement ?? ''} placeholder="Tous les départements" />
            <Select name="community" label="E-communauté" description="Parmi les vôtres." options={communities} defaultValue={filters.community ?? ''} placeholder="Toutes" />
          </div>
          <div className="form__actions">
            <Button type="submit">Rechercher</Button>
            {filtered ? <Button variant="secondary" onPress={() => setParams({})}>Effacer les critères</Button> : null}
          </div>
        </Form>
      </section>
      <QueryState query={list} loading="Recherche dans l’annuaire…">
        {() => (
          <>
            <p role="status" className="muted">
              {items.length === 0
                ? filtered ? 'Aucun membre ne correspond à ces critères.' : 'L’annuaire est vide pour le moment.'
                : `${plural(items.length, 'membre affiché', 'membres affichés')}${list.hasNextPage ? ' (et plus)' : ''}, par ordre alphabétique.`}
            </p>
            <ul className="members-list">
              {items.map((m) => <MemberCard key={m.id} m={m} />)}
            </ul>
            <LoadMore query={list} label="Afficher plus de membres" />
          </>
        )}
      </QueryState>
    </>
  );
}

function MemberCard({ m }: { m: DirectoryEntry }) {
  const work = [m.job, m.employer].filter(Boolean).join(' — ');
  return (
    <li className="card members-list__item">
      <h3 className="members-list__name"><Link to={`/membres/${m.id}`}>{fullName(m)}</Link></h3>
      {work ? <p>{work}</p> : null}
      {m.departement ? <p className="small muted">{departementName(m.departement)}{m.region ? ` · ${m.region.name}` : ''}</p> : null}
    </li>
  );
}

import { useState, type FormEvent } from 'react';
import { MAX_MONTHLY_TARGET } from '../../../../common/contributions';
import { ApiError } from '../../api/client';
import { Alert, Button, Card } from '../../ui';
import { useResetTarget, useSetTarget, type AnimatorDashboard } from './api';
import { monthLabel } from '../../lib/format';

const ROLE_LABELS: Record<string, string> = { animator: 'Animation', coordinator: 'Coordination' };

/** The coordinator's view: every staff member's month, and the monthly targets. */
export function TeamPanel({ slug, d, onShow }: { slug: string; d: AnimatorDashboard; onShow: (userId: number) => void }) {
  const team = d.team ?? [];
  return (
    <section aria-labelledby="team-title" className="steering-team">
      <h2 id="team-title">L’équipe d’animation en {monthLabel(d.month)}</h2>
      <div className="table-scroll">
        <table className="steering-table">
          <caption className="visually-hidden">Contributions de chaque membre de l’équipe, par famille, face à son objectif</caption>
          <thead>
            <tr>
              <th scope="col">Nom</th><th scope="col">Rôle</th><th scope="col">Veille</th><th scope="col">Animation</th>
              <th scope="col">Rédaction</th><th scope="col">Total</th><th scope="col">Objectif</th><th scope="col"><span className="visually-hidden">Détail</span></th>
            </tr>
          </thead>
          <tbody>
            {team.map((t) => (
              <tr key={t.userId}>
                <th scope="row">{t.name}</th>
                <td>{ROLE_LABELS[t.role] ?? t.role}</td>
                <td>{t.families.veille}</td><td>{t.families.animation}</td><td>{t.families.redaction}</td>
                <td><strong>{t.total}</strong>{t.target !== null && t.total >= t.target ? ' ✓' : ''}</td>
                <td>{t.target ?? <span className="muted">sans objectif</span>}</td>
                <td><button type="button" className="linklike" onClick={() => onShow(t.userId)}>Voir le tableau de bord<span className="visually-hidden"> de {t.name}</span></button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {d.can.setTarget && d.targets ? <TargetForm slug={slug} d={d} /> : null}
    </section>
  );
}

function TargetForm({ slug, d }: { slug: string; d: AnimatorDashboard }) {
  const set = useSetTarget(slug);
  const reset = useResetTarget(slug);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const targets = d.targets!;
  const onSubmit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const value = Number(form.get('monthlyTarget'));
    const who = String(form.get('userId') ?? '');
    setError(null);
    setSaved(null);
    if (!Number.isInteger(value) || value < 1 || value > MAX_MONTHLY_TARGET) {
      setError(`Indiquez un nombre entier de contributions entre 1 et ${MAX_MONTHLY_TARGET}.`);
      return;
    }
    try {
      await set.mutateAsync({ monthlyTarget: value, userId: who ? Number(who) : undefined });
      setSaved('Objectif enregistré.');
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'L’enregistrement a échoué.');
    }
  };
  const named = (userId: number) => d.team?.find((t) => t.userId === userId)?.name ?? `n° ${userId}`;
  return (
    <Card as="section" className="steering-target">
      <h3 className="card__title">Objectif mensuel de contributions</h3>
      <p>
        Objectif de l’e-communauté : <strong>{targets.community}</strong> par mois{targets.communityIsDefault ? ' (valeur par défaut)' : ''}.
        {targets.byUser.length ? ` Objectifs individuels : ${targets.byUser.map((t) => `${named(t.userId)} ${t.monthlyTarget}`).join(', ')}.` : ''}
      </p>
      <form aria-label="Objectif mensuel" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="row settings-row">
          <div className="field">
            <label className="field__label" htmlFor="target-who">Pour</label>
            <select id="target-who" name="userId" className="input" defaultValue="">
              <option value="">Toute l’équipe (objectif de l’e-communauté)</option>
              {d.team?.map((t) => <option key={t.userId} value={t.userId}>{t.name}</option>)}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="target-value">Contributions par mois</label>
            <input
              id="target-value" name="monthlyTarget" type="number" inputMode="numeric" min={1} max={MAX_MONTHLY_TARGET}
              className="input" defaultValue={targets.community} required aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'target-error' : undefined}
            />
          </div>
        </div>
        {error ? <p id="target-error" className="field__error" role="alert">{error}</p> : null}
        <div className="form__actions">
          <Button type="submit" isPending={set.isPending}>Enregistrer l’objectif</Button>
          {!targets.communityIsDefault || targets.byUser.length ? (
            <Button variant="secondary" isPending={reset.isPending} onPress={() => {
              setSaved(null);
              void reset.mutateAsync(undefined).then(() => setSaved('Objectif de l’e-communauté remis à la valeur par défaut.'));
            }}>Revenir à l’objectif par défaut</Button>
          ) : null}
        </div>
        {saved ? <Alert tone="success"><p>{saved}</p></Alert> : null}
      </form>
    </Card>
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, qs } from '../../api/client';
import { Alert, QueryState, Select } from '../../ui';
import type { Roster } from '../../../../common/api/roster';
import { longDay } from './dates';

/**
 * "À tour de rôle": who keeps watch each week of the period shown. The person on duty is the one
 * warned first about new questions and flags; with nobody on duty, the whole team is.
 */
export function DutyPanel({ slug, weeks }: { slug: string; weeks: string[] }) {
  const from = weeks[0]!;
  const qc = useQueryClient();
  const roster = useQuery({
    queryKey: ['duty-roster', slug, from, weeks.length],
    queryFn: () => api.get<Roster>(`/communities/${slug}/duty-roster${qs({ from, weeks: weeks.length })}`),
    placeholderData: (previous) => previous,
  });
  const [message, setMessage] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: ({ week, animatorId }: { week: string; animatorId: number | null }) => animatorId
      ? api.put<Roster>(`/communities/${slug}/duty-roster/${week}`, { animatorId })
      : api.delete<Roster>(`/communities/${slug}/duty-roster/${week}`),
    onSuccess: (_r, v) => {
      setMessage(v.animatorId ? `Astreinte de la semaine du ${longDay(v.week)} enregistrée.` : `La semaine du ${longDay(v.week)} n’a plus d’astreinte.`);
      void qc.invalidateQueries({ queryKey: ['duty-roster', slug] });
      void qc.invalidateQueries({ queryKey: ['calendar', slug] });
    },
  });
  return (
    <section aria-labelledby="duty-title" className="stack">
      <h2 id="duty-title">Astreinte de l’équipe d’animation</h2>
      <p className="small muted">À tour de rôle, une personne veille sur l’e-communauté chaque semaine : c’est elle qui est prévenue en premier des nouvelles questions et des signalements. Sans astreinte, toute l’équipe est prévenue.</p>
      <div role="status" aria-live="polite">{message ? <Alert tone="success" live={false}><p>{message}</p></Alert> : null}</div>
      {change.error ? <Alert tone="error"><p>{change.error.message}</p></Alert> : null}
      <QueryState query={roster} loading="Chargement de l’astreinte…">
        {(r) => (
          <ul className="duty-list">
            {r.weeks.map((w) => (
              <li key={w.weekStart}>
                {r.can.edit ? (
                  <Select
                    name={`duty-${w.weekStart}`}
                    label={`Semaine du ${longDay(w.weekStart)}${w.weekStart === r.currentWeek ? ' (cette semaine)' : ''}`}
                    options={[{ value: '', label: 'Aucune astreinte' }, ...r.team.map((t) => ({ value: String(t.id), label: `${t.firstName} ${t.lastName}` }))]}
                    value={w.animator ? String(w.animator.id) : ''}
                    onChange={(v) => change.mutate({ week: w.weekStart, animatorId: v ? Number(v) : null })}
                  />
                ) : (
                  <p>Semaine du {longDay(w.weekStart)} : {w.animator ? `${w.animator.firstName} ${w.animator.lastName}` : 'aucune astreinte'}</p>
                )}
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </section>
  );
}

import { useState } from 'react';
import { useResetFactors } from '../../api/security';
import { UserPicker } from '../../components/UserPicker';
import { fullName } from '../../lib/format';
import { Alert } from '../../ui';

/**
 * A person who lost their phone or key asks the national team: the team checks who asks (by another channel), then
 * removes the person's second factors. Journalised in the moderation log; the person receives an e-mail.
 */
export function SecondFactorAdmin() {
  const reset = useResetFactors();
  const [done, setDone] = useState<string | null>(null);
  return (
    <section aria-labelledby="mfa-admin-title" className="stack">
      <h2 id="mfa-admin-title">Second facteur</h2>
      <p>
        Réinitialiser retire l’application d’authentification, les clés d’accès et les codes de secours de la personne, et
        ferme toutes ses sessions. Vérifiez d’abord son identité par un autre moyen (téléphone professionnel, sa hiérarchie).
        L’action est inscrite au journal de modération et la personne est prévenue par courriel.
      </p>
      {done ? <Alert tone="success"><p>{done}</p></Alert> : null}
      <UserPicker
        label="Personne dont réinitialiser le second facteur"
        actionLabel="Réinitialiser le second facteur"
        isPending={reset.isPending}
        onPick={async (user) => {
          await reset.mutateAsync(user.id);
          setDone(`Second facteur de ${fullName(user)} réinitialisé : la personne en est prévenue par courriel.`);
          return true;
        }}
      />
    </section>
  );
}

/** Recovery codes, shown once: the person writes them down or prints them; they are never shown again. */
export function RecoveryCodesList({ codes }: { codes: string[] }) {
  return (
    <div className="stack">
      <p>
        <strong>Notez ces 10 codes de secours et gardez-les en lieu sûr</strong> (papier, gestionnaire de mots de passe) :
        ils ne seront plus affichés. Chacun permet une seule connexion si vous n’avez plus votre téléphone ou votre clé.
      </p>
      <ol className="recovery-codes" aria-label="Codes de secours">
        {codes.map((code) => <li key={code}><code>{code}</code></li>)}
      </ol>
    </div>
  );
}

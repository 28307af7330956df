/** Loading indicator; the label is read by screen readers. */
export function Spinner({ label = 'Chargement…', inline = false }: { label?: string; inline?: boolean }) {
  if (inline) return <span className="spinner__wheel" aria-hidden="true" />;
  return (
    <div className="spinner" role="status">
      <span className="spinner__wheel" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

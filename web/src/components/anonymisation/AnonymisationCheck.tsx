import './anonymisation.css';
import { useEffect, useId, useRef, useState } from 'react';
import { Alert, Button } from '../../ui';
import { KIND_LABELS, replaceOne, useDetect, type Detection } from './api';

type Decision = 'pending' | 'replaced' | 'ignored' | 'missing';

interface Props {
  /** The text to check; read when the person asks for the check. */
  text: string | (() => string);
  /** Receives the text with an accepted replacement applied. */
  onApply: (next: string) => void;
  /** Name of what is checked, for the messages ("votre publication"). */
  subject?: string;
}

/**
 * "Vérifier l'anonymisation": lists the likely personal data of a text and lets the writer
 * (or a moderator) replace or ignore each item, one by one. Nothing is changed without a click.
 */
export function AnonymisationCheck({ text, onApply, subject = 'votre texte' }: Props) {
  const detect = useDetect();
  const [items, setItems] = useState<Detection[] | null>(null);
  const [decisions, setDecisions] = useState<Decision[]>([]);
  // Length change caused by the replacements made so far, before each item's position.
  const shifts = useRef<{ at: number; delta: number }[]>([]);
  const listRef = useRef<HTMLOListElement>(null);
  const headingId = useId();
  const read = () => (typeof text === 'function' ? text() : text);

  const run = async () => {
    const result = await detect.mutateAsync(read());
    shifts.current = [];
    setItems(result.items);
    setDecisions(result.items.map(() => 'pending'));
  };

  const decide = (index: number, decision: 'replaced' | 'ignored') => {
    const item = items![index]!;
    let final: Decision = decision;
    if (decision === 'replaced') {
      const shift = shifts.current.filter((s) => s.at < item.start).reduce((sum, s) => sum + s.delta, 0);
      const done = replaceOne(read(), item, shift);
      if (done) {
        shifts.current.push({ at: item.start, delta: done.delta });
        onApply(done.text);
      } else {
        final = 'missing';
      }
    }
    setDecisions((d) => d.map((x, i) => (i === index ? final : x)));
  };

  // After a decision, focus goes to the next item still to decide, or to the list heading.
  useEffect(() => {
    if (!items || !listRef.current) return;
    const next = listRef.current.querySelector<HTMLButtonElement>('[data-pending="true"] button');
    if (next && decisions.some((d) => d !== 'pending')) next.focus();
    else if (!next && decisions.length > 0) document.getElementById(headingId)?.focus();
  }, [decisions, items, headingId]);

  const remaining = decisions.filter((d) => d === 'pending').length;
  return (
    <div className="anon-check">
      <Button variant="secondary" small onPress={run} isPending={detect.isPending}>Vérifier l’anonymisation</Button>
      <div aria-live="polite" className="anon-check__status">
        {detect.isError ? <Alert tone="error">{detect.error.message}</Alert> : null}
        {items && items.length === 0 ? <p className="small">Aucune donnée personnelle repérée dans {subject}. Relisez tout de même : l’outil ne voit pas tout.</p> : null}
      </div>
      {items && items.length > 0 ? (
        <section className="anon-check__panel" aria-label="Vérification de l’anonymisation">
          <h4 id={headingId} tabIndex={-1} className="anon-check__title">
            {remaining > 0
              ? `${remaining} donnée${remaining > 1 ? 's' : ''} personnelle${remaining > 1 ? 's' : ''} probable${remaining > 1 ? 's' : ''} à vérifier`
              : 'Vérification terminée'}
          </h4>
          <ol ref={listRef} className="anon-check__list">
            {items.map((item, i) => (
              <li key={`${item.start}-${item.kind}`} className="anon-check__item" data-pending={decisions[i] === 'pending'}>
                <p className="anon-check__what">
                  <span className="anon-check__kind">{KIND_LABELS[item.kind]}</span> : « <span className="anon-check__text">{item.text}</span> »
                </p>
                {decisions[i] === 'pending' ? (
                  <div className="row anon-check__actions">
                    <Button small onPress={() => decide(i, 'replaced')} aria-label={`Remplacer « ${item.text} » par « ${item.replacement} »`}>
                      Remplacer par « {item.replacement} »
                    </Button>
                    <Button small variant="ghost" onPress={() => decide(i, 'ignored')} aria-label={`Ignorer « ${item.text} »`}>
                      Ignorer
                    </Button>
                  </div>
                ) : (
                  <p className="small anon-check__done">
                    {decisions[i] === 'replaced' ? `Remplacé par « ${item.replacement} ».`
                      : decisions[i] === 'ignored' ? 'Ignoré : le texte reste tel quel.'
                        : 'Introuvable : le texte a changé depuis la vérification. Relancez-la.'}
                  </p>
                )}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

/** Writes a value into a React-managed field as if typed, so the form state follows. */
function writeField(field: HTMLTextAreaElement | HTMLInputElement, value: string): void {
  const proto = field instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * The check wired to a field of the enclosing form by its name, for uncontrolled forms:
 * `<AnonymisationFieldCheck name="body" />` placed inside the <form>.
 */
export function AnonymisationFieldCheck({ name, subject }: { name: string; subject?: string }) {
  const anchor = useRef<HTMLDivElement>(null);
  const field = () => {
    const el = anchor.current?.closest('form')?.elements.namedItem(name);
    return el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement ? el : null;
  };
  return (
    <div ref={anchor}>
      <AnonymisationCheck text={() => field()?.value ?? ''} onApply={(next) => { const f = field(); if (f) writeField(f, next); }} subject={subject} />
    </div>
  );
}

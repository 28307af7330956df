import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { sendOnLeave } from '../../api/client';
import { draftApi, draftKeys, type Draft, type DraftPlace } from '../../api/drafts';
import { useCurrentUser } from '../../api/session';

/** Pause in typing after which the text is saved. */
const DEBOUNCE_MS = 800;

export type DraftStatus = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface DraftHandle {
  /** False until the saved draft (if any) is known: the field waits for it. */
  ready: boolean;
  /** The text saved at this place, to put in the field (`defaultValue`). */
  initial: Draft | null;
  /** Changes when the field must take `initial` again (the draft arrived, or was discarded): use as the field's `key`. */
  fieldKey: string;
  /** Wire to the field's `onChange`: saves after a pause in typing. */
  save: (body: string) => void;
  /** Same, for a title beside the text (new post). */
  saveTitle: (title: string) => void;
  /** After publishing: nothing more is saved and the draft goes. */
  discard: () => Promise<void>;
  status: DraftStatus;
  savedAt: string | null;
}

/**
 * A draft saved on the server as the person types, per person and per place, so it comes back after a reload and
 * on another device. Wiring in a form stays two props on the text field (`defaultValue`, `onChange`) plus `key`,
 * whatever the field is (text area or rich-text editor). Closing the page with unsaved typing asks first, and the
 * last keystrokes are sent with a keepalive request.
 */
export function useDraft(place: DraftPlace | null): DraftHandle {
  const signedIn = Boolean(useCurrentUser());
  const enabled = place !== null && signedIn;
  const qc = useQueryClient();
  const query = useQuery({
    queryKey: draftKeys.one(place ?? 'none'),
    queryFn: () => draftApi.get(place!),
    enabled,
    // The field takes the text once; later saves must not refill it under the person's cursor.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
  const [generation, setGeneration] = useState(0);
  const [discarded, setDiscarded] = useState(false);
  const [status, setStatus] = useState<DraftStatus>('idle');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const current = useRef<{ title: string; body: string }>({ title: '', body: '' });
  const dirty = useRef(false);
  const typed = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inflight = useRef<Promise<unknown> | null>(null);
  const stopped = useRef(false);

  const initial = discarded ? null : (query.data?.draft ?? null);
  useEffect(() => {
    if (initial && !typed.current) current.current = { title: initial.title, body: initial.body };
  }, [initial]);

  const flush = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!place || !dirty.current || stopped.current) return;
    dirty.current = false;
    const input = { ...current.current };
    setStatus('saving');
    const run = draftApi.save(place, input).then(
      (r) => { setStatus(dirty.current ? 'pending' : 'saved'); setSavedAt(r.updatedAt); },
      () => { dirty.current = true; setStatus('error'); },
    );
    inflight.current = run;
    await run;
  }, [place]);

  const schedule = useCallback(() => {
    if (!enabled || stopped.current) return;
    typed.current = true;
    dirty.current = true;
    setStatus('pending');
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
  }, [enabled, flush]);

  const save = useCallback((body: string) => { current.current.body = body; schedule(); }, [schedule]);
  const saveTitle = useCallback((title: string) => { current.current.title = title; schedule(); }, [schedule]);

  const discard = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    dirty.current = false;
    stopped.current = true;
    // A save still on its way would bring the draft back after the server removed it.
    await inflight.current?.catch(() => undefined);
    if (place && enabled) await draftApi.discard(place).catch(() => undefined);
    qc.removeQueries({ queryKey: draftKeys.one(place ?? 'none') });
    void qc.invalidateQueries({ queryKey: draftKeys.list });
    current.current = { title: '', body: '' };
    typed.current = false;
    stopped.current = false;
    setDiscarded(true);
    setStatus('idle');
    setSavedAt(null);
    setGeneration((g) => g + 1);
  }, [place, enabled, qc]);

  useFlushOnLeave(enabled ? place : null, dirty, current, flush);

  const ready = !enabled || !query.isPending;
  return {
    ready,
    initial,
    // Once the draft is known the field is rebuilt with it, unless the person already typed.
    fieldKey: `${place ?? 'none'}:${generation}:${ready && !typed.current && initial ? 'restored' : 'empty'}`,
    save, saveTitle, discard, status, savedAt,
  };
}

/**
 * Leaving with typing not yet saved: the browser asks first, and the last keystrokes go with a keepalive request
 * (sendBeacon cannot carry the CSRF header). Leaving the page inside the app (a link) saves what is pending at once.
 */
function useFlushOnLeave(
  place: DraftPlace | null,
  dirty: MutableRefObject<boolean>,
  current: MutableRefObject<{ title: string; body: string }>,
  flush: () => Promise<void>,
): void {
  useEffect(() => {
    if (!place) return undefined;
    const leave = () => {
      if (!dirty.current) return;
      if (sendOnLeave('PUT', `/drafts/${place}`, current.current)) dirty.current = false;
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirty.current) return;
      leave();
      event.preventDefault();
      event.returnValue = '';
    };
    const onHide = () => { if (document.visibilityState === 'hidden') leave(); };
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', onHide);
      void flush();
    };
  }, [place, dirty, current, flush]);
}

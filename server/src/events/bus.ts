import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/client.js';
import type { Mailer } from '../modules/mail/service.js';
import type { DomainEvent, EventOf, EventType } from './catalogue.js';

/**
 * Domain events: `emit(tx, event)` runs the synchronous handlers of the event in the writer's transaction (reactions
 * that must commit or roll back with the change), and records one outbox row (table domain_events) per asynchronous
 * handler, in that same transaction, for the dispatcher (dispatcher.ts) to run once committed: a change rolled back
 * leaves neither its reactions nor its e-mails, and a crash after the commit loses none of them.
 */

/** What an asynchronous handler gets: it runs in the worker, after the commit, outside any transaction. */
export interface AsyncContext {
  db: Db;
  mailer: Mailer;
  log: (msg: string) => void;
}

export type SyncHandler<T extends EventType> = (tx: DbOrTx, event: EventOf<T>) => Promise<void>;
/** Delivered at least once (a crash after the work and before the row is deleted runs it again): idempotent. */
export type AsyncHandler<T extends EventType> = (event: EventOf<T>, ctx: AsyncContext) => Promise<void>;

/** As stored: the registration functions below tie each handler to the event type it receives. */
type AnySync = (tx: DbOrTx, event: DomainEvent) => Promise<void>;
type AnyAsync = (event: DomainEvent, ctx: AsyncContext) => Promise<void>;

export type Subscription =
  | { mode: 'sync'; type: EventType; name: string; handle: AnySync }
  | { mode: 'async'; type: EventType; name: string; handle: AnyAsync };

/** A reaction inside the writer's transaction. */
export function onEvent<T extends EventType>(type: T, name: string, handle: SyncHandler<T>): Subscription {
  return { mode: 'sync', type, name, handle: handle as unknown as AnySync };
}

/** A reaction after the commit, by the dispatcher of the worker role. */
export function afterEvent<T extends EventType>(type: T, name: string, handle: AsyncHandler<T>): Subscription {
  return { mode: 'async', type, name, handle: handle as unknown as AnyAsync };
}

let syncHandlers: Map<EventType, AnySync[]> | null = null;
const asyncHandlers = new Map<string, AnyAsync>();
const asyncNames = new Map<EventType, string[]>();
let emitted: ((id: number, tx: DbOrTx) => void) | null = null;

/** Installs the handlers, once per process, in their order of registration (wiring.ts). */
export function installSubscriptions(subscriptions: Subscription[]): void {
  if (syncHandlers) return;
  const sync = new Map<EventType, AnySync[]>();
  const names = new Set<string>();
  for (const s of subscriptions) {
    // An outbox row names its handler: two of the same name would take each other's rows.
    if (names.has(s.name)) throw new Error(`gestionnaire d'événement en double : ${s.name}`);
    names.add(s.name);
    if (s.mode === 'sync') {
      sync.set(s.type, [...(sync.get(s.type) ?? []), s.handle]);
    } else {
      asyncHandlers.set(s.name, s.handle);
      asyncNames.set(s.type, [...(asyncNames.get(s.type) ?? []), s.name]);
    }
  }
  syncHandlers = sync;
}

/** The asynchronous handler registered under `name`, for the dispatcher. */
export function asyncHandler(name: string): AnyAsync | undefined {
  return asyncHandlers.get(name);
}

/** Test seam: told each outbox id written and by which transaction, so that a test app dispatches its own rows only. */
export function watchEmitted(callback: ((id: number, tx: DbOrTx) => void) | null): void {
  emitted = callback;
}

/** Records the event in the caller's transaction: synchronous handlers run now, asynchronous ones get an outbox row each. */
export async function emit(tx: DbOrTx, event: DomainEvent): Promise<void> {
  // Without its handlers a write would silently skip its reactions (notifications, e-mails…).
  if (!syncHandlers) throw new Error('événements : gestionnaires non installés (events/wiring.ts)');
  for (const handle of syncHandlers.get(event.type) ?? []) await handle(tx, event);
  const names = asyncNames.get(event.type);
  if (!names) return;
  const { rows } = await tx.execute<{ id: number }>(sql`
    INSERT INTO domain_events (type, handler, payload)
    SELECT ${event.type}, h, ${JSON.stringify(event)}::jsonb FROM unnest(${sql.param(names)}::text[]) AS h
    RETURNING id`);
  if (emitted) for (const r of rows) emitted(r.id, tx);
}

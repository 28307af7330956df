import pg from 'pg';
import type { ServerResponse } from 'node:http';
import type { App } from '../../types.js';
import { notificationsAfter, type NotificationRow } from './service.js';
import { presentNotification } from './presenters.js';

/**
 * Live delivery across instances. Each instance holds ONE dedicated LISTEN connection (not from
 * the pool, which would hand it back). A NOTIFY only says "user N has something new": the stream
 * then reads the table after the last id it sent, so nothing is lost if wake-ups are merged,
 * duplicated or missed while reconnecting (every stream is swept after a reconnect).
 */

export const HEARTBEAT_MS = 25_000;
/** application_name of the LISTEN connections, to find them in pg_stat_activity. */
export const LISTENER_NAME = 'ecom-notifications-listen';
/** Wake-ups of the messages module (messages/service.ts LIVE_CHANNEL). */
const PRIVATE_MESSAGES_CHANNEL = 'private_messages';
/** Reconnection pauses of the LISTEN connection: doubled after each failure, up to the maximum. */
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 15_000;

/**
 * Open streams one session (a browser) and one person may hold on an instance. Past them the oldest is
 * closed with a `replaced` event, which tells the client not to reconnect (tabs left open in the background).
 */
export const STREAMS_PER_SESSION = 5;
export const STREAMS_PER_USER = 10;

interface Stream {
  userId: number;
  /** The session's token hash: streams are capped per session and per person. */
  session: string;
  lastId: number;
  res: ServerResponse;
  busy: boolean;
  again: boolean;
}

export class NotificationHub {
  private readonly streams = new Map<number, Set<Stream>>();
  private current: pg.Client | null = null;
  private starting: Promise<void> | null = null;
  private closed = false;
  private retryMs = RETRY_FIRST_MS;
  private retry: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  /** Outbox wake-ups, for the instance that sends jobs (see routes.ts). */
  onEvent: ((eventId: number) => void) | null = null;

  constructor(private readonly app: App) {}

  get size(): number {
    let n = 0;
    for (const set of this.streams.values()) n += set.size;
    return n;
  }

  /**
   * Idempotent; resolves once the first LISTEN attempt is over. Later reconnections run on their own
   * (a stream opened meanwhile is swept when LISTEN is back), so no request waits on an outage.
   */
  start(): Promise<void> {
    if (this.closed) return Promise.resolve();
    this.starting ??= this.connect();
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
      this.heartbeat.unref();
    }
    return this.starting;
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.app.config.databaseUrl, application_name: LISTENER_NAME });
    // The connection being opened, or open: events of any older one are ignored (see lost()).
    this.current = client;
    client.on('notification', (msg) => {
      if (msg.channel === PRIVATE_MESSAGES_CHANNEL) {
        this.privateMessage(msg.payload ?? '');
        return;
      }
      const id = Number(msg.payload);
      if (!Number.isSafeInteger(id)) return;
      if (msg.channel === 'notifications') this.wake(id);
      else if (msg.channel === 'notification_events') this.onEvent?.(id);
    });
    client.on('error', (err) => this.lost(client, err));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      await client.query('LISTEN notifications');
      await client.query('LISTEN notification_events');
      await client.query(`LISTEN ${PRIVATE_MESSAGES_CHANNEL}`);
    } catch (err) {
      this.lost(client, err as Error);
      return;
    }
    if (this.current !== client) return;
    if (this.retryMs > RETRY_FIRST_MS) this.app.log.info('notifications : connexion LISTEN rétablie');
    this.retryMs = RETRY_FIRST_MS;
    // Anything committed while we were not listening.
    for (const userId of this.streams.keys()) this.wake(userId);
  }

  /**
   * The LISTEN connection failed or dropped (PostgreSQL restarted, pg_terminate_backend): reconnect
   * with a growing pause. A connection fires both 'error' and 'end', and a failed connect lands here
   * too: only the current connection schedules a retry, so attempts never multiply.
   */
  private lost(client: pg.Client, err: Error | null): void {
    if (this.closed || this.current !== client) return;
    this.current = null;
    client.end().catch(() => {});
    // One line per outage, not one per attempt.
    if (this.retryMs === RETRY_FIRST_MS) this.app.log.warn({ err }, 'notifications : connexion LISTEN perdue, nouvelles tentatives');
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, wait);
    this.retry.unref();
  }

  add(stream: Stream): void {
    let set = this.streams.get(stream.userId);
    if (!set) this.streams.set(stream.userId, (set = new Set()));
    // A Set keeps insertion order: the first ones found are the oldest.
    const sameSession = [...set].filter((s) => s.session === stream.session);
    for (const old of sameSession.slice(0, Math.max(0, sameSession.length - STREAMS_PER_SESSION + 1))) this.replace(set, old);
    for (const old of [...set].slice(0, Math.max(0, set.size - STREAMS_PER_USER + 1))) this.replace(set, old);
    set.add(stream);
    stream.res.on('close', () => {
      set!.delete(stream);
      if (set!.size === 0) this.streams.delete(stream.userId);
    });
  }

  private replace(set: Set<Stream>, stream: Stream): void {
    set.delete(stream);
    if (stream.res.destroyed) return;
    stream.res.end('event: replaced\ndata: {}\n\n', () => stream.res.socket?.destroy());
  }

  /** Open streams of one person on this instance. */
  countOf(userId: number): number {
    return this.streams.get(userId)?.size ?? 0;
  }

  wake(userId: number): void {
    for (const stream of this.streams.get(userId) ?? []) void this.flush(stream);
  }

  /**
   * A private message sent or read (messages module, payload "userId:conversationId"): the client
   * refetches the conversation and its unread count, so a missed wake-up costs nothing but delay.
   */
  private privateMessage(payload: string): void {
    const [userId, conversationId] = payload.split(':').map(Number);
    if (!Number.isSafeInteger(userId) || !Number.isSafeInteger(conversationId)) return;
    const data = JSON.stringify({ conversationId });
    for (const s of this.streams.get(userId!) ?? []) if (!s.res.destroyed) s.res.write(`event: private-message\ndata: ${data}\n\n`);
  }

  /** Sends what the table holds after the stream's last id; one read at a time per stream. */
  async flush(stream: Stream): Promise<void> {
    if (stream.busy) {
      stream.again = true;
      return;
    }
    stream.busy = true;
    try {
      do {
        stream.again = false;
        let rows: NotificationRow[];
        do {
          rows = await notificationsAfter(this.app.db, stream.userId, stream.lastId);
          for (const row of rows) {
            if (stream.res.destroyed) return;
            stream.res.write(`id: ${row.id}\nevent: notification\ndata: ${JSON.stringify(presentNotification(row))}\n\n`);
            stream.lastId = row.id;
          }
        } while (rows.length === 100);
      } while (stream.again);
    } catch (err) {
      this.app.log.warn({ err }, 'notifications : lecture pour le flux impossible');
    } finally {
      stream.busy = false;
    }
  }

  private beat(): void {
    for (const set of this.streams.values()) for (const s of set) if (!s.res.destroyed) s.res.write(': ping\n\n');
  }

  /** Ends every stream (before the server closes, or it would wait for them) and the LISTEN client. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.retry) clearTimeout(this.retry);
    for (const set of this.streams.values()) for (const s of set) s.res.end(() => s.res.socket?.destroy());
    this.streams.clear();
    const client = this.current;
    this.current = null;
    await client?.end().catch(() => {});
  }
}

export type { Stream };

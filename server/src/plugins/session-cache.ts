import pg from 'pg';

/** What the session plugin reads for a token: the session and its user. */
export interface SessionRow {
  csrf_token: string;
  last_seen_at: Date;
  /** The earlier of the sliding and the absolute end. */
  expires_at: Date;
  /** Last proof of identity in this session (plugins/reauth.ts); refreshed in place by a re-authentication. */
  reauthenticated_at: Date | null;
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  national_role: 'admin' | null;
  email_verified_at: Date | null;
}

/** application_name of the LISTEN connection, to find it in pg_stat_activity. */
export const SESSION_LISTENER_NAME = 'ecom-sessions-listen';
/** Sent by triggers (migration 0024) when a session ends or what a session carries of its user changes. */
export const SESSION_CHANNEL = 'session_changes';
/** Reconnection pauses of the LISTEN connection: doubled after each failure, up to the maximum. */
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 15_000;

/**
 * Per-instance cache of sessions, so that most API requests do not start with a query.
 *
 * Correctness does not rest on the lifetime: PostgreSQL triggers announce every ended session and
 * every change of what a session carries (role, verification, ban, deletion, name) on a channel
 * this cache LISTENs to, whichever instance or job made the change. The cache only serves entries
 * while that connection is up; a lost connection empties it and it stays off until LISTEN is back.
 * A write request waits for the channel to be drained (barrier) before answering, so its own
 * effects are never hidden from the next request to this instance.
 */
export class SessionCache {
  private readonly entries = new Map<string, { row: SessionRow; cachedAt: number }>();
  private readonly byUser = new Map<number, Set<string>>();
  private client: pg.Client | null = null;
  private current: pg.Client | null = null;
  private retryMs = RETRY_FIRST_MS;
  private listening = false;
  private closed = false;
  /** Moves with every eviction: a read started before one must not store what it read. */
  private epoch = 0;
  private retry: NodeJS.Timeout | null = null;
  private inflight: Promise<void> | null = null;
  private queued: Promise<void> | null = null;

  constructor(private readonly databaseUrl: string, private readonly ttlMs: number, private readonly maxEntries: number) {}

  get enabled(): boolean {
    return this.ttlMs > 0 && this.maxEntries > 0;
  }

  async start(): Promise<void> {
    if (!this.enabled || this.closed || this.current) return;
    const client = new pg.Client({ connectionString: this.databaseUrl, application_name: SESSION_LISTENER_NAME });
    // The connection being opened, or open: events of any older one are ignored (see lost()).
    this.current = client;
    client.on('notification', (msg) => {
      const userId = Number(msg.payload);
      if (Number.isSafeInteger(userId)) this.evictUser(userId);
      else this.clear();
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${SESSION_CHANNEL}`);
    } catch {
      this.lost(client);
      return;
    }
    if (this.current !== client) return;
    this.client = client;
    this.listening = true;
    this.retryMs = RETRY_FIRST_MS;
  }

  /**
   * The LISTEN connection failed or dropped (PostgreSQL restarted, pg_terminate_backend): serve nothing
   * from the cache until it is back, and reconnect with a growing pause. A connection fires both
   * 'error' and 'end', and a failed connect also lands here: only the current one schedules a retry.
   */
  private lost(client: pg.Client): void {
    if (this.current !== client) return;
    this.current = null;
    this.listening = false;
    this.client = null;
    this.clear();
    client.end().catch(() => {});
    if (this.closed) return;
    const wait = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.start();
    }, wait);
    this.retry.unref();
  }

  /** The token's entry if it is cached, still fresh and the session has not expired. */
  get(tokenHash: string, now = Date.now()): SessionRow | undefined {
    if (!this.listening) return undefined;
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (now - entry.cachedAt > this.ttlMs || entry.row.expires_at.getTime() <= now) {
      this.drop(tokenHash, entry.row.id);
      return undefined;
    }
    return entry.row;
  }

  /** Call before reading a session from the database; pass the result to `set`. */
  mark(): number {
    return this.epoch;
  }

  set(tokenHash: string, row: SessionRow, mark: number): void {
    if (!this.listening || mark !== this.epoch) return;
    if (this.entries.size >= this.maxEntries) this.clear();
    this.entries.set(tokenHash, { row, cachedAt: Date.now() });
    let tokens = this.byUser.get(row.id);
    if (!tokens) this.byUser.set(row.id, (tokens = new Set()));
    tokens.add(tokenHash);
  }

  /**
   * Resolves once every announcement sent before now has been applied. Concurrent writes share
   * round trips: one already in flight may have left before their commit, so they wait for the next.
   */
  barrier(): Promise<void> {
    if (!this.listening || !this.client) return Promise.resolve();
    if (!this.inflight) {
      this.inflight = this.roundTrip().finally(() => { this.inflight = null; });
      return this.inflight;
    }
    this.queued ??= this.inflight.then(() => {
      this.queued = null;
      return this.barrier();
    });
    return this.queued;
  }

  private async roundTrip(): Promise<void> {
    const client = this.client;
    if (!client) return;
    try {
      // Notifications travel on this connection ahead of the answer to a later query.
      await client.query('SELECT 1');
    } catch {
      this.lost(client);
    }
  }

  evictUser(userId: number): void {
    this.epoch += 1;
    for (const tokenHash of this.byUser.get(userId) ?? []) this.entries.delete(tokenHash);
    this.byUser.delete(userId);
  }

  clear(): void {
    this.epoch += 1;
    this.entries.clear();
    this.byUser.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private drop(tokenHash: string, userId: number): void {
    this.entries.delete(tokenHash);
    this.byUser.get(userId)?.delete(tokenHash);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.listening = false;
    this.clear();
    const client = this.current;
    this.current = null;
    this.client = null;
    await client?.end().catch(() => {});
  }
}

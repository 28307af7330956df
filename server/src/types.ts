import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import type { Mailer } from './modules/mail/service.js';
import type { ByteLru } from './lib/byte-lru.js';
import type { ViewCounter } from './modules/steering/view-counter.js';
import type { ActivityRecorder } from './modules/national/activity.js';
import type { JobSender } from './jobs/runner.js';
import type { ReplicaSet } from './db/replicas.js';

/** The Fastify instance with TypeBox typing, as every route module receives it. */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, TypeBoxTypeProvider>;

/** The signed-in person, as loaded once per request from the session. */
export interface CurrentUser {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  nationalRole: 'admin' | null;
  emailVerified: boolean;
}

export interface Deps {
  db: Db;
  pool: pg.Pool;
  mailer: Mailer;
  /** Background jobs; absent in tests and tools, where scheduled work is driven directly. */
  jobs?: JobSender;
  /** The process's logger (main.ts); built from the configuration when absent (tests). */
  logger?: Logger;
}

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    db: Db;
    pool: pg.Pool;
    mailer: Mailer;
    jobs: JobSender | null;
    postViews: ViewCounter;
    /** Post pages and feed pages shared by every reader of this instance (posts/page-cache.ts, posts/feed-cache.ts). */
    pageCache: ByteLru<unknown>;
    /** Daily active members (national steering, audience). */
    activity: ActivityRecorder;
    /** Streaming replicas (plugins/read-routing.ts); null without DATABASE_REPLICA_URLS. */
    replicas: ReplicaSet | null;
  }
  /** Route options read by the API's hooks (declared per route, applied in one place). */
  interface FastifyContextConfig {
    /** Sensitive staff action: needs a recent proof of identity in the session (plugins/reauth.ts). */
    reauth?: boolean;
    /**
     * Reads tolerate a little lag: `request.readDb` may be a streaming replica (plugins/read-routing.ts); `'anonymous'`
     * only for anonymous readers. The handler still writes through `app.db`.
     */
    readReplica?: true | 'anonymous';
  }
  interface FastifyRequest {
    user: CurrentUser | null;
    session: { tokenHash: string; csrfToken: string; reauthenticatedAt: Date | null } | null;
    /** Where this request reads: a replica on routes declaring `readReplica`, else the primary (`app.db`). */
    readonly readDb: Db;
    /** This browser wrote something within the shared caches' lifetime (plugins/recent-writes.ts). */
    readonly wroteRecently: boolean;
  }
}

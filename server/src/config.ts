import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { logFormat, type LogFormat } from './lib/logger.js';
import { replyMailConfig, type ReplyMailConfig } from './modules/reply-mail/config.js';
import { LIMITS } from '../../common/limits.js';

export interface Config {
  /** Unset: main.ts starts an embedded PostgreSQL and fills this in. */
  databaseUrl: string | undefined;
  /**
   * Streaming replicas of that database (DATABASE_REPLICA_URLS, comma-separated) for reads that tolerate a little
   * lag (db/replicas.ts, plugins/read-routing.ts); empty: every read goes to DATABASE_URL, as on one machine.
   */
  databaseReplicaUrls: string[];
  /** A replica further behind the primary than this (REPLICA_MAX_LAG_SECONDS, default 5) is skipped until it catches up. */
  replicaMaxLagMs: number;
  /** How often each web instance measures its replicas' state and lag (REPLICA_CHECK_MS, default 1000). */
  replicaCheckMs: number;
  port: number;
  host: string;
  /** Public origin, used in e-mail links and origin checks. */
  publicUrl: string;
  /** Cookies get `Secure` and the `__Host-` prefix; browsers accept this on http://localhost too. */
  secureCookies: boolean;
  smtpUrl: string | undefined;
  mailFrom: string;
  dataDir: string;
  webDist: string;
  logLevel: string;
  /** Load demo data on the first start of an empty database. */
  seedDemo: boolean;
  /** Multiplier on every rate limit (tests raise it; production keeps 1). */
  rateLimitFactor: number;
  /** Days of inactivity after which a session ends (sliding). */
  sessionDays: number;
  /** Days after sign-in after which a session ends however active it is (SESSION_MAX_DAYS). */
  sessionMaxDays: number;
  /**
   * Which proxies' X-Forwarded-For is believed (TRUST_PROXY), as Fastify's `trustProxy` takes it: true (every
   * hop), the first n hops, or a list of addresses/CIDRs; false when unset, so a client cannot pick its address.
   */
  trustProxy: boolean | string[] | ((address: string, hop: number) => boolean);
  /** Longest life of a cached session (plugins/session-cache.ts), in seconds; 0 disables the cache. */
  sessionCacheSeconds: number;
  /** How often counted post reads are written (ms). */
  viewFlushMs: number;
  /** Post pages kept per instance (posts/page-cache.ts) and their longest life, in seconds; 0 entries disables. */
  /** Bytes (in MB) the per-instance page cache (post pages and feed pages) may hold. */
  pageCacheMb: number;
  postPageCacheSeconds: number;
  /** How long a page of search hits (keys only) is shared by the readers of an instance; 0 disables. */
  searchCacheSeconds: number;
  roles: { web: boolean; worker: boolean };
  /** Attachments go to this S3-compatible bucket when S3_BUCKET is set; else to DATA_DIR/uploads. */
  s3: S3Config | undefined;
  /**
   * Link previews may reach 127.0.0.0/8 and ::1. Tests only (a local HTTP server stands in for
   * a web page); false in every real deployment, where previews refuse every private address.
   */
  linkPreviewAllowLoopback: boolean;
  /** Same for veille feeds: tests serve their RSS/Atom from a local server; false in every real deployment. */
  veilleAllowLoopback: boolean;
  /**
   * How many national CNFPT sources the network may have (LIMITS.cnfptSources). Tests that add sources raise it:
   * their database is shared with test files that add sources of their own at the same time.
   */
  cnfptSourcesMax: number;
  /**
   * Days a veille item that was dismissed or never acted upon stays in the inbox table before the
   * `veille-purge` job deletes it (published ones are kept). At least VEILLE_MIN_RETENTION_DAYS, so the
   * 12-week activity figures of the veille page stay complete.
   */
  veilleRetentionDays: number;
  /** Bearer token that opens `/metrics` on the public port (METRICS_TOKEN); unset: 404 there. */
  metricsToken: string | undefined;
  /** Port of a `/metrics`-only server on 127.0.0.1 (METRICS_PORT), started by main.ts for every role. */
  metricsPort: number | undefined;
  /** `json` (pino lines, for log collectors) or `text` (readable lines for a person at a terminal). */
  logFormat: LogFormat;
  /** Signs unsubscribe links (HMAC). APP_SECRET, else generated once into DATA_DIR/secret (never committed). */
  secret: string;
  /** ProConnect (OpenID Connect) sign-in; unset: no button and no route does anything. */
  oidc: OidcConfig | undefined;
  /**
   * Who must use a second factor when signing in (MFA_REQUIRED_FOR): `staff` (animators, coordinators, national
   * team; default), `all`, or `none`. A factor a person enrolled is asked for whatever this says.
   */
  mfaRequiredFor: 'staff' | 'all' | 'none';
  /** Days a person who must use a second factor may still sign in without one, from the first offer (MFA_GRACE_DAYS). */
  mfaGraceDays: number;
  /**
   * PeerTube and uMap instances whose videos and maps may be embedded. Both are federated (anyone can run an
   * instance), so the Content-Security-Policy `frame-src` can only list the instances named here.
   */
  embedHosts: EmbedHosts;
  /** Welcome e-mails of imported members sent per hour at most (IMPORT_WELCOME_PER_HOUR), by the worker. */
  importWelcomePerHour: number;
  /** Reply by e-mail (modules/reply-mail); unset without REPLY_DOMAIN: notification e-mails carry no reply address. */
  replyMail: ReplyMailConfig | undefined;
}

export interface EmbedHosts {
  peertube: string[];
  umap: string[];
}

/** Framasoft's PeerTube, the main uMap instance and the one of the Agence nationale de la cohésion des territoires. */
export const DEFAULT_EMBED_HOSTS: EmbedHosts = {
  peertube: ['framatube.org'],
  umap: ['umap.openstreetmap.fr', 'umap.incubateur.anct.gouv.fr'],
};

const HOST_NAME = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

/** A comma-separated list of host names (no scheme, no port); unset keeps the default list, empty allows none. */
function hostList(name: string, value: string | undefined, fallback: string[]): string[] {
  if (value === undefined) return fallback;
  const hosts = value.split(',').map((h) => h.trim().toLowerCase()).filter(Boolean);
  const bad = hosts.find((h) => !HOST_NAME.test(h));
  if (bad) throw new Error(`${name} doit être une liste de noms d’hôtes séparés par des virgules, sans « https:// » ni port (reçu « ${bad} »)`);
  return hosts;
}

export interface OidcConfig {
  /** e.g. https://fca.integ01.dev-agentconnect.fr/api/v2 (sandbox) or https://auth.agentconnect.gouv.fr/api/v2. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Sent as acr_values; ProConnect's levels are eidas1 (default), eidas2, eidas3. */
  acrValues: string;
  /** Name shown to people (button, error pages). */
  label: string;
  /** Plain-HTTP issuer allowed (tests and a local provider only; ProConnect is HTTPS). */
  allowInsecure: boolean;
  /**
   * Who may come in through ProConnect (ProConnect itself lets every public agent through): e-mail domains and
   * SIRET numbers. Both empty: everyone; otherwise a person matching either list.
   */
  allowedDomains?: string[];
  allowedSirets?: string[];
}

function oidcConfig(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  if (!env.OIDC_ISSUER) return undefined;
  const missing = ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'].filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`OIDC_ISSUER est défini mais il manque : ${missing.join(', ')}`);
  if (!URL.canParse(env.OIDC_ISSUER)) throw new Error(`OIDC_ISSUER doit être une adresse (reçu « ${env.OIDC_ISSUER} »)`);
  const insecure = new URL(env.OIDC_ISSUER).protocol === 'http:';
  if (insecure && env.OIDC_ALLOW_HTTP !== 'true') {
    throw new Error('OIDC_ISSUER doit commencer par https:// (OIDC_ALLOW_HTTP=true pour un fournisseur local de test).');
  }
  return {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID!,
    clientSecret: env.OIDC_CLIENT_SECRET!,
    acrValues: env.OIDC_ACR_VALUES || 'eidas1',
    label: env.OIDC_LABEL || 'ProConnect',
    allowInsecure: insecure,
    allowedDomains: oidcList('OIDC_ALLOWED_DOMAINS', env.OIDC_ALLOWED_DOMAINS, /^[a-z0-9-]+(\.[a-z0-9-]+)+$/),
    allowedSirets: oidcList('OIDC_ALLOWED_SIRETS', env.OIDC_ALLOWED_SIRETS, /^\d{14}$/),
  };
}

/** A comma-separated list of domains or SIRET numbers, refused in French when one entry is malformed. */
function oidcList(name: string, value: string | undefined, shape: RegExp): string[] {
  const items = (value ?? '').split(',').map((s) => s.trim().toLowerCase().replace(/\s/g, '')).filter((s) => s !== '');
  const bad = items.find((s) => !shape.test(s));
  if (bad) throw new Error(`${name} : « ${bad} » n’est pas ${name.endsWith('SIRETS') ? 'un numéro SIRET (14 chiffres)' : 'un nom de domaine'}`);
  return items;
}

export interface S3Config {
  /** e.g. https://s3.fr-par.scw.cloud or http://127.0.0.1:9000 (MinIO). */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Path-style URLs (endpoint/bucket/key), which every S3-compatible service accepts; false: bucket.endpoint/key. */
  forcePathStyle: boolean;
}

function s3Config(env: NodeJS.ProcessEnv): S3Config | undefined {
  if (!env.S3_BUCKET) return undefined;
  const missing = ['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`S3_BUCKET est défini mais il manque : ${missing.join(', ')}`);
  return {
    endpoint: env.S3_ENDPOINT!.replace(/\/$/, ''),
    region: env.S3_REGION ?? 'us-east-1',
    bucket: env.S3_BUCKET,
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    forcePathStyle: env.S3_FORCE_PATH_STYLE !== 'false',
  };
}

/** Same secret across restarts and instances sharing DATA_DIR, without anyone having to set it. */
function appSecret(env: NodeJS.ProcessEnv, dataDir: string): string {
  if (env.APP_SECRET) return env.APP_SECRET;
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  try {
    writeFileSync(file, secret, { flag: 'wx', mode: 0o600 });
  } catch {
    // Another process wrote it first: use theirs.
  }
  return readFileSync(file, 'utf8').trim();
}

/**
 * The veille page shows 12 Paris weeks of activity, the current one included (veille/activity.ts): their start
 * is at most 84 days ago, so a shorter retention would empty its oldest week.
 */
export const VEILLE_MIN_RETENTION_DAYS = 12 * 7;

function metricsToken(env: NodeJS.ProcessEnv): string | undefined {
  const token = env.METRICS_TOKEN || undefined;
  if (token !== undefined && (token.length < 16 || /\s/.test(token))) {
    throw new Error('METRICS_TOKEN doit compter au moins 16 caractères, sans espace (par exemple : openssl rand -hex 24).');
  }
  return token;
}

/** DATABASE_REPLICA_URLS: PostgreSQL addresses separated by commas, each refused in French when it is not one. */
function replicaUrls(value: string | undefined): string[] {
  const urls = (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const bad = urls.find((u) => !URL.canParse(u) || !/^postgres(ql)?:$/.test(new URL(u).protocol));
  if (bad !== undefined) throw new Error(`DATABASE_REPLICA_URLS attend des adresses postgres://… séparées par des virgules (reçu « ${bad.replace(/\/\/[^@/]*@/, '//…@')} »)`);
  return urls;
}

function positiveNumber(name: string, value: string | undefined, fallback: number): number {
  const n = int(name, value, fallback);
  if (n <= 0) throw new Error(`${name} doit être un nombre positif (reçu « ${value} »)`);
  return n;
}

function int(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`${name} doit être un nombre (reçu « ${value} »)`);
  return n;
}

function veilleRetentionDays(env: NodeJS.ProcessEnv): number {
  const days = int('VEILLE_RETENTION_DAYS', env.VEILLE_RETENTION_DAYS, 90);
  if (!Number.isInteger(days) || days < VEILLE_MIN_RETENTION_DAYS) {
    throw new Error(`VEILLE_RETENTION_DAYS doit être un nombre entier de jours, au moins ${VEILLE_MIN_RETENTION_DAYS} (reçu « ${days} ») : la page de veille montre 12 semaines d’activité.`);
  }
  return days;
}

function importWelcomePerHour(env: NodeJS.ProcessEnv): number {
  const n = int('IMPORT_WELCOME_PER_HOUR', env.IMPORT_WELCOME_PER_HOUR, 3000);
  if (!Number.isInteger(n) || n < 1) throw new Error(`IMPORT_WELCOME_PER_HOUR doit être un nombre entier de courriels par heure, au moins 1 (reçu « ${n} »)`);
  return n;
}

function mfaRequiredFor(value: string | undefined): Config['mfaRequiredFor'] {
  const text = (value ?? '').trim() || 'staff';
  if (text !== 'staff' && text !== 'all' && text !== 'none') {
    throw new Error(`MFA_REQUIRED_FOR attend staff, all ou none (reçu « ${text} »)`);
  }
  return text;
}

/** TRUST_PROXY: `true`, a number of hops (`1`), or a comma list of addresses and CIDRs (`127.0.0.1,10.0.0.0/8`). */
export function trustProxy(value: string | undefined): Config['trustProxy'] {
  const text = (value ?? '').trim();
  if (text === '' || text === 'false') return false;
  if (text === 'true') return true;
  if (/^\d+$/.test(text)) {
    // Fastify reads a bare number as "trust nothing" (it cannot check the peer): the first n hops, said as a function.
    const hops = Number(text);
    return (_address: string, hop: number) => hop < hops;
  }
  const list = text.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.filter((s) => !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(s));
  if (bad.length > 0) {
    throw new Error(`TRUST_PROXY attend true, un nombre de relais ou une liste d’adresses et de plages séparées par des virgules (reçu « ${bad.join(', ')} »).`);
  }
  return list;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv): Config {
  const port = int('PORT', env.PORT, 3000);
  const roleArg = argv.find((a) => a.startsWith('--role='))?.slice('--role='.length) ?? env.APP_ROLE ?? 'all';
  if (!['all', 'web', 'worker'].includes(roleArg)) throw new Error(`Rôle inconnu : ${roleArg} (all, web ou worker)`);
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, '');
  const secret = appSecret(env, resolve(env.DATA_DIR ?? 'data'));
  if (env.DATABASE_REPLICA_URLS?.trim() && !env.DATABASE_URL) {
    throw new Error('DATABASE_REPLICA_URLS suppose DATABASE_URL : les réplicas copient une base PostgreSQL du système, pas la base embarquée.');
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReplicaUrls: replicaUrls(env.DATABASE_REPLICA_URLS),
    replicaMaxLagMs: positiveNumber('REPLICA_MAX_LAG_SECONDS', env.REPLICA_MAX_LAG_SECONDS, 5) * 1000,
    replicaCheckMs: positiveNumber('REPLICA_CHECK_MS', env.REPLICA_CHECK_MS, 1000),
    port,
    host: env.HOST ?? '0.0.0.0',
    publicUrl,
    secureCookies: env.COOKIE_SECURE !== 'false',
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM ?? 'e-communautés <ne-pas-repondre@e-communautes.localhost>',
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    webDist: resolve(env.WEB_DIST ?? 'web/dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
    seedDemo: env.SEED_DEMO !== 'false',
    rateLimitFactor: int('RATE_LIMIT_FACTOR', env.RATE_LIMIT_FACTOR, 1),
    sessionDays: int('SESSION_DAYS', env.SESSION_DAYS, 30),
    sessionMaxDays: int('SESSION_MAX_DAYS', env.SESSION_MAX_DAYS, 30),
    trustProxy: trustProxy(env.TRUST_PROXY),
    sessionCacheSeconds: int('SESSION_CACHE_SECONDS', env.SESSION_CACHE_SECONDS, 60),
    viewFlushMs: int('VIEW_FLUSH_MS', env.VIEW_FLUSH_MS, 5_000),
    pageCacheMb: int('PAGE_CACHE_MB', env.PAGE_CACHE_MB, 48),
    postPageCacheSeconds: int('POST_PAGE_CACHE_SECONDS', env.POST_PAGE_CACHE_SECONDS, 30),
    searchCacheSeconds: int('SEARCH_CACHE_SECONDS', env.SEARCH_CACHE_SECONDS, 30),
    roles: { web: roleArg !== 'worker', worker: roleArg !== 'web' },
    s3: s3Config(env),
    linkPreviewAllowLoopback: false,
    veilleAllowLoopback: false,
    cnfptSourcesMax: LIMITS.cnfptSources,
    veilleRetentionDays: veilleRetentionDays(env),
    metricsToken: metricsToken(env),
    metricsPort: env.METRICS_PORT ? int('METRICS_PORT', env.METRICS_PORT, 0) : undefined,
    logFormat: logFormat(env, process.stdout.isTTY === true),
    secret,
    oidc: oidcConfig(env),
    mfaRequiredFor: mfaRequiredFor(env.MFA_REQUIRED_FOR),
    mfaGraceDays: int('MFA_GRACE_DAYS', env.MFA_GRACE_DAYS, 7),
    embedHosts: {
      peertube: hostList('EMBED_PEERTUBE_HOSTS', env.EMBED_PEERTUBE_HOSTS, DEFAULT_EMBED_HOSTS.peertube),
      umap: hostList('EMBED_UMAP_HOSTS', env.EMBED_UMAP_HOSTS, DEFAULT_EMBED_HOSTS.umap),
    },
    importWelcomePerHour: importWelcomePerHour(env),
    replyMail: replyMailConfig(env, secret),
  };
}

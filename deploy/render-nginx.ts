/**
 * Renders deploy/nginx/e-communautes.conf.template into an nginx site file.
 *
 *   SERVER_NAME=communautes.exemple.fr WEB_INSTANCES="127.0.0.1:3001 127.0.0.1:3002" \
 *     npx tsx deploy/render-nginx.ts > /etc/nginx/sites-available/e-communautes.conf
 *
 * Every setting has a production default except SERVER_NAME; the end-to-end test (e2e/deploy.test.ts)
 * renders the same template with its own ports and paths.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LIMITS } from '../common/limits.js';

export const NGINX_TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), 'nginx', 'e-communautes.conf.template');

export interface NginxSettings {
  SERVER_NAME: string;
  /** Web instances, `host:port` separated by spaces or commas. */
  WEB_INSTANCES: string;
  HTTP_LISTEN: string;
  /** e.g. `443`, or `[::]:443 ipv6only=off` for IPv4 and IPv6. */
  HTTPS_LISTEN: string;
  TLS_CERTIFICATE: string;
  TLS_CERTIFICATE_KEY: string;
  WEB_DIST: string;
  LOG_DIR: string;
  ACME_ROOT: string;
}

export const NGINX_DEFAULTS: Omit<NginxSettings, 'SERVER_NAME'> = {
  WEB_INSTANCES: '127.0.0.1:3001 127.0.0.1:3002',
  HTTP_LISTEN: '80',
  HTTPS_LISTEN: '443',
  TLS_CERTIFICATE: '/etc/letsencrypt/live/${SERVER_NAME}/fullchain.pem',
  TLS_CERTIFICATE_KEY: '/etc/letsencrypt/live/${SERVER_NAME}/privkey.pem',
  WEB_DIST: '/opt/e-communautes/web/dist',
  LOG_DIR: '/var/log/nginx',
  ACME_ROOT: '/var/www/letsencrypt',
};

/** The largest upload (common/limits.ts) plus 1 MiB for the multipart envelope and the other form fields. */
export function clientMaxBodySize(): string {
  const largest = Math.max(LIMITS.attachmentImageBytes, LIMITS.attachmentDocumentBytes, LIMITS.bodyLimit);
  return `${Math.ceil(largest / (1024 * 1024)) + 1}m`;
}

function upstreamServers(instances: string): string {
  const list = instances.split(/[\s,]+/).filter(Boolean);
  if (list.length === 0) throw new Error('WEB_INSTANCES est vide : indiquez au moins une instance web (hôte:port).');
  for (const address of list) {
    if (!/^[\w.-]+:\d+$|^\[[\da-f:]+\]:\d+$/i.test(address)) throw new Error(`WEB_INSTANCES : « ${address} » n’est pas de la forme hôte:port.`);
  }
  return list.map((address) => `    server ${address} max_fails=1 fail_timeout=5s;`).join('\n');
}

/** Fills the template; a placeholder left without a value is an error, never an empty directive. */
export function renderNginx(settings: Partial<NginxSettings> & { SERVER_NAME: string }, template = readFileSync(NGINX_TEMPLATE, 'utf8')): string {
  const values: Record<string, string> = { ...NGINX_DEFAULTS, ...settings } as Record<string, string>;
  const fill = (text: string): string => text.replace(/\$\{([A-Z_]+)\}/g, (_all, name: string): string => {
    if (name === 'UPSTREAM_SERVERS') return upstreamServers(values.WEB_INSTANCES!);
    if (name === 'CLIENT_MAX_BODY_SIZE') return clientMaxBodySize();
    const value = values[name];
    if (value === undefined || value === '') throw new Error(`Valeur manquante pour ${name} dans le modèle nginx.`);
    // Defaults may refer to other settings (the certificate paths name the server).
    return fill(value);
  });
  return fill(template);
}

function fromEnv(env: NodeJS.ProcessEnv): Partial<NginxSettings> & { SERVER_NAME: string } {
  if (!env.SERVER_NAME) throw new Error('SERVER_NAME manquant : le nom du site, par exemple communautes.exemple.fr.');
  const settings: Partial<NginxSettings> & { SERVER_NAME: string } = { SERVER_NAME: env.SERVER_NAME };
  for (const key of Object.keys(NGINX_DEFAULTS) as (keyof typeof NGINX_DEFAULTS)[]) {
    if (env[key]) settings[key] = env[key];
  }
  return settings;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    process.stdout.write(renderNginx(fromEnv(process.env)));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}

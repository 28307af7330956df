import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { renderNginx } from '../deploy/render-nginx.js';

/**
 * The production layout of docs/deploy.md, on one machine and without root: nginx (rendered from the same
 * template as production, TLS included) on 127.0.0.2, two web instances and one worker as child processes,
 * started exactly as the systemd units start them, on a database of their own.
 */

export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const OPENSSL = '/usr/bin/openssl';
export const hasNginx = existsSync(NGINX) && existsSync(OPENSSL);
export const NO_NGINX_REASON = `nginx ou openssl introuvable (${NGINX}, ${OPENSSL}) : test du déploiement derrière un proxy ignoré — installez le paquet Debian « nginx-light »`;

/** nginx listens here; clients connect from CLIENT_ADDRESS; the instances see nginx as 127.0.0.1. */
export const PROXY_ADDRESS = '127.0.0.2';
export const CLIENT_ADDRESS = '127.0.0.3';
const ROOT = resolve(import.meta.dirname, '..');

export interface Instance { port: number; proc: ChildProcess; log: string }

export interface Stack {
  /** PUBLIC_URL of the instances: what a browser would have in its address bar. */
  publicUrl: string;
  httpsPort: number;
  httpPort: number;
  databaseUrl: string;
  web: Instance[];
  worker: Instance;
  ca: string;
  /** nginx's access log (deploy template's format, with the upstream that answered). */
  accessLog: () => string;
  /** systemctl restart of one web instance: SIGTERM, wait for the clean stop, start again on the same port. */
  restartWeb: (index: number) => Promise<void>;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = net.createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => ok(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, check: () => Promise<boolean> | boolean, ms: number, proc?: Instance): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (proc && proc.proc.exitCode !== null) throw new Error(`${what} : le processus s’est arrêté\n${readFileSync(proc.log, 'utf8').slice(-3000)}`);
    if (await Promise.resolve().then(check).catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`${what} : pas prêt en ${ms / 1000} s${proc ? `\n${readFileSync(proc.log, 'utf8').slice(-3000)}` : ''}`);
}

function healthy(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/api/health', timeout: 2000 }, (res) => {
      res.resume();
      ok(res.statusCode === 200);
    });
    req.on('error', () => ok(false));
  });
}

/** The command line of deploy/systemd/*.service, with the settings of deploy/e-communautes.env.example. */
function startApp(dir: string, name: string, role: 'web' | 'worker', env: Record<string, string>): Instance {
  const log = join(dir, `${name}.log`);
  const fd = openSync(log, 'a');
  const proc = spawn(process.execPath, ['build/server/src/main.js', `--role=${role}`], {
    cwd: ROOT, stdio: ['ignore', fd, fd],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? dir, ...env },
  });
  closeSync(fd);
  return { port: Number(env.PORT ?? 0), proc, log };
}

/** A database of its own, on the server of the run's test database (`runDatabaseUrl`). */
async function createDatabase(runDatabaseUrl: string, name: string): Promise<string> {
  const server = new URL(runDatabaseUrl);
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  server.pathname = `/${name}`;
  return server.toString();
}

async function dropDatabase(url: string): Promise<void> {
  const server = new URL(url);
  const name = server.pathname.slice(1);
  server.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

/** A stand-in for `npm run build:web`: an SPA shell and one hashed asset. */
function writeWebDist(dir: string): void {
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="fr"><head><title>e-communautés</title><script type="module" src="/assets/app-d3pl0y.js"></script></head></html>');
  writeFileSync(join(dir, 'assets', 'app-d3pl0y.js'), 'console.log("e-communautés");\n');
}

function nginxMainConf(dir: string, site: string): string {
  // What Debian's /etc/nginx/nginx.conf provides, with every path in the test folder (no root needed).
  const tmp = join(dir, 'tmp');
  return `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'logs', 'error.log')} warn;
events { worker_connections 512; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  client_body_temp_path ${tmp}/body;
  proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fastcgi;
  uwsgi_temp_path ${tmp}/uwsgi;
  scgi_temp_path ${tmp}/scgi;
  include ${site};
}
`;
}

async function startNginx(dir: string, settings: Parameters<typeof renderNginx>[0]): Promise<ChildProcess> {
  for (const sub of ['logs', 'tmp', 'acme']) mkdirSync(join(dir, sub), { recursive: true });
  const site = join(dir, 'e-communautes.conf');
  writeFileSync(site, renderNginx(settings));
  writeFileSync(join(dir, 'nginx.conf'), nginxMainConf(dir, site));
  const args = ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'logs', 'error.log')];
  execFileSync(NGINX, [...args, '-t', '-q'], { stdio: 'pipe' });
  return spawn(NGINX, [...args, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function selfSignedCertificate(dir: string): { cert: string; key: string } {
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync(OPENSSL, [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost', '-keyout', key, '-out', cert,
  ], { stdio: 'pipe' });
  return { cert, key };
}

async function stopProcess(proc: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill(signal);
  await Promise.race([exited, sleep(15_000)]);
  if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
}

export async function startStack(runDatabaseUrl: string): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'ecom-deploy-'));
  // nginx's workers run as "nobody" when the test runs as root: they must read the static files.
  chmodSync(dir, 0o755);
  const [httpsPort, httpPort, web1, web2] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const publicUrl = `https://localhost:${httpsPort}`;
  const databaseUrl = await createDatabase(runDatabaseUrl, `ecom_deploy_${Date.now()}_${process.pid}`);
  const webDist = join(dir, 'web');
  writeWebDist(webDist);
  const env = {
    DATABASE_URL: databaseUrl, PUBLIC_URL: publicUrl, TRUST_PROXY: 'true', HOST: '127.0.0.1', COOKIE_SECURE: 'true',
    APP_SECRET: 'secret-du-test-de-deploiement', DATA_DIR: join(dir, 'data'), WEB_DIST: webDist, SEED_DEMO: 'false', LOG_LEVEL: 'info',
  };
  // All three at once on an empty database, as after an upgrade: they must not race on the migrations.
  const web = [startApp(dir, 'web1', 'web', { ...env, PORT: String(web1) }), startApp(dir, 'web2', 'web', { ...env, PORT: String(web2) })];
  const worker = startApp(dir, 'worker', 'worker', env);
  const tls = selfSignedCertificate(dir);
  const nginxDir = join(dir, 'nginx');
  let nginx: ChildProcess | undefined;
  const stop = async () => {
    await Promise.all([...web, worker].map((i) => stopProcess(i.proc)));
    if (nginx) await stopProcess(nginx, 'SIGQUIT');
    await dropDatabase(databaseUrl).catch(() => {});
    if (!process.env.KEEP_DEPLOY_TEST) rmSync(dir, { recursive: true, force: true });
  };
  try {
    mkdirSync(nginxDir, { mode: 0o755 });
    nginx = await startNginx(nginxDir, {
      SERVER_NAME: 'localhost', WEB_INSTANCES: `127.0.0.1:${web1} 127.0.0.1:${web2}`,
      HTTP_LISTEN: `${PROXY_ADDRESS}:${httpPort}`, HTTPS_LISTEN: `${PROXY_ADDRESS}:${httpsPort}`,
      TLS_CERTIFICATE: tls.cert, TLS_CERTIFICATE_KEY: tls.key, WEB_DIST: webDist,
      LOG_DIR: join(nginxDir, 'logs'), ACME_ROOT: join(nginxDir, 'acme'),
    });
    for (const instance of web) await waitFor(`instance web ${instance.port}`, () => healthy(instance.port), 90_000, instance);
    await waitFor('worker', () => readFileSync(worker.log, 'utf8').includes('rôle worker'), 90_000, worker);
    await waitFor('nginx', () => new Promise<boolean>((ok) => {
      const socket = net.connect(httpsPort, PROXY_ADDRESS, () => { socket.end(); ok(true); }).on('error', () => ok(false));
    }), 10_000);
  } catch (err) {
    await stop();
    throw err;
  }
  const accessLog = () => readFileSync(join(nginxDir, 'logs', 'e-communautes.access.log'), 'utf8');
  const stack: Stack = {
    publicUrl, httpsPort, httpPort, databaseUrl, web, worker, ca: readFileSync(tls.cert, 'utf8'), accessLog,
    restartWeb: async (index) => {
      const old = web[index]!;
      await stopProcess(old.proc);
      web[index] = startApp(dir, `web${index + 1}`, 'web', { ...env, PORT: String(old.port) });
      await waitFor(`instance web ${old.port} redémarrée`, () => healthy(old.port), 90_000, web[index]);
      // As an operator must before restarting the next one: nginx sends it requests again (after fail_timeout).
      const logged = accessLog().length;
      await waitFor(`instance web ${old.port} de nouveau servie par nginx`, async () => {
        await viaProxy(stack, '/api/health');
        return accessLog().slice(logged).includes(`upstream=127.0.0.1:${old.port} `);
      }, 30_000);
    },
    stop,
  };
  return stack;
}

export interface Reply { status: number; headers: http.IncomingHttpHeaders; body: string }

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  agent?: https.Agent;
}

/** A request through nginx, over TLS, from CLIENT_ADDRESS, for https://localhost:<port> (the PUBLIC_URL). */
export function viaProxy(stack: Stack, path: string, opts: RequestOptions = {}): Promise<Reply> {
  return send(https.request({
    host: PROXY_ADDRESS, port: stack.httpsPort, path, method: opts.method ?? 'GET', localAddress: CLIENT_ADDRESS,
    servername: 'localhost', ca: stack.ca, agent: opts.agent,
    headers: { host: `localhost:${stack.httpsPort}`, ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
  }), opts.body);
}

/** A request straight to one instance, bypassing the proxy (as another instance's traffic would arrive). */
export function direct(instance: Instance, path: string, opts: RequestOptions = {}): Promise<Reply> {
  return send(http.request({
    host: '127.0.0.1', port: instance.port, path, method: opts.method ?? 'GET',
    headers: { ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}), ...opts.headers },
  }), opts.body);
}

function send(req: http.ClientRequest, body?: string | Buffer): Promise<Reply> {
  return new Promise((ok, fail) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

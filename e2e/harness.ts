import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import type { Result as AxeResult } from 'axe-core';
import { loadConfig, type Config } from '../server/src/config.js';
import { makeTestApp } from '../server/test/helpers.js';
import type { Db } from '../server/src/db/client.js';
import type { App } from '../server/src/types.js';
import type pg from 'pg';
import { onTestFinished } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
/** Shown as the name of a skipped test, so a missing browser is visible in every report. */
export const NO_CHROMIUM_REASON = `Chromium introuvable (${CHROMIUM}) : tests navigateur ignorés — installez le paquet Debian « chromium »`;

export interface E2eServer {
  url: string;
  db: Db;
  pool: pg.Pool;
  /** The running Fastify app, for the server test factories (createUser, createCommunity, addMember…). */
  app: App;
  close: () => Promise<void>;
}

/** The real application with the built web client, listening on a free loopback port. */
export async function startServer(overrides: Partial<Config> = {}): Promise<E2eServer> {
  const base = loadConfig({ WEB_DIST: process.env.WEB_DIST } as NodeJS.ProcessEnv, []);
  const webDist = await snapshotWebDist(base.webDist);
  // The same application the HTTP tests build, plus the web client and a real port.
  const { app, config, close } = await makeTestApp({ webDist, ...overrides });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  // localhost, not 127.0.0.1: Chromium treats it as a secure context, so `__Host-` Secure cookies work over http.
  config.publicUrl = `http://localhost:${port}`;
  return {
    url: config.publicUrl,
    db: app.db,
    pool: app.pool,
    app,
    close: async () => {
      await close();
      rmSync(webDist, { recursive: true, force: true });
    },
  };
}

/**
 * A private copy of the built web client: `npm test` or `npm run build:web` elsewhere in the tree empties and
 * rewrites web/dist, and pages loaded meanwhile would fail. The copy is retried until it is complete and unchanged.
 */
async function snapshotWebDist(source: string): Promise<string> {
  const index = join(source, 'index.html');
  for (let attempt = 0; attempt < 60; attempt++) {
    if (existsSync(index)) {
      const before = statSync(index).mtimeMs;
      const target = mkdtempSync(join(tmpdir(), 'ecom-e2e-web-'));
      try {
        cpSync(source, target, { recursive: true, filter: (path) => !path.endsWith('.map') });
        const html = readFileSync(join(target, 'index.html'), 'utf8');
        const assets = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
        const complete = assets.every((a) => existsSync(join(target, a)));
        if (complete && existsSync(index) && statSync(index).mtimeMs === before) return target;
      } catch {
        // a build was rewriting the folder: try again
      }
      rmSync(target, { recursive: true, force: true });
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`Client web introuvable ou incomplet dans ${source} : lancez « npm run build:web ».`);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
// React Aria's off-screen live log is excluded: a pending Button announces itself there by aria-labelledby,
// and that entry (kept 7 s) points to nothing once the form it belonged to is replaced by its result.
const AXE_EXCLUDE = '[data-live-announcer]';
const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

/**
 * axe-core's violations on the page. Without iframes, axe runs directly in the page (about four times faster
 * than AxeBuilder, which opens a blank page to merge per-frame results); pages with iframes go through AxeBuilder.
 */
async function axeViolations(page: Page): Promise<AxeResult[]> {
  if (page.frames().length > 1) {
    return (await new AxeBuilder({ page }).withTags(AXE_TAGS).exclude(AXE_EXCLUDE).analyze()).violations;
  }
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(
    ([tags, exclude]) =>
      (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeResult[] }> } }).axe
        .run({ exclude: [[exclude]] }, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'], iframes: false })
        .then((r) => r.violations),
    [AXE_TAGS, AXE_EXCLUDE] as const,
  );
}

/** Fails with the list of serious or critical axe-core violations on the current page. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const violations = await axeViolations(page);
  const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length > 0) {
    const detail = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`).join('\n');
    throw new Error(`Accessibilité « ${label} » : ${bad.length} violation(s) graves\n${detail}`);
  }
}

/** Sent at each sign-in from a browser new to the account (« Mes appareils »): every browser test signs in fresh. */
const NEW_DEVICE_SUBJECT = 'Nouvelle connexion à votre compte';

/**
 * The last e-mail sent to an address (dev outbox table), for following links as a person would. The new-device
 * notice each browser sign-in may send, a moment later, is skipped unless it is the subject asked for.
 */
export async function lastMailTo(pool: pg.Pool, to: string, subject?: string): Promise<{ subject: string; text: string }> {
  for (let i = 0; i < 50; i++) {
    const { rows } = await pool.query<{ subject: string; text: string }>(
      subject === undefined
        ? 'SELECT subject, text FROM mail_outbox WHERE to_address = $1 AND subject <> $2 ORDER BY id DESC LIMIT 1'
        : 'SELECT subject, text FROM mail_outbox WHERE to_address = $1 AND subject = $2 ORDER BY id DESC LIMIT 1',
      [to, subject ?? NEW_DEVICE_SUBJECT],
    );
    if (rows[0]) return rows[0];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Aucun courriel pour ${to}${subject ? ` (« ${subject} »)` : ''}`);
}

let counter = 0;
/** A suffix unique across files and runs (the run database is shared by every test file). */
export function uniqueSuffix(): string {
  counter += 1;
  return `${Date.now().toString(36)}${process.pid.toString(36)}${counter}`;
}

/**
 * A fresh browser context (one per person: its own cookies) and its page. `timezoneId` sets the browser's zone
 * (an agent in Réunion, a server in UTC), to check that times entered as Paris time stay Paris time.
 */
export async function newPage(
  browser: Browser, viewport = { width: 1280, height: 900 }, options: { timezoneId?: string; serviceWorkers?: 'allow' | 'block' } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  // The service worker (web/public/sw.js) stays out of the way unless a test is about it: with it, requests
  // would no longer pass through Playwright's interception, and every page would depend on its cache.
  const context = await browser.newContext({ viewport, locale: 'fr-FR', serviceWorkers: 'block', ...options });
  // Generous: other work may share the machine; a healthy page answers in well under a second.
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  await failOnCspViolations(context);
  const page = await context.newPage();
  return { context, page };
}

const cspViolationsByContext = new WeakMap<BrowserContext, string[]>();

/** The violations recorded so far in a context (a test that provokes one on purpose empties it). */
export function cspViolations(context: BrowserContext): string[] {
  return cspViolationsByContext.get(context) ?? [];
}

/**
 * Every page of the suite runs under the real Content-Security-Policy: anything it blocks (a script, a style,
 * a frame, a request) fails the test that caused it, with what was refused. Chromium reports a violation
 * both as a `securitypolicyviolation` event in the page and as a « Refused to … » console error; both are kept.
 */
async function failOnCspViolations(context: BrowserContext): Promise<void> {
  const violations: string[] = [];
  cspViolationsByContext.set(context, violations);
  await context.exposeBinding('__reportCspViolation', (source, text: string) => {
    violations.push(`${source.frame.url()} : ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportCspViolation?: (text: string) => void }).__reportCspViolation;
      report?.(`${e.effectiveDirective} a bloqué ${e.blockedURI || '(inline)'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const watch = (page: Page) =>
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) violations.push(`${page.url()} : ${message.text()}`);
    });
  context.pages().forEach(watch);
  context.on('page', watch);
  // Checked once the test is over, so the report names the test; outside a test, when the context closes.
  const check = () => {
    if (violations.length > 0) throw new Error(`Violation(s) de la politique de sécurité du contenu (CSP) :\n${[...new Set(violations)].join('\n')}`);
  };
  try {
    onTestFinished(check);
  } catch {
    context.on('close', () => check());
  }
}

/** Signs in through the /connexion form, as a person would, and waits for the account menu. */
export async function signInThroughUi(page: Page, baseUrl: string, email: string, password: string, suite?: string): Promise<void> {
  await page.goto(`${baseUrl}/connexion${suite ? `?suite=${encodeURIComponent(suite)}` : ''}`);
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
  await page.getByRole('button', { name: /^Mon compte/ }).waitFor();
}

/** The first http(s) link of an e-mail's text. */
export function linkIn(text: string, path: string): string {
  const match = new RegExp(`https?://[^\\s]*${path.replace(/[?]/g, '\\?')}[^\\s]*`).exec(text);
  if (!match) throw new Error(`Aucun lien ${path} dans le courriel :\n${text}`);
  return match[0];
}

/** The whole MarkdownEditor field (web/src/ui/MarkdownEditor.tsx) whose label is `label`, inside `scope`. */
export function editorField(scope: Page | Locator, label: string | RegExp): Locator {
  return scope.getByLabel(label, { exact: typeof label === 'string' }).first()
    .locator('xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " md-editor ")][1]');
}

/**
 * Writes Markdown into a MarkdownEditor as a person preferring raw text would: its « Markdown » mode (a textarea),
 * so a test states the exact text sent. The rich mode has its own journeys (e2e/editor.test.ts).
 */
export async function fillEditor(scope: Page | Locator, label: string | RegExp, markdown: string): Promise<void> {
  const field = editorField(scope, label);
  const toggle = field.getByRole('button', { name: 'Markdown', exact: true });
  if ((await toggle.getAttribute('aria-pressed')) !== 'true') await toggle.click();
  await field.locator('textarea').fill(markdown);
}

/** The Markdown a MarkdownEditor holds (its hidden input, what the form sends). */
export function editorValue(scope: Page | Locator, label: string | RegExp): Promise<string> {
  return editorField(scope, label).locator('input[type="hidden"]').inputValue();
}

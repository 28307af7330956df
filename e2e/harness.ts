import { existsSync } from 'node:fs';
import { inject } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { loadConfig, type Config } from '../server/src/config.js';
import { createDb, createPool, type Db } from '../server/src/db/client.js';
import { buildApp } from '../server/src/app.js';
import { createMailer } from '../server/src/modules/mail/service.js';
import type pg from 'pg';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
/** Shown as the name of a skipped test, so a missing browser is visible in every report. */
export const NO_CHROMIUM_REASON = `Chromium introuvable (${CHROMIUM}) : tests navigateur ignorés — installez le paquet Debian « chromium »`;

export interface E2eServer {
  url: string;
  db: Db;
  pool: pg.Pool;
  close: () => Promise<void>;
}

/** The real application with the built web client, listening on a free loopback port. */
export async function startServer(overrides: Partial<Config> = {}): Promise<E2eServer> {
  const config: Config = {
    ...loadConfig({} as NodeJS.ProcessEnv, []),
    databaseUrl: inject('databaseUrl'),
    logLevel: 'silent',
    seedDemo: false,
    rateLimitFactor: 1000,
    smtpUrl: undefined,
    ...overrides,
  };
  const pool = createPool(config.databaseUrl!, 5);
  const db = createDb(pool);
  const mailer = createMailer(pool, config.smtpUrl, config.mailFrom, () => {});
  const app = await buildApp(config, { db, pool, mailer });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  // localhost, not 127.0.0.1: Chromium treats it as a secure context, so `__Host-` Secure cookies work over http.
  config.publicUrl = `http://localhost:${port}`;
  return {
    url: config.publicUrl,
    db,
    pool,
    close: async () => {
      await app.close();
      mailer.close();
      await pool.end();
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** Fails with the list of serious or critical axe-core violations on the current page. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length > 0) {
    const detail = bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`).join('\n');
    throw new Error(`Accessibilité « ${label} » : ${bad.length} violation(s) graves\n${detail}`);
  }
}

/** The last e-mail sent to an address (dev outbox table), for following links as a person would. */
export async function lastMailTo(pool: pg.Pool, to: string): Promise<{ subject: string; text: string }> {
  for (let i = 0; i < 50; i++) {
    const { rows } = await pool.query<{ subject: string; text: string }>(
      'SELECT subject, text FROM mail_outbox WHERE to_address = $1 ORDER BY id DESC LIMIT 1',
      [to],
    );
    if (rows[0]) return rows[0];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Aucun courriel pour ${to}`);
}

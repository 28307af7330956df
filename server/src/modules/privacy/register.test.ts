import { join } from 'node:path';
import { migrationsFolder } from '../../db/migrate.js';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/helpers.js';
import { NO_PERSONAL_DATA, REGISTER } from './register/index.js';
import { renderRegister } from './register/render.js';
import { buildExport } from './export.js';
import { deleteAccount } from './deletion.js';
import { memberEverywhere } from './register-fixtures.js';
import { RETENTION } from './retention.js';

const DOC = new URL('../../../../docs/privacy.md', import.meta.url);
const REGISTER_DIR = 'server/src/modules/privacy/register/';

/** A column naming a person, by its name (ids of people, "… by" columns). */
const PERSON_ID = /^(user|author|actor|reporter|inviter|asker|first_responder|animator|blocker|blocked|target_user|last_user)_id$|_by$/;
/** Identity, contact, browser, tokens carrying claims, and free text people write (text and jsonb columns only). */
const PERSONAL_TEXT = /^(email|to_address|first_name|last_name|user_agent|sub|id_token|claims|password_hash|body|body_md|body_html|bio|comment|note|message|free_text|text|html|reason|[a-z]+_reason|highlights|difficulties|proposals|rendezvous|minutes|agenda|decisions|summary|long_desc_md|long_desc_html|response|organiser|before|after|data|payload|intro_md|intro_html)$/;
const TEXT_TYPES = new Set(['text', 'citext', 'varchar', 'jsonb', 'json']);

function template(table: string, columns: string[]): string {
  return `Add an entry to the processing register (${REGISTER_DIR}<area>.ts), e.g.
  {
    table: '${table}',
    columns: [${columns.map((c) => `'${c}'`).join(', ')}],
    subject: '${columns.find((c) => PERSON_ID.test(c)) ?? 'user_id'} = $1',   // or null when a row never belongs to one member
    purpose: '…', legalBasis: 'mission', retention: '… (and the job that enforces it)', readers: '…',
    export: '<key added to privacy/export-more.ts>' /* or { excluded: 'why' } */,
    deletion: { action: 'delete' } /* or { action: 'erase', columns: [...] } or { action: 'keep', reason: '…' } */,
  },
then handle it in privacy/deletion-more.ts, give the member a row in privacy/register-fixtures.ts when it has a subject,
and run: UPDATE_PRIVACY_DOC=1 npx vitest run server/src/modules/privacy/register.test.ts
If the table holds no personal data, add { table: '${table}', why: '…' } to NO_PERSONAL_DATA (${REGISTER_DIR}staff.ts) instead.`;
}

describe('processing register', async () => {
  const { app } = await useTestApp();

  /** The member's rows in a table, found by the register's subject condition. */
  async function countRows(table: string, subject: string, userId: number, email: string, extra = 'true'): Promise<number> {
    // The casts type both parameters whichever of them the condition uses.
    const text = `SELECT count(*)::int AS n FROM ${table} WHERE $1::bigint IS NOT NULL AND $2::text IS NOT NULL AND (${subject}) AND ${extra}`;
    return (await app.pool.query(text, [userId, email])).rows[0].n;
  }

  it('lists every table of the database, and every column of personal data', async () => {
    const { rows } = await app.pool.query<{ table_name: string; column_name: string; udt_name: string }>(`
      SELECT c.table_name, c.column_name, c.udt_name FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
       WHERE c.table_schema = 'public' ORDER BY c.table_name, c.ordinal_position`);
    const tables = new Map<string, { all: Set<string>; personal: string[] }>();
    for (const r of rows) {
      const t = tables.get(r.table_name) ?? { all: new Set(), personal: [] };
      t.all.add(r.column_name);
      if (PERSON_ID.test(r.column_name) || (TEXT_TYPES.has(r.udt_name) && PERSONAL_TEXT.test(r.column_name))) t.personal.push(r.column_name);
      tables.set(r.table_name, t);
    }
    const problems: string[] = [];
    const registered = new Map(REGISTER.map((e) => [e.table, e]));
    const none = new Map(NO_PERSONAL_DATA.map((n) => [n.table, n]));
    for (const [table, { all, personal }] of tables) {
      const entry = registered.get(table);
      if (entry && none.has(table)) problems.push(`Table « ${table} » is both in the register and in NO_PERSONAL_DATA: keep one.`);
      if (entry) {
        const missing = personal.filter((c) => !entry.columns.includes(c));
        if (missing.length) problems.push(`Table « ${table} »: columns ${missing.join(', ')} hold personal data and are not in its register entry: add them to its \`columns\` (${REGISTER_DIR}) and say in purpose/retention what they keep.`);
        const stale = entry.columns.filter((c) => !all.has(c));
        if (stale.length) problems.push(`Table « ${table} »: register names columns that no longer exist: ${stale.join(', ')}.`);
      } else if (none.has(table)) {
        if (personal.length) problems.push(`Table « ${table} » is listed in NO_PERSONAL_DATA but has columns of personal data (${personal.join(', ')}): move it to the register.\n${template(table, personal)}`);
      } else {
        problems.push(`New table « ${table} » has no decision in the processing register.${personal.length ? ` Columns of personal data: ${personal.join(', ')}.` : ''}\n${template(table, personal)}`);
      }
    }
    for (const table of [...registered.keys(), ...none.keys()]) {
      if (!tables.has(table)) problems.push(`Table « ${table} » is in the register but not in the database: remove its entry.`);
    }
    for (const e of REGISTER) {
      if (e.deletion.action !== 'keep' && !e.subject) problems.push(`Table « ${e.table} »: deletion '${e.deletion.action}' needs a subject (how the member's rows are found).`);
    }
    expect(problems, problems.join('\n\n')).toEqual([]);
  });

  it('docs/privacy.md is rendered from the register', () => {
    const text = renderRegister(REGISTER, NO_PERSONAL_DATA);
    if (process.env.UPDATE_PRIVACY_DOC) writeFileSync(DOC, text);
    expect(existsSync(DOC) ? readFileSync(DOC, 'utf8') : '', 'docs/privacy.md is stale: UPDATE_PRIVACY_DOC=1 npx vitest run server/src/modules/privacy/register.test.ts').toBe(text);
  });

  it('« Exporter mes données » has a section for every table the register says it exports, filled when the member has rows', async () => {
    const { me, email } = await memberEverywhere(app);
    const data = await buildExport(app.db, me.user.id) as Record<string, unknown>;
    for (const e of REGISTER) {
      if (typeof e.export !== 'string') continue;
      expect(data, `export section « ${e.export} » for table ${e.table} (add it to privacy/export-more.ts)`).toHaveProperty(e.export);
      if (e.subject && (await countRows(e.table, e.subject, me.user.id, email)) > 0) {
        expect(data[e.export], `export section « ${e.export} » for table ${e.table}: the member has rows there`).not.toEqual([]);
      }
    }
  });

  it('account deletion does to every table what the register says, table by table', async () => {
    const { me, email } = await memberEverywhere(app);
    const subjectRows = (table: string, subject: string, extra?: string) => countRows(table, subject, me.user.id, email, extra);
    const checked = REGISTER.filter((e) => e.subject && e.deletion.action !== 'keep');
    for (const e of checked) {
      expect(await subjectRows(e.table, e.subject!), `the member has no row in ${e.table} before deletion: add one to privacy/register-fixtures.ts`).toBeGreaterThan(0);
    }
    await deleteAccount(app, me.user.id, false);
    for (const e of checked) {
      if (e.deletion.action === 'delete') {
        expect(await subjectRows(e.table, e.subject!), `${e.table}: the register says « supprimées » (privacy/deletion-more.ts)`).toBe(0);
      } else if (e.deletion.action === 'erase') {
        const filled = e.deletion.columns.map((c) => `coalesce(${c}::text, '') <> ''`).join(' OR ');
        expect(await subjectRows(e.table, e.subject!, `(${filled})`), `${e.table}: the register says ${e.deletion.columns.join(', ')} are erased`).toBe(0);
      }
    }
  });

  it('the « Données personnelles » page states the durations the code applies', async () => {
    // The text as shipped by its migration: the run's database is shared with tests that edit legal pages
    // (the authorization matrix rewrites this one), and what the national team writes later is theirs.
    const migration = readFileSync(join(migrationsFolder, '0038_legal_privacy_durations.sql'), 'utf8');
    const text = /body_md = \$legal\$([\s\S]*?)\$legal\$/.exec(migration)![1]!;
    expect(text).not.toMatch(/à préciser/);
    for (const figure of [`${RETENTION.activityMonths} mois`, `${RETENTION.notificationDays} jours`, `${RETENTION.mailDays} jours`, '30 jours', '90 jours', '24 heures']) {
      expect(text, `la page « Données personnelles » doit dire « ${figure} »`).toContain(figure);
    }
  });
});

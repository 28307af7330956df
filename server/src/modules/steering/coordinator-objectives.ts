import { sql } from 'drizzle-orm';
import { OBJECTIVES, type ObjectiveKind } from '../../../../common/reports.js';
import type { DbOrTx, Tx } from '../../db/client.js';
import { rows } from '../../db/query.js';
import { hit, LIMITS_BY_ACTION } from '../../lib/rate-limit.js';
import type { App } from '../../types.js';

export interface Objective {
  kind: ObjectiveKind;
  label: string;
  measure: string;
  unit: string;
  target: number;
  isDefault: boolean;
  /** Who set the target and when: null while the default applies. */
  setBy: { id: number; name: string } | null;
  updatedAt: string | null;
}

/** The three objectives of a community, each with the coordinator's target or the default. */
export async function loadObjectives(db: DbOrTx, communityId: number): Promise<Objective[]> {
  // updated_at comes back as text (db.execute): read as a Date below, so the answer keeps its ISO form.
  const set = await rows<{ kind: ObjectiveKind; target: string; set_by: number | null; name: string | null; updated_at: string }>(db, sql`
    SELECT o.kind, o.target, o.set_by::int AS set_by, u.first_name || ' ' || u.last_name AS name, o.updated_at
      FROM steering_objectives o LEFT JOIN users u ON u.id = o.set_by WHERE o.community_id = ${communityId}`);
  return OBJECTIVES.map((def) => {
    const row = set.find((r) => r.kind === def.kind);
    return {
      kind: def.kind, label: def.label, measure: def.measure, unit: def.unit,
      target: row ? Number(row.target) : def.defaultTarget,
      isDefault: !row,
      setBy: row && row.set_by !== null ? { id: row.set_by, name: row.name ?? '' } : null,
      updatedAt: row ? new Date(row.updated_at).toISOString() : null,
    };
  });
}

/** Sets the given targets in the caller's transaction; who and when are stamped on each row. */
export async function saveObjectives(tx: Tx, communityId: number, targets: Partial<Record<ObjectiveKind, number>>, setBy: number): Promise<void> {
  for (const def of OBJECTIVES) {
    const value = targets[def.kind];
    if (value === undefined) continue;
    await tx.execute(sql`
      INSERT INTO steering_objectives (community_id, kind, target, set_by) VALUES (${communityId}, ${def.kind}, ${value}, ${setBy})
      ON CONFLICT (community_id, kind) DO UPDATE SET target = EXCLUDED.target, set_by = EXCLUDED.set_by, updated_at = now()`);
  }
}

/** The coordination sets targets, under the `write` limit of `subject` counted in the same transaction. */
export function setObjectives(app: App, subject: string, communityId: number, targets: Partial<Record<ObjectiveKind, number>>, setBy: number): Promise<void> {
  return app.db.transaction(async (tx) => {
    await hit(app, LIMITS_BY_ACTION.write, subject, tx);
    await saveObjectives(tx, communityId, targets, setBy);
  });
}

import { diffLines, diffWordsWithSpace, type ChangeObject } from 'diff';
import type { DiffPartOut } from '../../../../common/api/shared-pages.js';

/** Longest time spent comparing two revisions before falling back to "old, then new". */
const DIFF_TIMEOUT_MS = 500;

function parts(changes: ChangeObject<string>[]): DiffPartOut[] {
  return changes.map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value }));
}

/**
 * The difference between two texts, by lines (what a reviewer scans) or by words (small edits).
 * Texts too far apart to compare within the time budget come back as one deletion and one insertion.
 */
export function textDiff(before: string, after: string, mode: 'lines' | 'words'): { parts: DiffPartOut[]; exact: boolean } {
  if (before === after) return { parts: before ? [{ op: 'equal', text: before }] : [], exact: true };
  const changes = mode === 'words'
    ? diffWordsWithSpace(before, after, { timeout: DIFF_TIMEOUT_MS })
    : diffLines(before, after, { timeout: DIFF_TIMEOUT_MS });
  if (!changes) {
    const whole: DiffPartOut[] = [];
    if (before) whole.push({ op: 'delete', text: before });
    if (after) whole.push({ op: 'insert', text: after });
    return { parts: whole, exact: false };
  }
  return { parts: parts(changes), exact: true };
}

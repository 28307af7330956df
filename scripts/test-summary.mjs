// Prints the closing "N passed, N failed, N skipped" line from Vitest's JSON report.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
let report;
try {
  report = JSON.parse(readFileSync(file, 'utf8'));
} catch {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const skipped = report.numPendingTests + report.numTodoTests;
const failed = report.numFailedTests + (report.numFailedTestSuites ?? 0) - countFailedSuitesWithFailedTests(report);
console.log(`${report.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || report.numPassedTests === 0 ? 1 : 0);

/** A file that failed to load has no failed tests; count it once as a failure. */
function countFailedSuitesWithFailedTests(r) {
  return r.testResults.filter((s) => s.status === 'failed' && s.assertionResults.some((a) => a.status === 'failed')).length;
}

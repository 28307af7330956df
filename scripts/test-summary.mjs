// Prints the closing "N passed, N failed, N skipped" line from one or more Vitest JSON reports (one per
// Node.js version the suite ran on), summed, after one line per report and one per failed test: CI shows only the
// end of the output, where the failures must be named to be found.
import { readFileSync } from 'node:fs';

const files = process.argv.slice(2);
let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files) {
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // A run that wrote no report (crashed, or could not start) counts as one failure.
    console.log(`${file} : rapport absent ou illisible`);
    failed += 1;
    continue;
  }
  // A file that failed to load has no failed test of its own: count it once as a failure.
  const brokenFiles = report.testResults.filter(
    (f) => f.status === 'failed' && !f.assertionResults.some((a) => a.status === 'failed'),
  ).length;
  const runFailed = report.numFailedTests + brokenFiles;
  const runSkipped = report.numPendingTests + report.numTodoTests;
  if (files.length > 1) console.log(`${file} : ${report.numPassedTests} réussis, ${runFailed} échoués, ${runSkipped} ignorés`);
  for (const f of report.testResults.filter((t) => t.status === 'failed')) {
    const tests = f.assertionResults.filter((a) => a.status === 'failed');
    if (tests.length === 0) console.log(`  échec au chargement : ${f.name} : ${String(f.message).split('\n')[0]}`);
    for (const a of tests) console.log(`  échec : ${f.name} > ${a.fullName} : ${String(a.failureMessages[0] ?? '').split('\n')[0].slice(0, 300)}`);
  }
  if (report.numPassedTests === 0) failed += 1;
  passed += report.numPassedTests;
  failed += runFailed;
  skipped += runSkipped;
}
if (files.length === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);

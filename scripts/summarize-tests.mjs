// Sums the checks and the Vitest and Playwright JSON reports into the one
// closing line CI reads: `N passed, N failed`. A suite whose report is missing
// (it crashed before writing one) counts as one failure, never as silence.
import fs from 'node:fs';

const [checksPassed, checksFailed, vitestFile, playwrightFile] = process.argv.slice(2);
let passed = Number(checksPassed) || 0;
let failed = Number(checksFailed) || 0;
let skipped = 0;

function read(file, name) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    console.log(`[switchboard] ${name}: no report (the run crashed or did not start) — counted as 1 failure`);
    failed += 1;
    return null;
  }
}

const vitest = read(vitestFile, 'vitest');
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += (vitest.numFailedTests ?? 0) + (vitest.testResults ?? []).filter((f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0).length;
  skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
  console.log(`[switchboard] vitest: ${vitest.numPassedTests} passed, ${vitest.numFailedTests} failed`);
}

const pw = read(playwrightFile, 'playwright');
if (pw) {
  const s = pw.stats ?? {};
  passed += (s.expected ?? 0) + (s.flaky ?? 0);
  failed += s.unexpected ?? 0;
  skipped += s.skipped ?? 0;
  if ((pw.errors ?? []).length > 0 && !s.unexpected) failed += 1;
  console.log(`[switchboard] playwright: ${(s.expected ?? 0) + (s.flaky ?? 0)} passed (${s.flaky ?? 0} flaky), ${s.unexpected ?? 0} failed`);
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);

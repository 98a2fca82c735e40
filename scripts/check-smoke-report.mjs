// Compares an ESLint JSON report with the expected `file:line ruleId` list of the smoke sample.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const [reportPath, expectedPath] = process.argv.slice(2);
const report = JSON.parse(readFileSync(reportPath, 'utf8'));
const expected = JSON.parse(readFileSync(expectedPath, 'utf8')).sort();

const actual = report
  .flatMap((result) => result.messages.map((message) => `${basename(result.filePath)}:${message.line} ${message.ruleId}`))
  .sort();

const missing = expected.filter((entry) => !actual.includes(entry));
const unexpected = actual.filter((entry) => !expected.includes(entry));
if (missing.length > 0 || unexpected.length > 0) {
  console.error('smoke report differs from tests/smoke/expected.json');
  for (const entry of missing) console.error(`  missing:    ${entry}`);
  for (const entry of unexpected) console.error(`  unexpected: ${entry}`);
  process.exit(1);
}

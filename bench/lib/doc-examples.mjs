// Writes the code examples of docs/rules/*.md to files, so that ESLint and oxlint can be compared on code
// where our rules do report (the corpus has almost no such code).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_DIR } from './corpus.mjs';

const EXTENSIONS = { js: 'js', javascript: 'js', jsx: 'jsx', ts: 'ts', typescript: 'ts', tsx: 'tsx' };

/**
 * Extracts the fenced JavaScript and TypeScript blocks that follow a ❌ (incorrect) or ✅ (correct) line of
 * a rule page, up to the next `##` heading. Blocks whose fence sets `options='…'` are left out, because
 * every example file is linted with the rules' default options.
 * @returns {{ verdict: 'incorrect' | 'correct', extension: string, code: string }[]}
 */
export function extractExamples(markdown) {
  const examples = [];
  let verdict;
  let block;
  for (const line of markdown.split('\n')) {
    if (block) {
      if (line.startsWith('```')) {
        if (block.extension && verdict && !block.hasOptions) examples.push({ verdict, extension: block.extension, code: block.lines.join('\n') });
        block = undefined;
      } else {
        block.lines.push(line);
      }
      continue;
    }
    const fence = /^```(\w*)(.*)$/.exec(line);
    if (fence) {
      block = { extension: EXTENSIONS[fence[1]], hasOptions: /\boptions=/.test(fence[2]), lines: [] };
      continue;
    }
    if (line.startsWith('## ')) verdict = undefined;
    if (line.includes('❌')) verdict = 'incorrect';
    else if (line.includes('✅') && !line.startsWith('|')) verdict = 'correct';
  }
  return examples;
}

/**
 * Writes every example of every rule page to `<dir>/<rule>/<n>-<verdict>.<ext>` (the folder is rebuilt)
 * and returns how many were written.
 */
export function writeDocExamples(dir) {
  rmSync(dir, { recursive: true, force: true });
  const rulesDir = join(REPO_DIR, 'docs', 'rules');
  let count = 0;
  for (const page of readdirSync(rulesDir).filter((name) => name.endsWith('.md')).sort()) {
    const rule = page.slice(0, -'.md'.length);
    const examples = extractExamples(readFileSync(join(rulesDir, page), 'utf8'));
    examples.forEach((example, index) => {
      mkdirSync(join(dir, rule), { recursive: true });
      writeFileSync(join(dir, rule, `${index + 1}-${example.verdict}.${example.extension}`), `${example.code}\n`);
      count++;
    });
  }
  return count;
}

/** One fenced code block from a rule page, with the verdict the page gives it. */
export interface DocExample {
  verdict: 'incorrect' | 'correct';
  language: string;
  code: string;
  /** Rule options from a `options='[...]'` attribute on the fence, as JSON. */
  options: unknown[];
  /** 1-based line of the opening fence in the page. */
  line: number;
}

const FENCE = /^```(\w+)(.*)$/;
const LINTED_LANGUAGES = new Set(['js', 'jsx', 'ts', 'tsx', 'javascript', 'typescript']);

/**
 * Extracts the code blocks of a rule page that follow a ❌ or ✅ marker. A marker applies to every block
 * after it until the next marker or the next `##` heading; blocks in other languages are skipped.
 */
export function extractDocExamples(markdown: string): DocExample[] {
  const lines = markdown.split('\n');
  const examples: DocExample[] = [];
  let verdict: DocExample['verdict'] | undefined;

  for (let index = 0; index < lines.length; index++) {
    const text = lines[index] ?? '';
    if (text.startsWith('## ')) verdict = undefined;
    if (text.includes('❌')) verdict = 'incorrect';
    else if (text.includes('✅') && !text.startsWith('|') && !text.startsWith('💼')) verdict = 'correct';

    const fence = FENCE.exec(text);
    if (!fence) continue;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && !(lines[index] ?? '').startsWith('```'); index++) {
      body.push(lines[index] ?? '');
    }
    const language = fence[1] ?? '';
    if (verdict === undefined || !LINTED_LANGUAGES.has(language)) continue;
    const optionsMatch = /options='([^']*)'/.exec(fence[2] ?? '');
    examples.push({
      verdict,
      language,
      code: body.join('\n'),
      options: optionsMatch ? (JSON.parse(optionsMatch[1] ?? '[]') as unknown[]) : [],
      line: start + 1,
    });
  }
  return examples;
}

/**
 * Text checks: the cheap tests on a file's source text that let a rule or a codemod skip a file before it
 * looks at the AST. Several rules run the same check on the same file, so each check keeps its last
 * result.
 */

/**
 * Returns a check that returns the same results as `check` and runs it once for consecutive calls with the
 * same text. ESLint creates every rule for one file before it moves to the next, so the rules that share
 * a check run it once per file.
 */
export function rememberLastText(check: (text: string) => boolean): (text: string) => boolean {
  let lastText: string | undefined;
  let lastResult = false;
  return (text) => {
    if (text !== lastText) {
      lastResult = check(text);
      lastText = text;
    }
    return lastResult;
  };
}

/**
 * Returns a check that passes text matching both `quick` and `precise`, testing `quick` first. `quick`
 * must match every text in which the detector can find something. It pays off when `quick` has fewer
 * alternatives, or rarer first characters, than `precise`: V8 then scans the text faster, and the slower
 * `precise` runs only on the few files `quick` lets through.
 */
export function quickThenPrecise(quick: RegExp, precise: RegExp): (text: string) => boolean {
  return (text) => quick.test(text) && precise.test(text);
}

/**
 * The number of anchor occurrences that `matchNear` tests one by one. In a text with more, such as a bundle
 * that names `jwt` on every line, one scan of the whole text with `pattern` costs less than a slice each.
 */
const MAX_SLICES = 32;

/**
 * Returns a check that passes text in which `pattern` matches near an occurrence of one of `anchors`, in
 * the slice from `span.before` characters before the occurrence to `span.after` characters after its
 * start. Every match the detector needs must contain an anchor and fit in that slice, together with any
 * character its lookahead reads. `pattern` must have neither the `g` nor the `y` flag. Past
 * `MAX_SLICES` occurrences the check tests `pattern` on the whole text, which may pass more texts.
 *
 * Short anchors that start with a character rare in code (`jwt`, `kie-`) make this fast. `indexOf` jumps
 * from one occurrence of that first character to the next, which took a third to a half of the time of
 * one regular-expression scan on the bench corpus. `pattern` then runs only on a few short slices.
 */
export function matchNear(
  anchors: readonly string[],
  pattern: RegExp,
  span: { readonly before: number; readonly after: number },
): (text: string) => boolean {
  return (text) => {
    let slices = 0;
    for (const anchor of anchors) {
      for (let index = text.indexOf(anchor); index !== -1; index = text.indexOf(anchor, index + 1)) {
        slices++;
        if (slices > MAX_SLICES) return pattern.test(text);
        if (pattern.test(text.slice(Math.max(0, index - span.before), index + span.after))) return true;
      }
    }
    return false;
  };
}

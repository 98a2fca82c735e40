// jscodeshift floor: parse every file with the parser the codemods pick for it, then leave it unchanged.
// The codemods use jscodeshift's `ts` parser for .ts/.mts/.cts files and its `tsx` parser for the rest.
module.exports = function parseOnly(file, api) {
  const parser = /\.[mc]?ts$/i.test(file.path) ? 'ts' : 'tsx';
  api.jscodeshift.withParser(parser)(file.source);
  return undefined;
};

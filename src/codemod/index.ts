/**
 * The shared toolkit of the codemods in codemods/. Each module's header explains its part.
 * - source-file.ts: parse and print one file.
 * - positions.ts: offsets between the text as read and as parsed.
 * - findings.ts: from a detector finding to a jscodeshift path.
 * - error-handling.ts: the try statements and promise handlers that may catch an error thrown at a node.
 * - literals.ts: string literals of both shapes.
 * - statements.ts: removing and replacing statements with their comments.
 * - side-effects.ts: which parts of an expression to keep when its value is no longer needed.
 * - marker.ts: the manual-migration marker.
 * - semicolons.ts: the `;` in front of a line that would otherwise continue the statement above it.
 * - imports.ts: module bindings.
 * - types.ts: a codemod's metadata.
 * - http-clients.ts: fetch and axios requests in ESLint's AST.
 * registry.ts, the list of codemods with their metadata, is imported on its own: `migrate` loads it without
 * loading this toolkit.
 */
export * from './error-handling.js';
export * from './findings.js';
export * from './http-clients.js';
export * from './imports.js';
export * from './literals.js';
export * from './marker.js';
export * from './positions.js';
export * from './semicolons.js';
export * from './side-effects.js';
export * from './source-file.js';
export * from './statements.js';
export * from './types.js';

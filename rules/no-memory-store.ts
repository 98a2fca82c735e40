import { findMemoryStoreSessions } from '../src/detectors/session-store.js';
import { createRule } from '../src/util/create-rule.js';

export type Options = [];
export type MessageIds = 'missingStore' | 'memoryStore';

export default createRule<Options, MessageIds>({
  name: 'no-memory-store',
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow express-session's built-in `MemoryStore`",
      recommended: true,
      family: 'node',
    },
    messages: {
      missingStore:
        'This express-session has no `store`, so it falls back to `MemoryStore`, which leaks memory, loses every session on restart and cannot be shared between processes. Pass a real store such as connect-session-knex (PostgreSQL, MySQL, SQLite) or connect-redis.',
      memoryStore:
        '`MemoryStore` leaks memory, loses every session on restart and cannot be shared between processes. Use a real store such as connect-session-knex (PostgreSQL, MySQL, SQLite) or connect-redis.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    if (!sourceCode.text.includes('express-session')) return {};

    return {
      'Program:exit'() {
        for (const finding of findMemoryStoreSessions(sourceCode)) {
          context.report({
            node: finding.node,
            messageId: finding.kind === 'missing' ? 'missingStore' : 'memoryStore',
          });
        }
      },
    };
  },
});

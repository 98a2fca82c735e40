import type { TSESLint } from '@typescript-eslint/utils';

import { mayContainStorageAccess } from '../src/detectors/text-checks.js';
import { createRule } from '../src/util/create-rule.js';
import {
  findStorageCredentials,
  type StorageFinding,
  type StorageFindingReason,
} from '../src/detectors/web-storage.js';

export type Options = [{ extraKeyPatterns?: string[]; allowedKeys?: string[] }];
export type MessageIds = 'credentialWrite' | 'credentialRead' | 'credentialRemoval' | 'persistedStoreState';

/** The codemod that moves these reads and writes to an HttpOnly session cookie. */
const CODEMOD_COMMAND = 'npx eslint-plugin-sessions migrate storage-token-to-cookie';

/** Explains, per reason, why the entry counts as a credential. A persisted store state has a message of its own. */
const EVIDENCE: Record<Exclude<StorageFindingReason, 'persisted-store-state'>, string> = {
  key: 'its key names a credential',
  value: 'the stored value is a credential',
  'authorization-header': 'the value read is sent in a credential header',
  'credential-property': 'a credential property is read from the stored value',
  'same-key-as-credential-write': 'this file stores a credential under the same key',
  'same-key-as-credential-read': 'this file uses the value under the same key as a credential',
  'persisted-auth-state': 'redux-persist saves the login state there',
};

export default createRule<Options, MessageIds>({
  name: 'no-token-in-storage',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow login credentials in browser storage that page scripts can read',
      recommended: true,
      family: 'browser',
    },
    schema: [
      {
        type: 'object',
        properties: {
          extraKeyPatterns: {
            type: 'array',
            items: { type: 'string', format: 'regex' },
            description: 'Regular expressions (case-insensitive) for further keys that hold credentials.',
          },
          allowedKeys: {
            type: 'array',
            items: { type: 'string' },
            description: 'Keys that are never reported, compared case-insensitively.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ extraKeyPatterns: [], allowedKeys: [] }],
    messages: {
      credentialWrite:
        'A login credential is written to {{storage}} ({{evidence}}), where any script on the page can read it. Let the server keep the session and send it as an HttpOnly cookie instead; `' +
        CODEMOD_COMMAND +
        '` migrates this code.',
      credentialRead:
        'A login credential is read from {{storage}} ({{evidence}}), where any script on the page can read it. Let the server keep the session and send it as an HttpOnly cookie instead; `' +
        CODEMOD_COMMAND +
        '` migrates this code.',
      credentialRemoval:
        'Logging out by removing a credential from {{storage}} ({{evidence}}) leaves the session valid on the server. Send a request to the server\'s logout route, which ends the session and clears its HttpOnly cookie; `' +
        CODEMOD_COMMAND +
        '` migrates this code.',
      persistedStoreState:
        'The store state `{{state}}` holds a login credential, and `{{plugin}}` copies it to `{{storage}}`, where any script on the page can read it. Leave the credential out of the persisted state and let the server keep the session in an HttpOnly cookie; `' +
        CODEMOD_COMMAND +
        '` marks this store for manual migration.',
    },
  },
  defaultOptions: [{ extraKeyPatterns: [], allowedKeys: [] }],
  create(context, optionList) {
    const sourceCode = context.sourceCode;
    if (!mayContainStorageAccess(sourceCode.text)) return {};
    const options = optionList[0];

    return {
      'Program:exit'() {
        for (const finding of findStorageCredentials(sourceCode as TSESLint.SourceCode, options, context.filename)) {
          // A removal right before a write of the same entry is reported once, with the write.
          if (finding.overwrittenBy) continue;
          if (finding.reason === 'persisted-store-state') {
            context.report({
              node: finding.node,
              messageId: 'persistedStoreState',
              data: { state: finding.persistedState ?? '', plugin: finding.storage, storage: finding.area },
            });
            continue;
          }
          context.report({
            node: finding.node,
            messageId: MESSAGE_IDS[finding.kind],
            data: { storage: describeStorage(finding), evidence: EVIDENCE[finding.reason] },
          });
        }
      },
    };
  },
});

const MESSAGE_IDS: Record<StorageFinding['kind'], MessageIds> = {
  write: 'credentialWrite',
  read: 'credentialRead',
  remove: 'credentialRemoval',
};

function describeStorage(finding: StorageFinding): string {
  if (finding.storage === 'localStorage' || finding.storage === 'sessionStorage') return `\`${finding.storage}\``;
  if (finding.form.startsWith('hook')) return `\`${finding.area}\` through \`${finding.method}\` from \`${finding.storage}\``;
  if (finding.storage === 'redux-persist') return `\`${finding.area}\` through \`${finding.method}\` from \`redux-persist\``;
  return `\`${finding.storage}\``;
}

import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_TOKEN_TYPES } from '@typescript-eslint/types';

import { type AlgorithmsInsertion, findJwtAlgorithmProblems } from '../src/detectors/jwt-algorithms.js';
import { mayContainJwtCalls } from '../src/detectors/text-checks.js';
import { createRule } from '../src/util/create-rule.js';

export type Options = [];
export type MessageIds =
  | 'unverifiedDecode'
  | 'unverifiedHonoDecode'
  | 'missingAlgorithms'
  | 'noneAlgorithm'
  | 'mixedAlgorithms'
  | 'signWithNone'
  | 'pinAlgorithms';

export default createRule<Options, MessageIds>({
  name: 'no-unverified-jwt',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow JWTs from requests that are decoded without verification or verified without pinned algorithms',
      recommended: true,
      family: 'node',
    },
    hasSuggestions: true,
    messages: {
      unverifiedDecode:
        '`{{method}}` reads this token from the request without checking its signature, so anyone can forge its claims. Verify the token with a pinned `algorithms` list (decoding first to read its `kid` is fine).',
      unverifiedHonoDecode:
        '`{{method}}` reads this token from the request without checking its signature, so anyone can forge its claims. Verify the token with `verify` from hono/jwt and a fixed `alg` argument (decoding first to read its `kid` is fine).',
      missingAlgorithms:
        'This verification accepts whichever algorithm the token header names. Pin the expected algorithms with an `algorithms` list.',
      noneAlgorithm: 'The `none` algorithm accepts tokens without any signature. Remove it from `algorithms`.',
      mixedAlgorithms:
        'This `algorithms` list mixes HMAC with public-key algorithms ({{algorithms}}), so a token signed with the public key as an HMAC secret passes. Allow one family only.',
      signWithNone: 'A token signed with the `none` algorithm has no signature, so anyone can forge it. Sign with a real algorithm such as HS256 or EdDSA.',
      pinAlgorithms: 'Pin `algorithms` to `[{{algorithm}}]`, the algorithm this file signs with.',
    },
    schema: [],
  },
  defaultOptions: [],
  create(context) {
    const sourceCode = context.sourceCode;
    if (!mayContainJwtCalls(sourceCode.text)) return {};

    return {
      'Program:exit'() {
        const quote = getPreferredQuote(sourceCode);
        for (const finding of findJwtAlgorithmProblems(sourceCode)) {
          switch (finding.kind) {
            case 'unverifiedDecode':
              // Hono's `verify` takes one algorithm as its `alg` argument, not an `algorithms` list.
              context.report({
                node: finding.node,
                messageId: finding.call.library === 'hono/jwt' ? 'unverifiedHonoDecode' : 'unverifiedDecode',
                data: { method: finding.call.method },
              });
              break;
            case 'missingAlgorithms': {
              const { algorithm, insertion } = finding;
              const literal = algorithm === undefined ? undefined : `${quote}${algorithm}${quote}`;
              context.report({
                node: finding.call.constructNode ?? finding.node,
                messageId: 'missingAlgorithms',
                suggest:
                  literal === undefined || insertion === undefined
                    ? []
                    : [
                        {
                          messageId: 'pinAlgorithms',
                          data: { algorithm: literal },
                          fix: (fixer) => insertAlgorithms(fixer, insertion, `algorithms: [${literal}]`),
                        },
                      ],
              });
              break;
            }
            case 'mixedAlgorithms':
              context.report({ node: finding.node, messageId: 'mixedAlgorithms', data: { algorithms: finding.algorithms.join(', ') } });
              break;
            case 'noneAlgorithm':
            case 'signWithNone':
              context.report({ node: finding.node, messageId: finding.kind });
              break;
          }
        }
      },
    };
  },
});

function insertAlgorithms(fixer: TSESLint.RuleFixer, insertion: AlgorithmsInsertion, property: string): TSESLint.RuleFix {
  switch (insertion.kind) {
    case 'property': {
      const last = insertion.object.properties.at(-1);
      return last ? fixer.insertTextAfter(last, `, ${property}`) : fixer.replaceText(insertion.object, `{ ${property} }`);
    }
    case 'argument-after':
      return fixer.insertTextAfter(insertion.node, `, { ${property} }`);
    case 'argument-before':
      return fixer.insertTextBefore(insertion.node, `{ ${property} }, `);
    case 'argument-in-place':
      return fixer.replaceText(insertion.node, `{ ${property} }`);
  }
}

/** Returns the quote character of the first string literal in the file, so the suggestion matches its style. */
function getPreferredQuote(sourceCode: TSESLint.SourceCode): string {
  const first = sourceCode.ast.tokens?.find((token: TSESTree.Token) => token.type === AST_TOKEN_TYPES.String);
  return first?.value.startsWith('"') === true ? '"' : "'";
}

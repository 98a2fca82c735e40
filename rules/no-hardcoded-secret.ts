import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

import { findHardcodedSecrets, type SecretUsage } from '../src/detectors/hardcoded-secret.js';
import { mayContainHardcodedSecret } from '../src/detectors/text-checks.js';
import { createRule } from '../src/util/create-rule.js';

export type Options = [{ checkConfigExports?: boolean }];
export type MessageIds = 'hardcodedSecret' | 'hardcodedConfigSecret' | 'hardcodedFallback';

const JWT_OPERATION_LABELS: Record<string, string> = {
  sign: 'signing key',
  verify: 'verification key',
  decode: 'key',
  middleware: 'middleware secret',
  strategy: 'strategy `secretOrKey`',
  'module-config': 'module secret',
  'plugin-register': 'plugin secret',
};

/** Maximum length of the quoted expression whose missing value a fallback replaces. */
const MAX_QUOTED_LENGTH = 40;

export default createRule<Options, MessageIds>({
  name: 'no-hardcoded-secret',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow session, cookie and JWT secrets written into the source',
      recommended: true,
      family: 'node',
    },
    messages: {
      hardcodedSecret:
        'Hard-coded secret used as {{usage}}. Anyone who can read the source can forge sessions or tokens with it, so load it from the environment or a secret manager.',
      hardcodedConfigSecret:
        'Hard-coded secret in `{{property}}` of an exported configuration. Anyone who can read the source can use it, so load it from the environment or a secret manager.',
      hardcodedFallback:
        'Hard-coded fallback secret used as {{usage}} when `{{source}}` is {{condition}}. Fail at startup when the secret is missing instead of running with one anyone can read.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          checkConfigExports: {
            type: 'boolean',
            description:
              'Report properties named like a secret (`secret`, `jwtSecret`, `password`) that hold a literal in an exported configuration object.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ checkConfigExports: true }],
  },
  defaultOptions: [{ checkConfigExports: true }],
  create(context, optionList) {
    const sourceCode = context.sourceCode;
    if (!mayContainHardcodedSecret(sourceCode.text)) return {};
    const options = optionList[0];

    return {
      'Program:exit'() {
        const findings = findHardcodedSecrets(sourceCode, { checkConfigExports: options.checkConfigExports ?? true });
        for (const finding of findings) {
          const usage = describeUsage(finding.usage);
          if (finding.role === 'fallback' && finding.fallbackFor) {
            context.report({
              node: finding.node,
              messageId: 'hardcodedFallback',
              data: { usage, source: quote(sourceCode.getText(finding.fallbackFor)), condition: describeCondition(finding.fallbackFor) },
            });
          } else if (finding.usage.kind === 'config') {
            context.report({ node: finding.node, messageId: 'hardcodedConfigSecret', data: { property: finding.usage.property } });
          } else {
            context.report({ node: finding.node, messageId: 'hardcodedSecret', data: { usage } });
          }
        }
      },
    };
  },
});

function describeUsage(usage: SecretUsage): string {
  switch (usage.kind) {
    case 'jwt':
      if (usage.option !== undefined) return `the ${usage.library} \`${usage.option}\``;
      return `the ${usage.library} ${JWT_OPERATION_LABELS[usage.operation] ?? 'key'}`;
    case 'session':
      return `the ${usage.library} \`${usage.option}\``;
    case 'config':
      return `\`${usage.property}\` in an exported configuration`;
  }
}

/**
 * Returns when a fallback applies: `||` also replaces an empty string, while `??` and a destructuring
 * default replace only a value that is not set.
 */
function describeCondition(fallbackFor: TSESTree.Node): string {
  const parent = fallbackFor.parent;
  return parent?.type === AST_NODE_TYPES.LogicalExpression && parent.operator === '||' ? 'empty or not set' : 'not set';
}

function quote(text: string): string {
  const singleLine = text.replace(/\s+/g, ' ');
  return singleLine.length > MAX_QUOTED_LENGTH ? `${singleLine.slice(0, MAX_QUOTED_LENGTH - 1)}…` : singleLine;
}

import { formatSeconds } from '../src/detectors/duration.js';
import { findJwtExpiryProblems, setsExpiryOnlyByClaim } from '../src/detectors/jwt-expiry.js';
import { mayContainJwtCalls } from '../src/detectors/text-checks.js';
import { createRule } from '../src/util/create-rule.js';

export type Options = [{ maxSeconds?: number }];
export type MessageIds =
  | 'missingExpiry'
  | 'missingExpClaim'
  | 'expInMilliseconds'
  | 'expClaimInMilliseconds'
  | 'lifetimeTooLong'
  | 'ignoreExpiration'
  | 'expCheckDisabled'
  | 'maxAgeTooLong';

const DEFAULT_MAX_SECONDS = 300;

export default createRule<Options, MessageIds>({
  name: 'require-jwt-expiry',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require every JWT to expire within a few minutes',
      recommended: true,
      family: 'node',
    },
    messages: {
      missingExpiry:
        'This JWT never expires, so a leaked token stays valid for good. Set `expiresIn` (at most {{max}}).',
      missingExpClaim:
        'This JWT never expires, so a leaked token stays valid for good. Add an `exp` claim to the payload, in seconds since 1970 and at most {{max}} from now.',
      expInMilliseconds:
        'This expiry is in milliseconds, but `exp` counts seconds since 1970, so the JWT stays valid for thousands of years. Divide `Date.now()` by 1000, or set `expiresIn` (at most {{max}}).',
      expClaimInMilliseconds:
        'This expiry is in milliseconds, but `exp` counts seconds since 1970, so the JWT stays valid for thousands of years. Divide `Date.now()` by 1000, and keep the lifetime at most {{max}}.',
      lifetimeTooLong:
        'This JWT stays valid for {{lifetime}}, more than the limit of {{max}}. A JWT cannot be revoked, so keep it for short hand-overs.',
      ignoreExpiration: '`ignoreExpiration: true` accepts expired tokens. Remove it.',
      expCheckDisabled: '`exp: false` turns off the expiry check, so expired tokens pass. Remove it.',
      maxAgeTooLong: 'This verification accepts tokens up to {{lifetime}} old, more than the limit of {{max}}.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          maxSeconds: {
            type: 'integer',
            minimum: 1,
            description: 'The maximum lifetime, in seconds, of a signed token or a verify `maxAge`.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ maxSeconds: DEFAULT_MAX_SECONDS }],
  },
  defaultOptions: [{ maxSeconds: DEFAULT_MAX_SECONDS }],
  create(context, optionList) {
    const sourceCode = context.sourceCode;
    if (!mayContainJwtCalls(sourceCode.text)) return {};
    const options = optionList[0];
    const maxSeconds = options.maxSeconds ?? DEFAULT_MAX_SECONDS;
    const max = formatSeconds(maxSeconds);

    return {
      'Program:exit'() {
        for (const finding of findJwtExpiryProblems(sourceCode, { maxSeconds })) {
          switch (finding.kind) {
            case 'missingExpiry':
              context.report({
                node: finding.call.constructNode ?? finding.node,
                messageId: setsExpiryOnlyByClaim(finding.call) ? 'missingExpClaim' : 'missingExpiry',
                data: { max },
              });
              break;
            case 'lifetimeTooLong':
            case 'maxAgeTooLong':
              context.report({ node: finding.node, messageId: finding.kind, data: { lifetime: formatSeconds(finding.seconds), max } });
              break;
            case 'expInMilliseconds':
              context.report({
                node: finding.node,
                messageId: setsExpiryOnlyByClaim(finding.call) ? 'expClaimInMilliseconds' : 'expInMilliseconds',
                data: { max },
              });
              break;
            case 'ignoreExpiration':
            case 'expCheckDisabled':
              context.report({ node: finding.node, messageId: finding.kind });
              break;
          }
        }
      },
    };
  },
});

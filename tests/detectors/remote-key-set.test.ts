import type { TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';

import { isRemoteKeySet } from '../../src/detectors/remote-key-set.js';
import { parseSourceCode } from '../../src/source-code.js';

/** Parses `text` and judges the first argument of its last statement, a call `probe(...)`. */
function probe(text: string, path = 'file.ts'): boolean {
  const sourceCode = parseSourceCode(text, path);
  const statement = sourceCode.ast.body.at(-1) as TSESTree.ExpressionStatement;
  const call = statement.expression as TSESTree.CallExpression;
  return isRemoteKeySet(sourceCode, call.arguments[0] as TSESTree.Node);
}

describe('isRemoteKeySet', () => {
  it('accepts the secret providers of jwks-rsa', () => {
    expect(probe(`const jwksRsa = require('jwks-rsa');\nprobe(jwksRsa.expressJwtSecret({ jwksUri }));`, 'file.cjs')).toBe(true);
    expect(probe(`import jwks from 'jwks-rsa';\nprobe(jwks.koaJwtSecret({ jwksUri }));`)).toBe(true);
    expect(probe(`import { passportJwtSecret as provider } from 'jwks-rsa';\nprobe(provider({ jwksUri }));`)).toBe(true);
  });

  it('accepts a createRemoteJWKSet constant', () => {
    expect(probe(`import { createRemoteJWKSet } from 'jose';\nconst JWKS = createRemoteJWKSet(url);\nprobe(JWKS);`)).toBe(true);
    expect(probe(`import * as jose from 'jose';\nprobe(jose.createRemoteJWKSet(url));`)).toBe(true);
  });

  it('rejects local keys and look-alikes', () => {
    expect(probe(`probe(process.env.JWT_SECRET);`)).toBe(false);
    expect(probe(`import { createLocalJWKSet } from 'jose';\nprobe(createLocalJWKSet(keys));`)).toBe(false);
    expect(probe(`const createRemoteJWKSet = (url) => url;\nprobe(createRemoteJWKSet(url));`)).toBe(false);
    expect(probe(`import { createRemoteJWKSet } from 'jose';\nlet JWKS = createRemoteJWKSet(url);\nJWKS = localKey;\nprobe(JWKS);`)).toBe(false);
  });
});

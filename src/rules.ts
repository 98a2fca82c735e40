import type { TSESLint } from '@typescript-eslint/utils';

import noHardcodedSecret from '../rules/no-hardcoded-secret.js';
import noJwtSession from '../rules/no-jwt-session.js';
import noMemoryStore from '../rules/no-memory-store.js';
import noTokenInJsCookie from '../rules/no-token-in-js-cookie.js';
import noTokenInStorage from '../rules/no-token-in-storage.js';
import noUnverifiedJwt from '../rules/no-unverified-jwt.js';
import preferPaseto from '../rules/prefer-paseto.js';
import regenerateSessionOnLogin from '../rules/regenerate-session-on-login.js';
import requireJwtExpiry from '../rules/require-jwt-expiry.js';
import secureSessionCookie from '../rules/secure-session-cookie.js';
import type { SessionsRuleDocs } from './util/create-rule.js';

/** Every rule of the plugin by its public ID, kept in alphabetical order. */
export const rules = {
  'no-hardcoded-secret': noHardcodedSecret,
  'no-jwt-session': noJwtSession,
  'no-memory-store': noMemoryStore,
  'no-token-in-js-cookie': noTokenInJsCookie,
  'no-token-in-storage': noTokenInStorage,
  'no-unverified-jwt': noUnverifiedJwt,
  'prefer-paseto': preferPaseto,
  'regenerate-session-on-login': regenerateSessionOnLogin,
  'require-jwt-expiry': requireJwtExpiry,
  'secure-session-cookie': secureSessionCookie,
} satisfies Record<string, TSESLint.RuleModule<string, readonly unknown[], SessionsRuleDocs>>;

export type RuleName = keyof typeof rules;

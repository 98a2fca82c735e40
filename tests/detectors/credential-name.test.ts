import { describe, expect, it } from 'vitest';

import {
  isAnalyticsStoreName,
  isAuthContainerName,
  isAuthStateName,
  isBareTokensName,
  isCredentialHeaderName,
  isCredentialKeyConstantName,
  isCredentialName,
  isCredentialPropertyName,
  isCryptoAssetName,
  isCryptoAssetUrl,
  isLoginCallName,
  isLoginResultName,
  isSessionIdName,
  splitWords,
} from '../../src/detectors/credential-name.js';

describe('splitWords', () => {
  it.each([
    ['accessToken', ['access', 'token']],
    ['ACCESS_TOKEN', ['access', 'token']],
    ['X-Auth-Token', ['x', 'auth', 'token']],
    ['JWTToken', ['jwt', 'token']],
    ['app.session id', ['app', 'session', 'id']],
  ])('splits %s', (name, words) => {
    expect(splitWords(name)).toEqual(words);
  });
});

describe('isCredentialName', () => {
  it.each([
    'token',
    'jwt',
    'accessToken',
    'refresh_token',
    'id-token',
    'Bearer',
    'authToken',
    'auth',
    'authData',
    'credentials',
    'sessionId',
    'api_key',
    'tokenValue',
    'password',
    'next-auth.session-token',
    'authTokens',
    'oauth_tokens',
    'sessionTokens',
    'customToken',
    'savedToken',
    'app_session_id',
    'currentToken',
    'activeToken',
    'default_token',
    'userToken',
    'sessionToken',
    'idToken',
    'refToken',
    'REF_TOKEN',
  ])('accepts %s', (name) => {
    expect(isCredentialName(name)).toBe(true);
  });

  it.each([
    'tokenizer',
    'authorName',
    'tokenExpiresAt',
    'tokenType',
    'csrfToken',
    'XSRF-TOKEN',
    'hasToken',
    'isAuthenticated',
    'theme',
    'user',
    '',
    'passwordStrength',
    'nextPageToken',
    'pageToken',
    'continuation_token',
    'cancelToken',
    'recaptchaToken',
    'fcmToken',
    'designTokens',
    'maxTokens',
    'max_tokens',
    'totalTokens',
    'completionTokens',
    'deviceToken',
    'inviteToken',
    'emailVerificationToken',
    'analyticsSessionId',
    'chat_session_id',
    'checkoutSessionId',
    'tokens',
    'colorTokens',
    'spacingTokens',
    'figmaTokens',
    'lastTokens',
    'highlight.tokens',
    'selectedToken',
    'customTokens',
    'watchlistTokens',
    'recentTokens',
    'savedTokens',
    'cartToken',
    'checkoutToken',
    'couponToken',
    'coupon_token',
    'giftToken',
    'giftCardToken',
    'gift-card-token',
    'giftcardToken',
    'promoToken',
    'PROMO_TOKEN',
    'promotionToken',
    'voucherToken',
    'discountToken',
    'referralToken',
    'importedToken',
    'swapToken',
    'nativeToken',
    'erc20Token',
    'poolToken',
    'amplitude_sessionId',
    'lastSessionId',
  ])('rejects %s', (name) => {
    expect(isCredentialName(name)).toBe(false);
  });

  it('adds extra patterns', () => {
    expect(isCredentialName('myapp:sid', { extraPatterns: ['^myapp:sid$'] })).toBe(true);
  });

  it('names an extra pattern that does not compile', () => {
    expect(() => isCredentialName('token', { extraPatterns: ['a\\_b'] })).toThrow(
      /^Invalid pattern "a\\\\_b" in the rule options \(Invalid regular expression/,
    );
  });

  it('skips allowed names', () => {
    expect(isCredentialName(' Token ', { allowedNames: ['token'] })).toBe(false);
  });
});

describe('isCredentialPropertyName', () => {
  it.each([
    ['token', 'response'],
    ['tokens', 'data'],
    ['tokens', 'result'],
    ['accessToken', 'theme'],
    ['token', undefined],
  ])('accepts %s read from %s', (property, objectName) => {
    expect(isCredentialPropertyName(property, objectName)).toBe(true);
  });

  it.each([
    ['tokens', 'theme'],
    ['tokens', 'lexer'],
    ['tokens', undefined],
    ['token', 'captcha'],
    ['token', 'nextPage'],
    ['token', 'cart'],
    ['token', 'coupon'],
    ['token', 'giftCard'],
    ['token', 'gift'],
    ['token', 'voucher'],
    ['token', 'referral'],
    ['theme', 'user'],
  ])('rejects %s read from %s', (property, objectName) => {
    expect(isCredentialPropertyName(property, objectName)).toBe(false);
  });
});

describe('name groups', () => {
  it('finds the bare plural tokens', () => {
    expect(isBareTokensName('tokens')).toBe(true);
    expect(isBareTokensName('TOKENS')).toBe(true);
    expect(isBareTokensName('authTokens')).toBe(false);
    expect(isBareTokensName('token')).toBe(false);
  });

  it('finds auth container names', () => {
    expect(isAuthContainerName('auth')).toBe(true);
    expect(isAuthContainerName('authData')).toBe(true);
    expect(isAuthContainerName('authToken')).toBe(false);
    expect(isAuthContainerName('authRequired')).toBe(false);
  });

  it('finds analytics store names', () => {
    expect(isAnalyticsStoreName('_analytics')).toBe(true);
    expect(isAnalyticsStoreName('_ga')).toBe(true);
    expect(isAnalyticsStoreName('amplitude_session')).toBe(true);
    expect(isAnalyticsStoreName('session')).toBe(false);
    expect(isAnalyticsStoreName('gallery')).toBe(false);
  });

  it('finds session id names', () => {
    expect(isSessionIdName('sessionId')).toBe(true);
    expect(isSessionIdName('app.sessid')).toBe(true);
    expect(isSessionIdName('analytics_session_id')).toBe(true);
    expect(isSessionIdName('sessionStart')).toBe(false);
  });

  it('finds login calls and results', () => {
    expect(isLoginCallName('api.login')).toBe(true);
    expect(isLoginCallName('auth.signIn')).toBe(true);
    expect(isLoginCallName('getToken')).toBe(true);
    expect(isLoginCallName('tokenize')).toBe(false);
    expect(isLoginCallName('signOut')).toBe(false);
    expect(isLoginResultName('response.data')).toBe(true);
    expect(isLoginResultName('lexer')).toBe(false);
  });
});

describe('isCryptoAssetName', () => {
  it.each([
    'getTokenBalances',
    'tokenPrices',
    'fetchBalances',
    'tokenList',
    'importedTokens',
    'token-chainId',
    'token address',
    'currentToken symbol',
    'refreshTokenList',
    'getUserTokenBalances',
    'tokenPair',
  ])('accepts %s', (name) => {
    expect(isCryptoAssetName(name)).toBe(true);
  });

  it.each([
    'token',
    'tokens',
    'getToken',
    'keyPair',
    'userPool',
    'chainId',
    'accessTokenList',
    'idTokenMetadata',
    'authTokenList',
    'authApi.getTokenList',
    'login.prices',
    'sessionBalances',
    'signInTokenList',
    'jwt address',
    'apiKey symbol',
  ])('rejects %s', (name) => {
    expect(isCryptoAssetName(name)).toBe(false);
  });
});

describe('isCryptoAssetUrl', () => {
  it.each(['https://tokens.example/list.json', '/api/tokens/prices', 'https://cdn.example/tokenlist.json', 'API /tokens/balances'])(
    'accepts %s',
    (url) => {
      expect(isCryptoAssetUrl(url)).toBe(true);
    },
  );

  it.each(['/auth/refresh', '/api/token', '/auth/tokens/list', '/api/access-token/list', '/oauth/token?symbol=ETH'])('rejects %s', (url) => {
    expect(isCryptoAssetUrl(url)).toBe(false);
  });
});

describe('isCredentialKeyConstantName', () => {
  it.each(['TOKEN_KEY', 'AUTH_STORAGE_KEY', 'JWT_COOKIE_NAME', 'ACCESS_TOKEN'])('accepts %s', (name) => {
    expect(isCredentialKeyConstantName(name)).toBe(true);
  });

  it.each(['USER_KEY', 'THEME_STORAGE_KEY', 'KEY'])('rejects %s', (name) => {
    expect(isCredentialKeyConstantName(name)).toBe(false);
  });
});

describe('isCredentialHeaderName', () => {
  it.each(['Authorization', 'proxy-authorization', 'x-access-token', 'X-Auth-Token', 'x-api-key'])('accepts %s', (name) => {
    expect(isCredentialHeaderName(name)).toBe(true);
  });

  it.each(['X-XSRF-TOKEN', 'x-csrf-token', 'Content-Type', 'token', 'x-request-id'])('rejects %s', (name) => {
    expect(isCredentialHeaderName(name)).toBe(false);
  });
});

describe('isAuthStateName', () => {
  it.each(['auth', 'authState', 'user', 'currentUser', 'session', 'login', 'authentication', 'userSlice', 'token', 'tokens'])(
    'accepts %s',
    (name) => {
      expect(isAuthStateName(name)).toBe(true);
    },
  );

  it.each(['theme', 'cart', 'users', 'userSettings', 'ui'])('rejects %s', (name) => {
    expect(isAuthStateName(name)).toBe(false);
  });
});

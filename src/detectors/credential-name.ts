/**
 * Decides whether a name (a storage key, cookie name, variable, property or constant) names a login
 * credential. Names are compared word by word after splitting camelCase, PascalCase, snake_case,
 * kebab-case, dots and spaces, so `accessToken`, `ACCESS_TOKEN` and `access-token` agree, while a word
 * that merely contains a credential word (`tokenizer`, `authorName`) does not count.
 */

/**
 * Words that name a credential on their own. The plural `tokens` is left out because it names a collection
 * (design tokens, lexer output, a wallet's coins) as often as login data. It counts only after a login
 * word (`authTokens`) or, as a property, when read from a response (`data.tokens`).
 */
const CREDENTIAL_WORDS = new Set([
  'token',
  'jwt',
  'jwts',
  'bearer',
  'credential',
  'credentials',
  'apikey',
  'sessionid',
  'sessid',
  'password',
  'passwd',
  'authorization',
]);

/** Word pairs that name a credential together. */
const CREDENTIAL_PAIRS: readonly (readonly [string, string])[] = [
  ['api', 'key'],
  ['session', 'id'],
  ['session', 'key'],
  ['auth', 'key'],
  ['access', 'key'],
  ['secret', 'key'],
  ['private', 'key'],
  ['client', 'secret'],
];

/** `auth` alone, or `auth` followed by one of these words, names stored login data (`auth`, `authData`). */
const AUTH_FOLLOWERS = new Set(['data', 'info', 'user', 'session', 'state', 'result', 'response', 'payload']);

/**
 * Words that may follow the credential word without changing what the name refers to (`tokenValue`,
 * `jwtString`). Any other following word makes the name about something else (`tokenExpiry`,
 * `tokenType`, `passwordPolicy`).
 */
const NEUTRAL_TRAILING_WORDS = new Set(['value', 'string', 'str', 'raw', 'encoded', 'data', 'cookie', 'header']);

/**
 * Words that make the whole name a non-credential even next to a credential word: CSRF tokens are meant to
 * be readable by scripts, and counters, flags and timestamps about a token are not the token.
 */
const DISQUALIFYING_WORDS = new Set([
  'csrf',
  'xsrf',
  'has',
  'is',
  'should',
  'use',
  'uses',
  'show',
  'hide',
  'forgot',
  'reset',
  'confirm',
  'strength',
  'placeholder',
  'label',
  'input',
  'field',
  'visible',
  'visibility',
]);

/**
 * Words that, right before `token`, name a token that logs no one in: pagination cursors
 * (`nextPageToken`, `continuationToken`), cancellation (`cancelToken`), CAPTCHA answers (`recaptchaToken`),
 * push notification addresses (`fcmToken`, `deviceToken`), one-time links sent by e-mail (`inviteToken`,
 * `verificationToken`), design tokens (`designToken`, `colorToken`), lexer output (`syntaxToken`), counts of
 * language model tokens (`maxTokens`, `promptTokens`), a coin in a crypto-currency wallet or exchange
 * (`selectedToken`, `importedToken`, `swapToken`, `erc20Token`, `baseToken`, `rewardToken`, `gasToken`),
 * the cart id of a shop such as Shopify (`cartToken`, `checkoutToken`) and the codes a shop hands out
 * (`couponToken`, `voucherToken`, `promoToken`, `giftToken`, `referralToken`). `current`, `active` and
 * `default` are missing on purpose, because `currentToken` usually contains the login token. A coin under
 * such a key is recognised by its value (a coin type, a request for coin data, an object made of a coin's
 * fields). `ref` is missing too, because apps shorten `refreshToken` to `refToken`.
 */
const NON_LOGIN_TOKEN_QUALIFIERS = new Set([
  'max',
  'min',
  'num',
  'total',
  'remaining',
  'prompt',
  'completion',
  'output',
  'page',
  'next',
  'prev',
  'previous',
  'continuation',
  'pagination',
  'cursor',
  'sync',
  'delta',
  'skip',
  'cancel',
  'cancellation',
  'captcha',
  'recaptcha',
  'hcaptcha',
  'turnstile',
  'push',
  'fcm',
  'apns',
  'device',
  'invite',
  'invitation',
  'verification',
  'activation',
  'unsubscribe',
  'notification',
  'messaging',
  'design',
  'theme',
  'style',
  'color',
  'colour',
  'spacing',
  'typography',
  'font',
  'radius',
  'shadow',
  'figma',
  'lexer',
  'syntax',
  'highlight',
  'selected',
  'watchlist',
  'imported',
  'whitelist',
  'whitelisted',
  'swap',
  'pair',
  'pool',
  'chain',
  'contract',
  'native',
  'erc20',
  'erc721',
  'erc1155',
  'nft',
  ...['base', 'quote', 'sell', 'buy', 'pay', 'receive', 'lp', 'reward', 'staking', 'stake', 'collateral', 'deposit'],
  ...['bridge', 'gas', 'fee'],
  'cart',
  'checkout',
  'basket',
  ...['coupon', 'voucher', 'promo', 'promotion', 'discount', 'gift', 'giftcard', 'referral'],
]);

/** Qualifiers of two words that, right before `token`, name a token that logs no one in (`giftCardToken`). */
const NON_LOGIN_TOKEN_QUALIFIER_PAIRS: readonly (readonly [string, string])[] = [['gift', 'card']];

/**
 * Returns true when the last words of a name are a qualifier that makes a `token` after them one that logs
 * no one in (`cart`, `captcha`, `gift card`, see `NON_LOGIN_TOKEN_QUALIFIERS`).
 */
function endsWithNonLoginTokenQualifier(words: readonly string[]): boolean {
  const last = words.at(-1);
  if (last === undefined) return false;
  if (NON_LOGIN_TOKEN_QUALIFIERS.has(last)) return true;
  const beforeLast = words.at(-2);
  return NON_LOGIN_TOKEN_QUALIFIER_PAIRS.some(([first, second]) => first === beforeLast && second === last);
}

/**
 * Words that, as the whole first part of a two-word name, name a coin (`fromToken`, `to_token`): the two
 * sides of a swap. Elsewhere in a name they are too common to count (`getUserFromToken`).
 */
const SWAP_SIDE_WORDS = new Set(['from', 'to']);

/**
 * Words that, right before the plural `tokens`, name login tokens (`authTokens`, `oauthTokens`,
 * `sessionTokens`). After any other word the plural names a collection (`colorTokens`, `recentTokens`).
 */
const LOGIN_TOKENS_QUALIFIERS = new Set([
  'auth',
  'oauth',
  'oauth2',
  'access',
  'refresh',
  'id',
  'session',
  'login',
  'user',
  'api',
  'jwt',
  'bearer',
  'sso',
  'identity',
]);

/**
 * Last words of an object name that mark a response or login result, so that a `tokens` property read
 * from it (`response.data.tokens`, `result.tokens`) contains login tokens.
 */
const RESPONSE_OBJECT_WORDS = new Set([
  'data',
  'response',
  'res',
  'resp',
  'body',
  'result',
  'json',
  'payload',
  'auth',
  'login',
  'session',
  'oauth',
  'credentials',
]);

/** Words in a function name that say it logs in or issues a token (`login`, `authenticate`, `getToken`). */
const LOGIN_CALL_WORDS = new Set(['login', 'logon', 'signin', 'authenticate', 'authorize', 'oauth', 'token']);

/**
 * Analytics, tracking and session-replay words and vendor names. A session id that follows one of them
 * (`amplitude_sessionId`), or that is stored under a key containing one (`analytics`, `_ga`), counts visits
 * and logs no one in.
 */
const ANALYTICS_WORDS = new Set([
  'analytics',
  'tracking',
  'tracker',
  'telemetry',
  'metrics',
  'replay',
  'recording',
  'amplitude',
  'mixpanel',
  'segment',
  'posthog',
  'heap',
  'hotjar',
  'fullstory',
  'logrocket',
  'clarity',
  'matomo',
  'plausible',
  'ga',
  'gtag',
  'pendo',
  'smartlook',
]);

/**
 * Words that, right before `session id`, name a session that is not a login: analytics sessions (see
 * `ANALYTICS_WORDS`), chat sessions, payment checkouts, and the previous visit (`lastSessionId`).
 */
const NON_LOGIN_SESSION_QUALIFIERS = new Set([...ANALYTICS_WORDS, 'chat', 'checkout', 'last', 'previous', 'prev']);

/** Suffixes that a constant holding a storage key or cookie name carries (`TOKEN_KEY`, `AUTH_STORAGE_KEY`). */
const KEY_NAME_SUFFIXES = new Set(['key', 'name', 'storage', 'cookie', 'item', 'id']);

/**
 * Splits an identifier or key into lower-case words: `accessToken` → `access token`,
 * `X-Auth-Token` → `x auth token`, `JWTToken` → `jwt token`.
 */
export function splitWords(name: string): string[] {
  return name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z\d]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/** Options a project sets to widen or narrow what counts as a credential name. */
export interface CredentialNameOptions {
  /** Extra regular expressions (source strings, case-insensitive) for names that hold credentials. */
  readonly extraPatterns?: readonly string[];
  /** Names that never count as credentials, compared case-insensitively after trimming. */
  readonly allowedNames?: readonly string[];
}

/** Returns true when `name` names a login credential. */
export function isCredentialName(name: string, options: CredentialNameOptions = {}): boolean {
  const trimmed = name.trim();
  if (trimmed.length === 0) return false;
  if (options.allowedNames?.some((allowed) => allowed.trim().toLowerCase() === trimmed.toLowerCase())) {
    return false;
  }
  if (options.extraPatterns?.some((pattern) => compilePattern(pattern).test(trimmed))) {
    return true;
  }
  return isCredentialWordList(splitWords(trimmed));
}

const compiledPatterns = new Map<string, RegExp>();

/**
 * Compiles an extra pattern from the rule options once. The schema's `regex` format accepts some sources
 * that only fail with the `u` flag (`a\_b`), so a pattern that does not compile gets an error naming it.
 */
function compilePattern(pattern: string): RegExp {
  let compiled = compiledPatterns.get(pattern);
  if (compiled) return compiled;
  try {
    compiled = new RegExp(pattern, 'iu');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Invalid pattern ${JSON.stringify(pattern)} in the rule options (${reason}). ` +
        'Patterns are compiled with the flags "iu", so escape only characters that have a meaning in a regular expression.',
      { cause: error },
    );
  }
  compiledPatterns.set(pattern, compiled);
  return compiled;
}

/**
 * Returns true when a property read (`response.token`) names a login credential. A bare `token` property
 * does not count when the name of the object it is read from ends in a qualifier that marks a token which
 * logs no one in (`captcha.token`, `cart.token`, `giftCard.token`). A bare `tokens` property counts only when that name ends in a
 * word for a response or login result (`response.data.tokens`), so `lexer.tokens` and `theme.tokens` do not.
 */
export function isCredentialPropertyName(property: string, objectName: string | undefined, options: CredentialNameOptions = {}): boolean {
  if (isBareTokensName(property)) {
    return isCredentialName(property, options) || (objectName !== undefined && isLoginResultName(objectName));
  }
  if (!isCredentialName(property, options)) return false;
  const propertyWords = splitWords(property);
  const isBareToken = propertyWords.length === 1 && propertyWords[0] === 'token';
  return !(isBareToken && objectName !== undefined && endsWithNonLoginTokenQualifier(splitWords(objectName)));
}

/** Returns true for the bare plural `tokens` (`tokens`, `TOKENS`), which names login data or a collection. */
export function isBareTokensName(name: string): boolean {
  const words = splitWords(name);
  return words.length === 1 && words[0] === 'tokens';
}

/**
 * Returns true when a name is a credential name only as `auth` alone or `auth` with a word such as `data`
 * (`auth`, `authData`). Such an object may hold login data, but reading it (`config.auth.enabled`) shows no
 * credential until a credential property is read from it (`config.auth.token`).
 */
export function isAuthContainerName(name: string): boolean {
  const words = splitWords(name);
  return words[0] === 'auth' && (words.length === 1 || (words.length === 2 && AUTH_FOLLOWERS.has(words[1] ?? '')));
}

/** Returns true when a name names a session id (`sessionId`, `session_id`, `sessid`), whatever its qualifier. */
export function isSessionIdName(name: string): boolean {
  const words = splitWords(name);
  return words.some(
    (word, index) => word === 'sessionid' || word === 'sessid' || (word === 'session' && words[index + 1] === 'id'),
  );
}

/**
 * Returns true when an object name ends in a word for a response or login result (`response.data`,
 * `result`, `json`), so that a `tokens` property read from it contains login tokens.
 */
export function isLoginResultName(name: string): boolean {
  const last = splitWords(name).at(-1);
  return last !== undefined && RESPONSE_OBJECT_WORDS.has(last);
}

/** Returns true when a function name says it logs in or issues a token (`login`, `api.signIn`, `getToken`). */
export function isLoginCallName(name: string): boolean {
  const words = splitWords(name);
  return words.some(
    (word, index) =>
      LOGIN_CALL_WORDS.has(word) || ((word === 'sign' || word === 'log') && words[index + 1] === 'in'),
  );
}

/**
 * Words in the name of a call that mark a login origin beyond those of `isLoginCallName`: an auth client
 * (`authClient.refresh()`, `getAuth()`), a token refresh, an OAuth, SSO or Sign-In with Ethereum (`siwe`)
 * flow, credentials, and a session
 * API (`api.sessions.create()`).
 */
const LOGIN_ORIGIN_WORDS = new Set(['auth', 'oauth2', 'refresh', 'credentials', 'sso', 'siwe', 'session', 'sessions']);

/**
 * Returns true when the name of a call shows that its result comes from a login: `isLoginCallName`, a word of
 * `LOGIN_ORIGIN_WORDS`, or a token exchange (`exchangeCodeForTokens`). A `session` word counts only when no
 * analytics word is in the name, because `analytics.startSession()` counts visits.
 */
export function isLoginOriginName(name: string): boolean {
  if (isLoginCallName(name)) return true;
  const words = splitWords(name);
  if (words.includes('tokens') && words.includes('exchange')) return true;
  const isAnalytics = words.some((word) => ANALYTICS_WORDS.has(word));
  return words.some(
    (word) => LOGIN_ORIGIN_WORDS.has(word) && !(isAnalytics && (word === 'session' || word === 'sessions')),
  );
}

/**
 * Words that, in the same name as `token` or `tokens`, show that the token is a crypto-currency coin and not
 * a login (`tokenBalances`, `importedTokens`, `token.symbol`, `` `token-${chainId}` ``). Wallet and exchange
 * front ends use `token` in this sense.
 */
const CRYPTO_ASSET_WORDS = new Set([
  'address',
  'addresses',
  'chain',
  'chains',
  'contract',
  'contracts',
  'amount',
  'amounts',
  'swap',
  'pair',
  'pairs',
  'pool',
  'pools',
  'meta',
  'imported',
  'selected',
  'whitelist',
  'erc20',
  'erc721',
  'erc1155',
  'nft',
  'nfts',
]);

/**
 * Words for market or list data that name crypto asset data without a `token` word in the name
 * (`fetchBalances`, `getPrices`, `tokenlist.json`). None of them names a login credential or its parts,
 * unlike `pair` (`keyPair`) or `pool` (`userPool`), which are asset words only next to `token`.
 */
const CRYPTO_MARKET_WORDS = new Set([
  'balance',
  'balances',
  'price',
  'prices',
  'list',
  'lists',
  'tokenlist',
  'symbol',
  'symbols',
  'decimals',
  'metadata',
  'allowance',
  'allowances',
  'supply',
  'logo',
  'logos',
  'icon',
  'icons',
  'coin',
  'coins',
]);

/**
 * Words that name coin data in a request URL (`/api/v3/coins/${id}`, `/dex/pairs/${chain}/${pair}`,
 * `/markets`), besides the market words. In other names `pair` also names a key pair.
 */
const CRYPTO_URL_WORDS = new Set(['pair', 'pairs', 'market', 'markets', 'ticker', 'tickers', 'dex']);

/**
 * Words that, right before `token` or `tokens` in a storage key or cookie name, name the coin a wallet or
 * exchange keeps there (`baseToken`, `rewardToken`, `favoriteTokens`), together with the asset words. They
 * outweigh a value named `token`.
 */
const COIN_KEY_QUALIFIERS = new Set([
  ...['base', 'quote', 'sell', 'buy', 'pay', 'receive', 'lp', 'reward', 'staking', 'stake', 'collateral', 'deposit'],
  ...['bridge', 'gas', 'fee', 'favorite', 'favorites', 'favourite', 'watched', 'watchlist', 'wallet', 'native'],
]);

/**
 * Words that keep a name about logins next to asset words: credential words other than `token`, login and
 * auth words, and words of a session (`authTokenList`, `sessionBalances`). `refresh` is missing on purpose,
 * because it also means reloading data (`refreshTokenPrices()`).
 */
const LOGIN_WORDS_OVER_ASSETS = new Set([
  ...[...CREDENTIAL_WORDS].filter((word) => word !== 'token'),
  ...[...LOGIN_CALL_WORDS].filter((word) => word !== 'token'),
  ...[...LOGIN_ORIGIN_WORDS].filter((word) => word !== 'refresh'),
]);

/** Words that, right before `token` or `tokens`, name a login token even next to asset words (`accessTokenList`). */
const LOGIN_TOKEN_KINDS = new Set(['access', 'id', 'api', 'identity']);

/**
 * Returns true when a name is about crypto-currency coins, not logins: it contains a market word
 * (`getTokenBalances`, `tokenPrices`, `fetchBalances`), or an asset word next to `token` or `tokens` in the
 * same name (`importedTokens`, `token-chainId`, `token address`). A login word in the name wins
 * (`authTokenList`, `login.prices`), and so does a login token kind right before `token` (`accessTokenList`,
 * `idTokenMetadata`), while `refresh` does not (`refreshTokenList` reloads a coin list).
 */
export function isCryptoAssetName(name: string): boolean {
  const words = splitWords(name);
  return !hasLoginWordOverAssets(words) && hasCryptoAssetWords(words);
}

/**
 * Returns true when a URL requests crypto-currency coin data, as `isCryptoAssetName` decides for a name.
 * Login words are looked for in each path segment and query part on its own, so that `api` in
 * `/api/tokens/prices` names the API and not an API token.
 */
export function isCryptoAssetUrl(url: string): boolean {
  if (url.split(/[/?&#=]/).some((part) => hasLoginWordOverAssets(splitWords(part)))) return false;
  const words = splitWords(url);
  return hasCryptoAssetWords(words) || words.some((word) => CRYPTO_URL_WORDS.has(word));
}

/**
 * Returns true when a storage key or cookie name names a coin clearly enough to outweigh a value that is
 * only named `token` or `tokens`. That is so when `isCryptoAssetName` accepts it (`tokenList`, `importedTokens`,
 * `` `token-${chainId}` `` read with its expressions' names) without counting `address`, or a word of
 * `COIN_KEY_QUALIFIERS` or `from` or `to` comes right before `token` or `tokens` (`baseToken`, `fromToken`,
 * `favoriteTokens`). A login word in the name rules it out.
 */
export function isCryptoAssetKey(name: string): boolean {
  const words = splitWords(name);
  if (hasLoginWordOverAssets(words)) return false;
  // A wallet address also keys the token of a Sign-In with Ethereum login (`` `token_${address}` ``).
  if (hasCryptoAssetWords(words.filter((word) => word !== 'address' && word !== 'addresses'))) return true;
  return words.some(
    (word, index) =>
      (word === 'token' || word === 'tokens') &&
      (COIN_KEY_QUALIFIERS.has(words[index - 1] ?? '') || (index === 1 && SWAP_SIDE_WORDS.has(words[0] ?? ''))),
  );
}

/**
 * Words of the fields of a coin's record in a token list or a market API (`address`, `symbol`, `decimals`,
 * `logoURI`, `chainId`, `price`, `coingeckoId`).
 */
const COIN_FIELD_WORDS = new Set([
  ...['id', 'name', 'symbol', 'decimals', 'address', 'contract', 'logo', 'uri', 'url', 'icon', 'image', 'chain'],
  ...['network', 'price', 'prices', 'balance', 'balances', 'amount', 'usd', 'market', 'cap', 'coingecko', 'tags'],
  ...['extensions', 'standard', 'verified', 'native', 'wrapped', 'change', 'volume', 'rank', 'current', 'total', 'supply'],
]);

/** Fields that only a coin's record has, one of which a record must contain to count as coin data. */
const COIN_ONLY_FIELDS = new Set(['symbol', 'decimals']);

/**
 * Returns true when the property names of an object literal or object type are those of a coin's record:
 * every name is made of coin field words (`id`, `symbol`, `name`, `logoURI`, `chainId`, `current_price`),
 * and one of them is `symbol` or `decimals`. `{ address, chainId }` alone may be a Sign-In with Ethereum
 * login, and `{ id, name }` may be anything.
 */
export function isCryptoAssetFieldList(names: readonly string[]): boolean {
  const wordLists = names.map((name) => splitWords(name));
  return (
    wordLists.some((words) => words.length === 1 && COIN_ONLY_FIELDS.has(words[0] ?? '')) &&
    wordLists.every((words) => words.length > 0 && words.every((word) => COIN_FIELD_WORDS.has(word)))
  );
}

/** State properties next to which a bare `token` state property is a coin (`amount`, `slippage`, `symbol`). */
const COIN_SIBLING_WORDS = new Set([
  ...['amount', 'amounts', 'slippage', 'symbol', 'decimals', 'balance', 'balances', 'price', 'prices', 'allowance'],
]);

/**
 * Returns true when a state property name shows that a bare `token` next to it is a coin: `amount`,
 * `slippage`, `symbol`, `balance`, `price` and the like (`inputAmount`, `tokenBalance`). `address` and
 * `chainId` are left out, because a Sign-In with Ethereum login state keeps them next to its token.
 */
export function isCryptoAssetSiblingName(name: string): boolean {
  const words = splitWords(name);
  return !hasLoginWordOverAssets(words) && words.some((word) => COIN_SIBLING_WORDS.has(word));
}

/**
 * Returns true when a name contains a word that keeps it about logins next to coin words (`accessToken`,
 * `jwt`, `auth_${address}`), as `isCryptoAssetName` decides.
 */
export function hasLoginWordOverCoins(name: string): boolean {
  return hasLoginWordOverAssets(splitWords(name));
}

function hasLoginWordOverAssets(words: readonly string[]): boolean {
  return words.some(
    (word, index) =>
      LOGIN_WORDS_OVER_ASSETS.has(word) ||
      ((word === 'sign' || word === 'log') && words[index + 1] === 'in') ||
      ((word === 'token' || word === 'tokens') && LOGIN_TOKEN_KINDS.has(words[index - 1] ?? '')) ||
      CREDENTIAL_PAIRS.some(([first, second]) => first === word && second === words[index + 1]),
  );
}

function hasCryptoAssetWords(words: readonly string[]): boolean {
  if (words.some((word) => CRYPTO_MARKET_WORDS.has(word))) return true;
  const hasTokenWord = words.some((word) => word === 'token' || word === 'tokens');
  return hasTokenWord && words.some((word) => CRYPTO_ASSET_WORDS.has(word));
}

/**
 * Returns true when a storage key or cookie name names an analytics or tracking store (`analytics`,
 * `_ga`, `amplitude_session`), where a session id counts visits and logs no one in.
 */
export function isAnalyticsStoreName(name: string): boolean {
  return splitWords(name).some((word) => ANALYTICS_WORDS.has(word));
}

/**
 * Returns true when a constant's own name says it holds the key or cookie name of a credential
 * (`TOKEN_KEY`, `AUTH_STORAGE_KEY`, `JWT_COOKIE_NAME`). Used for keys imported from another module when
 * no type information tells their value.
 */
export function isCredentialKeyConstantName(name: string, options: CredentialNameOptions = {}): boolean {
  if (isCredentialName(name, options)) return true;
  const words = splitWords(name);
  while (words.length > 1 && KEY_NAME_SUFFIXES.has(words[words.length - 1] ?? '')) {
    words.pop();
    if (isCredentialWordList(words)) return true;
  }
  return false;
}

function isCredentialWordList(words: readonly string[]): boolean {
  if (words.some((word) => DISQUALIFYING_WORDS.has(word))) return false;

  for (let index = 0; index < words.length; index++) {
    const word = words[index] ?? '';
    const rest = words.slice(index + 1);
    const previous = words[index - 1] ?? '';
    const isNonLoginWord =
      (word === 'token' && endsWithNonLoginTokenQualifier(words.slice(0, index))) ||
      (word === 'token' && index === 1 && SWAP_SIDE_WORDS.has(previous)) ||
      (word === 'sessionid' && NON_LOGIN_SESSION_QUALIFIERS.has(previous));
    const isLoginTokens = word === 'tokens' && LOGIN_TOKENS_QUALIFIERS.has(previous);
    if ((CREDENTIAL_WORDS.has(word) || isLoginTokens) && !isNonLoginWord && rest.every((next) => NEUTRAL_TRAILING_WORDS.has(next))) {
      return true;
    }
    const next = words[index + 1];
    const isQualifiedSession = word === 'session' && NON_LOGIN_SESSION_QUALIFIERS.has(previous);
    if (
      next !== undefined &&
      !isQualifiedSession &&
      CREDENTIAL_PAIRS.some(([first, second]) => first === word && second === next) &&
      words.slice(index + 2).every((after) => NEUTRAL_TRAILING_WORDS.has(after))
    ) {
      return true;
    }
  }

  return isAuthContainerName(words.join(' '));
}

/** HTTP headers that carry a login credential whatever their spelling (`Authorization`, `proxy-authorization`). */
const AUTHORIZATION_HEADERS = new Set(['authorization', 'proxy-authorization']);

/**
 * Returns true when an HTTP header name carries a login credential: `Authorization`,
 * `Proxy-Authorization`, or a dashed name whose words name a credential (`x-access-token`, `X-Auth-Token`,
 * `x-api-key`) or end in `auth` (`X-Auth`, `X-Api-Auth`). CSRF headers (`X-XSRF-TOKEN`) are not credentials. A name without a dash (`token`) counts
 * only when the caller knows the object is a header map, so it is left to `isCredentialName` there.
 */
export function isCredentialHeaderName(name: string): boolean {
  const lower = name.trim().toLowerCase();
  if (AUTHORIZATION_HEADERS.has(lower)) return true;
  return lower.includes('-') && (isCredentialName(lower) || splitWords(lower).at(-1) === 'auth');
}

/**
 * Redux state slices that hold the logged-in user together with the login data (`user`, `currentUser`).
 * A `tokens` slice counts too, because unlike a stored value the contents of a slice are not examined.
 */
const AUTH_STATE_WORD_LISTS: readonly (readonly string[])[] = [
  ['authentication'],
  ['tokens'],
  ['user'],
  ['current', 'user'],
  ['session'],
  ['login'],
];

/**
 * Returns true when a state slice or persisted key names the login state of an app: a credential name
 * (`auth`, `authData`, `token`) or one of `authentication`, `tokens`, `user`, `currentUser`, `session`,
 * `login`, optionally followed by `state`, `slice` or `reducer`.
 */
export function isAuthStateName(name: string): boolean {
  if (isCredentialName(name)) return true;
  const words = splitWords(name);
  while (words.length > 1 && ['state', 'slice', 'reducer'].includes(words[words.length - 1] ?? '')) {
    words.pop();
  }
  if (isCredentialName(words.join(' '))) return true;
  return AUTH_STATE_WORD_LISTS.some(
    (list) => list.length === words.length && list.every((word, index) => word === words[index]),
  );
}

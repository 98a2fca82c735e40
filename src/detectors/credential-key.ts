/**
 * Decides whether the key of a storage entry or the name of a cookie names a login credential. A key may be
 * written as a literal, a template literal, a concatenation or a binding imported from another module. It
 * may also be a same-file `const`, TypeScript enum member, property of a `const` object, class field or
 * namespace constant. An imported key resolves through its string literal type when the file was parsed
 * with type information, and otherwise by the constant's own name (`TOKEN_KEY`, `StorageKeys.ACCESS_TOKEN`).
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import * as ASTUtils from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';

import { forEachNode } from '../util/ast-values.js';
import { isCredentialKeyConstantName, isCredentialName, isCryptoAssetName } from './credential-name.js';

/** Rule options that widen or narrow which keys count as credentials. */
export interface CredentialKeyOptions {
  /** Extra regular expressions (source strings, case-insensitive) for keys that hold credentials. */
  readonly extraKeyPatterns?: readonly string[];
  /** Keys that are never reported, compared case-insensitively after trimming. */
  readonly allowedKeys?: readonly string[];
}

/**
 * The way a key was resolved. `literal`: written in place. `constant`: a `const`, enum member, `const`
 * object property, class field or namespace constant in the file. `type`: the string literal type from the type checker. `constant-name`: an
 * imported constant judged by its name, its value unknown. `partial`: a template or concatenation whose
 * static parts name a credential. `unknown`: none of these.
 */
export type KeySource = 'literal' | 'constant' | 'type' | 'constant-name' | 'partial' | 'unknown';

export interface ResolvedKey {
  /** The key as a string when its value is known. */
  readonly key: string | undefined;
  /** The key names a login credential. */
  readonly credential: boolean;
  readonly source: KeySource;
  /**
   * For a key built from known text and unknown expressions: the text with the names of the expressions
   * (`selectedToken- chainId ` for `` `selectedToken-${chainId}` ``), from which the detectors decide whether the
   * key names a coin.
   */
  readonly text?: string;
}

/** Returns true when a known key string names a login credential under the given options. */
export function isCredentialKey(key: string, options: CredentialKeyOptions = {}): boolean {
  return isCredentialName(key, { extraPatterns: options.extraKeyPatterns, allowedNames: options.allowedKeys });
}

/**
 * Returns true when nothing stored under this key is reported: the project allows it, or it names a CSRF
 * token (`csrftoken`, `XSRF-TOKEN`), which scripts are meant to read and which is no login credential.
 */
export function isAllowedKey(key: string, options: CredentialKeyOptions = {}): boolean {
  const normalized = key.trim().toLowerCase();
  if (/csrf|xsrf/.test(normalized)) return true;
  return options.allowedKeys?.some((allowed) => allowed.trim().toLowerCase() === normalized) ?? false;
}

/** Resolves the key expression of a storage call or cookie write and decides whether it names a credential. */
export function resolveCredentialKey(
  node: TSESTree.Node,
  sourceCode: TSESLint.SourceCode,
  options: CredentialKeyOptions = {},
): ResolvedKey {
  const expression = skipTypeWrappers(node);

  const known = getKnownString(expression, sourceCode);
  if (known) {
    return { key: known.value, credential: isCredentialKey(known.value, options), source: known.source };
  }

  const constantName = getImportedConstantName(expression, sourceCode);
  if (constantName !== undefined) {
    return { key: undefined, credential: isCredentialKeyConstantName(constantName), source: 'constant-name' };
  }

  const parts = getPartialKeyParts(expression, sourceCode);
  if (parts === undefined) return { key: undefined, credential: false, source: 'unknown' };
  const text = getPartialKeyText(parts);
  if (isCredentialPartialKey(parts, { extraKeyPatterns: options.extraKeyPatterns })) {
    return { key: undefined, credential: true, source: 'partial', text };
  }
  return { key: undefined, credential: false, source: 'unknown', text };
}

/**
 * Decides whether a key or cookie name built from known text and unknown expressions names a credential.
 * The text with a space for each expression must name one, and the names of the expressions must not make
 * it the key of a crypto-currency coin (see `isCryptoAssetName`): `` `token-${chainId}` `` and
 * `` `token_${token.address}` `` hold coin data, while `` `token_${userId}` `` and
 * `` `access_token_${chainId}` `` hold a token.
 */
export function isCredentialPartialKey(parts: readonly (string | TSESTree.Node)[], options: CredentialKeyOptions = {}): boolean {
  const text = parts.map((part) => (typeof part === 'string' ? part : ' ')).join('');
  if (text.trim().length === 0 || !isCredentialKey(text, options)) return false;
  return !isCryptoAssetName(getPartialKeyText(parts));
}

/** Returns the text of a partly known key with the names of its unknown parts (`token- chainId `). */
export function getPartialKeyText(parts: readonly (string | TSESTree.Node)[]): string {
  return parts.map((part) => (typeof part === 'string' ? part : ` ${getPartName(part)} `)).join('');
}

/** Returns the names an expression is read through (`chain id` for `chain.id`), or a call's callee name. */
function getPartName(node: TSESTree.Node): string {
  const names: string[] = [];
  let current = skipTypeWrappers(node);
  if (current.type === AST_NODE_TYPES.CallExpression) current = skipTypeWrappers(current.callee);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = getMemberName(current);
    if (name !== undefined) names.unshift(name);
    current = skipTypeWrappers(current.object);
  }
  if (current.type === AST_NODE_TYPES.Identifier) names.unshift(current.name);
  return names.join(' ');
}

/**
 * Returns the string value of an expression when it is known without running the code. That is a literal, a
 * template or concatenation of known parts, a `const` in scope, or a TypeScript enum member with a string
 * initializer. With type information, it is also any expression whose type is a string literal type.
 */
export function getStaticString(node: TSESTree.Node, sourceCode: TSESLint.SourceCode): string | undefined {
  return getKnownString(skipTypeWrappers(node), sourceCode)?.value;
}

function getKnownString(
  expression: TSESTree.Node,
  sourceCode: TSESLint.SourceCode,
): { value: string; source: 'literal' | 'constant' | 'type' } | undefined {
  if (expression.type === AST_NODE_TYPES.Literal) {
    return typeof expression.value === 'string' ? { value: expression.value, source: 'literal' } : undefined;
  }
  if (expression.type === AST_NODE_TYPES.TemplateLiteral && expression.expressions.length === 0) {
    const cooked = expression.quasis[0]?.value.cooked;
    return typeof cooked === 'string' ? { value: cooked, source: 'literal' } : undefined;
  }

  const staticValue = ASTUtils.getStaticValue(expression, sourceCode.getScope(expression));
  if (staticValue && typeof staticValue.value === 'string') {
    return { value: staticValue.value, source: 'constant' };
  }

  const enumValue = getEnumMemberString(expression, sourceCode);
  if (enumValue !== undefined) return { value: enumValue, source: 'constant' };

  const memberValue = getClassFieldString(expression, sourceCode) ?? getNamespaceConstantString(expression, sourceCode);
  if (memberValue !== undefined) return { value: memberValue, source: 'constant' };

  const typed = getStringLiteralType(expression, sourceCode);
  if (typed !== undefined) return { value: typed, source: 'type' };
  return undefined;
}

/** Reads `Keys.Token` where `enum Keys { Token = 'token' }` is declared in the file. */
function getEnumMemberString(expression: TSESTree.Node, sourceCode: TSESLint.SourceCode): string | undefined {
  if (expression.type !== AST_NODE_TYPES.MemberExpression || expression.object.type !== AST_NODE_TYPES.Identifier) {
    return undefined;
  }
  const memberName = getMemberName(expression);
  if (memberName === undefined) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(expression), expression.object);
  for (const definition of variable?.defs ?? []) {
    if (definition.node.type !== AST_NODE_TYPES.TSEnumDeclaration) continue;
    const members = definition.node.body?.members ?? [];
    for (const member of members) {
      const id = member.id;
      const name = id.type === AST_NODE_TYPES.Identifier ? id.name : String(id.value);
      if (name !== memberName) continue;
      const initializer = member.initializer;
      if (initializer?.type === AST_NODE_TYPES.Literal && typeof initializer.value === 'string') return initializer.value;
      if (initializer?.type === AST_NODE_TYPES.TemplateLiteral && initializer.expressions.length === 0) {
        return initializer.quasis[0]?.value.cooked ?? undefined;
      }
      return undefined;
    }
  }
  return undefined;
}

type ClassNode = TSESTree.ClassDeclaration | TSESTree.ClassExpression;

/**
 * Reads a class field that a string literal initializes: `this.tokenKey` in a method or field of the class,
 * `this.#key`, and `AuthService.TOKEN_KEY` (or `this.TOKEN_KEY` in a static method) for a static field. A
 * field that is not `readonly` counts only while the file never assigns a property of that name.
 */
function getClassFieldString(expression: TSESTree.Node, sourceCode: TSESLint.SourceCode): string | undefined {
  if (expression.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name =
    expression.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${expression.property.name}` : getMemberName(expression);
  if (name === undefined) return undefined;

  const object = skipTypeWrappers(expression.object);
  let owner: { classNode: ClassNode; isStatic: boolean } | undefined;
  if (object.type === AST_NODE_TYPES.ThisExpression) {
    owner = getThisClass(object);
  } else if (object.type === AST_NODE_TYPES.Identifier) {
    const classNode = getClassOfBinding(object, sourceCode);
    owner = classNode ? { classNode, isStatic: true } : undefined;
  }
  if (!owner) return undefined;

  const field = owner.classNode.body.body.find(
    (member): member is TSESTree.PropertyDefinition =>
      member.type === AST_NODE_TYPES.PropertyDefinition &&
      !member.computed &&
      member.static === owner.isStatic &&
      getFieldName(member) === name,
  );
  const value = field?.value ? getLiteralText(skipTypeWrappers(field.value)) : undefined;
  if (value === undefined || !field) return undefined;
  if (!field.readonly && getAssignedPropertyNames(sourceCode).has(name)) return undefined;
  return value;
}

/** Returns the class whose instance (or, in static code, whose constructor) `this` refers to. */
function getThisClass(thisNode: TSESTree.ThisExpression): { classNode: ClassNode; isStatic: boolean } | undefined {
  let child: TSESTree.Node = thisNode;
  for (let node: TSESTree.Node | undefined = thisNode.parent; node !== undefined; node = node.parent) {
    if (node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.FunctionDeclaration) {
      const method = node.parent;
      if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.value !== node) return undefined;
      return { classNode: method.parent.parent, isStatic: method.static };
    }
    if (node.type === AST_NODE_TYPES.PropertyDefinition && node.value === child) {
      return { classNode: node.parent.parent, isStatic: node.static };
    }
    if (node.type === AST_NODE_TYPES.StaticBlock) return { classNode: node.parent.parent, isStatic: true };
    child = node;
  }
  return undefined;
}

/** Returns the class an identifier names: a class declaration, or a `const` bound to a class expression. */
function getClassOfBinding(identifier: TSESTree.Identifier, sourceCode: TSESLint.SourceCode): ClassNode | undefined {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (definition?.node.type === AST_NODE_TYPES.ClassDeclaration) return definition.node;
  if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.parent?.type === AST_NODE_TYPES.VariableDeclaration) {
    const init = definition.node.init ? skipTypeWrappers(definition.node.init) : undefined;
    if (definition.parent.kind === 'const' && init?.type === AST_NODE_TYPES.ClassExpression) return init;
  }
  return undefined;
}

function getFieldName(field: TSESTree.PropertyDefinition): string | undefined {
  if (field.key.type === AST_NODE_TYPES.PrivateIdentifier) return `#${field.key.name}`;
  if (field.key.type === AST_NODE_TYPES.Identifier) return field.key.name;
  return field.key.type === AST_NODE_TYPES.Literal && typeof field.key.value === 'string' ? field.key.value : undefined;
}

const assignedPropertyNamesByProgram = new WeakMap<TSESTree.Program, ReadonlySet<string>>();

/** Returns the names of the properties the file assigns or updates anywhere (`x.key = …`, `this.#key++`). */
function getAssignedPropertyNames(sourceCode: TSESLint.SourceCode): ReadonlySet<string> {
  const cached = assignedPropertyNamesByProgram.get(sourceCode.ast);
  if (cached) return cached;
  const names = new Set<string>();
  forEachNode(sourceCode.ast, sourceCode.visitorKeys, (node) => {
    let target: TSESTree.Node | undefined;
    if (node.type === AST_NODE_TYPES.AssignmentExpression) target = node.left;
    else if (node.type === AST_NODE_TYPES.UpdateExpression) target = node.argument;
    const member = target ? skipTypeWrappers(target) : undefined;
    if (member?.type !== AST_NODE_TYPES.MemberExpression) return;
    const name = member.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${member.property.name}` : getMemberName(member);
    if (name !== undefined) names.add(name);
  });
  assignedPropertyNamesByProgram.set(sourceCode.ast, names);
  return names;
}

/** Reads `Keys.TOKEN` where `namespace Keys { export const TOKEN = 'token'; }` is declared in the file. */
function getNamespaceConstantString(expression: TSESTree.Node, sourceCode: TSESLint.SourceCode): string | undefined {
  if (expression.type !== AST_NODE_TYPES.MemberExpression || expression.object.type !== AST_NODE_TYPES.Identifier) {
    return undefined;
  }
  const memberName = getMemberName(expression);
  if (memberName === undefined) return undefined;
  const variable = ASTUtils.findVariable(sourceCode.getScope(expression), expression.object);
  for (const definition of variable?.defs ?? []) {
    if (definition.node.type !== AST_NODE_TYPES.TSModuleDeclaration) continue;
    const body = definition.node.body;
    if (body?.type !== AST_NODE_TYPES.TSModuleBlock) continue;
    for (const statement of body.body) {
      const declaration = statement.type === AST_NODE_TYPES.ExportNamedDeclaration ? statement.declaration : undefined;
      if (declaration?.type !== AST_NODE_TYPES.VariableDeclaration || declaration.kind !== 'const') continue;
      for (const declarator of declaration.declarations) {
        if (declarator.id.type !== AST_NODE_TYPES.Identifier || declarator.id.name !== memberName || !declarator.init) continue;
        return getLiteralText(skipTypeWrappers(declarator.init));
      }
    }
  }
  return undefined;
}

/** Returns the text of a string literal or an expression-free template literal. */
function getLiteralText(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node.value : undefined;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** Asks the type checker for the string literal type of an expression, when the file has type information. */
function getStringLiteralType(expression: TSESTree.Node, sourceCode: TSESLint.SourceCode): string | undefined {
  const services = sourceCode.parserServices;
  const program = services?.program;
  const nodeMap = services?.esTreeNodeToTSNodeMap;
  if (!program || !nodeMap) return undefined;
  const tsNode = nodeMap.get(expression as never);
  if (!tsNode) return undefined;
  const type = program.getTypeChecker().getTypeAtLocation(tsNode);
  return type.isStringLiteral() ? type.value : undefined;
}

/**
 * Returns the name to judge an imported key by: the imported identifier itself (`TOKEN_KEY`), or the last
 * property of a member chain that starts at an imported binding (`StorageKeys.ACCESS_TOKEN`). Bindings from
 * `require()` count as imported. Returns undefined for anything else, since the name of a local variable or
 * parameter (`tokenKey`) does not tell which key it contains at run time.
 */
function getImportedConstantName(expression: TSESTree.Node, sourceCode: TSESLint.SourceCode): string | undefined {
  if (expression.type === AST_NODE_TYPES.Identifier) {
    return isImportedBinding(expression, sourceCode) ? getImportedName(expression, sourceCode) : undefined;
  }
  if (expression.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const name = getMemberName(expression);
  let root: TSESTree.Node = expression.object;
  while (root.type === AST_NODE_TYPES.MemberExpression) root = root.object;
  if (name === undefined || root.type !== AST_NODE_TYPES.Identifier) return undefined;
  return isImportedBinding(root, sourceCode) ? name : undefined;
}

/** Returns the exported name of an imported binding (`AUTH_KEY` for `import { AUTH_KEY as KEY }`), else its own name. */
function getImportedName(identifier: TSESTree.Identifier, sourceCode: TSESLint.SourceCode): string {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs[0];
  if (definition?.node.type === AST_NODE_TYPES.ImportSpecifier && definition.node.imported.type === AST_NODE_TYPES.Identifier) {
    return definition.node.imported.name;
  }
  if (definition?.node.type === AST_NODE_TYPES.VariableDeclarator && definition.node.id.type === AST_NODE_TYPES.ObjectPattern) {
    for (const property of definition.node.id.properties) {
      if (property.type !== AST_NODE_TYPES.Property || property.key.type !== AST_NODE_TYPES.Identifier) continue;
      const value = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
      if (value === definition.name) return property.key.name;
    }
  }
  return identifier.name;
}

function isImportedBinding(identifier: TSESTree.Identifier, sourceCode: TSESLint.SourceCode): boolean {
  const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (!definition) return false;
  if (definition.type === 'ImportBinding') return true;
  if (definition.node.type !== AST_NODE_TYPES.VariableDeclarator || !definition.node.init) return false;
  return isRequireCall(skipTypeWrappers(definition.node.init));
}

function isRequireCall(node: TSESTree.Node): boolean {
  let current = node;
  while (current.type === AST_NODE_TYPES.MemberExpression) current = current.object;
  return (
    current.type === AST_NODE_TYPES.CallExpression &&
    current.callee.type === AST_NODE_TYPES.Identifier &&
    current.callee.name === 'require'
  );
}

/**
 * Splits a template literal or concatenation whose parts are only partly known into its known text and its
 * unknown expressions: `${prefix}_token` becomes `[prefix, '_token']`, so its words still show what the key
 * holds.
 */
function getPartialKeyParts(expression: TSESTree.Node, sourceCode: TSESLint.SourceCode): (string | TSESTree.Node)[] | undefined {
  const parts: (string | TSESTree.Node)[] = [];
  const collect = (node: TSESTree.Node): void => {
    const inner = skipTypeWrappers(node);
    const known = getKnownString(inner, sourceCode);
    if (known) {
      parts.push(known.value);
    } else if (inner.type === AST_NODE_TYPES.TemplateLiteral) {
      inner.quasis.forEach((quasi, index) => {
        parts.push(quasi.value.cooked ?? '');
        const part = inner.expressions[index];
        if (part) collect(part);
      });
    } else if (inner.type === AST_NODE_TYPES.BinaryExpression && inner.operator === '+') {
      collect(inner.left);
      collect(inner.right);
    } else {
      parts.push(inner);
    }
  };
  if (expression.type !== AST_NODE_TYPES.TemplateLiteral && expression.type !== AST_NODE_TYPES.BinaryExpression) {
    return undefined;
  }
  collect(expression);
  return parts;
}

/** Returns the static name of a member expression's property (`a.b`, `a['b']`), or undefined. */
export function getMemberName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed) {
    return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
  }
  const property = member.property;
  if (property.type === AST_NODE_TYPES.Literal && typeof property.value === 'string') return property.value;
  if (property.type === AST_NODE_TYPES.TemplateLiteral && property.expressions.length === 0) {
    return property.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** Strips TypeScript-only wrappers (`x as T`, `x!`, `<T>x`, `x satisfies T`) around an expression. */
export function skipTypeWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.TSInstantiationExpression
  ) {
    current = current.expression;
  }
  return current;
}

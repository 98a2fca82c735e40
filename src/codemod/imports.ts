/**
 * Module bindings: finding, adding and removing the local names a file binds to a package, in ES module
 * and CommonJS form.
 *
 * ```ts
 * const bindings = findModuleBindings(file, ['jsonwebtoken']);          // every import form, see below
 * const { local, changed } = ensureImport(file, { module: 'express-session', imported: 'default', local: 'session' });
 * removeUnusedBindings(file, ['jsonwebtoken']);                         // drops bindings nothing uses
 * ```
 *
 * `findModuleBindings` recognises `import x from`, `import { a as b } from`, `import * as ns from`,
 * `const x = require()`, `const { a: b } = require()`, `const b = require().a` and TypeScript's
 * `import x = require()`. `imported` is `'default'`, `'*'` (a namespace import, or a whole `require()`),
 * or the exported name. `ensureImport` writes the form that matches the file's module system
 * (`getModuleSystem`) and reuses an existing binding of the same export. In CommonJS a `'default'` import
 * of a package is `require()` of the whole module, which is how CommonJS packages such as express-session
 * export their main function. A TypeScript file that loads modules with `import x = require()` gets its
 * default and namespace imports in that form too, which compiles without `esModuleInterop`.
 */
import type { ASTNode, ASTPath } from 'jscodeshift';

import { getStaticString } from './literals.js';
import type { CodemodFile } from './source-file.js';
import { getAttachedComments, isInStatementList, removeStatement } from './statements.js';

export type ModuleSystem = 'esm' | 'commonjs';

/** One local name bound to a module's export. */
export interface ModuleBinding {
  readonly module: string;
  /** `'default'`, `'*'` for a namespace import or a whole `require()`, otherwise the export's name. */
  readonly imported: string;
  readonly local: string;
  readonly kind: 'import' | 'require';
  /** The specifier, declarator or pattern property that binds `local`. */
  readonly path: ASTPath;
}

/** The export a file needs and the local name it prefers. */
export interface ImportRequest {
  readonly module: string;
  readonly imported: string;
  readonly local: string;
  /**
   * In CommonJS, the top-level statement (or a node inside it) that will be the first to use the binding,
   * or before which the caller will add that use. A new `require()` goes above it.
   */
  readonly before?: ASTNode;
}

type AnyNode = ASTNode & Record<string, unknown> & { type: string };

/**
 * Returns the file's module system: from the extension for `.mjs`/`.mts` and `.cjs`/`.cts`, else ESM when
 * the file has an `import` or `export` declaration, CommonJS when it calls `require()` or assigns
 * `module.exports`/`exports.*`, and ESM otherwise.
 */
export function getModuleSystem(file: CodemodFile): ModuleSystem {
  if (/\.m[jt]s$/i.test(file.path)) return 'esm';
  if (/\.c[jt]s$/i.test(file.path)) return 'commonjs';
  const { j, root } = file;
  const hasModuleSyntax =
    root.find(j.ImportDeclaration).size() > 0 ||
    root.find(j.ExportNamedDeclaration).size() > 0 ||
    root.find(j.ExportDefaultDeclaration).size() > 0 ||
    root.find(j.ExportAllDeclaration).size() > 0;
  if (hasModuleSyntax) return 'esm';
  const usesCommonJs =
    root.find(j.CallExpression, { callee: { type: 'Identifier', name: 'require' } }).size() > 0 ||
    root.find(j.MemberExpression, { object: { type: 'Identifier', name: 'module' }, property: { name: 'exports' } }).size() > 0 ||
    root.find(j.MemberExpression, { object: { type: 'Identifier', name: 'exports' } }).size() > 0;
  return usesCommonJs ? 'commonjs' : 'esm';
}

/** Returns every local name that the file binds to one of `moduleNames`, in source order per form. */
export function findModuleBindings(file: CodemodFile, moduleNames: readonly string[]): ModuleBinding[] {
  const { j, root } = file;
  const modules = new Set(moduleNames);
  const bindings: ModuleBinding[] = [];

  root.find(j.ImportDeclaration).forEach((declaration) => {
    const module = getStaticString(declaration.node.source);
    if (module === undefined || !modules.has(module)) return;
    for (const path of getChildPaths(declaration, 'specifiers')) {
      const node = path.node as AnyNode;
      const local = getIdentifierName(node.local);
      if (local === undefined) continue;
      if (node.type === 'ImportDefaultSpecifier') bindings.push({ module, imported: 'default', local, kind: 'import', path });
      else if (node.type === 'ImportNamespaceSpecifier') bindings.push({ module, imported: '*', local, kind: 'import', path });
      else if (node.type === 'ImportSpecifier') {
        const imported = getIdentifierName(node.imported) ?? getStaticString(node.imported as ASTNode);
        if (imported !== undefined) bindings.push({ module, imported, local, kind: 'import', path });
      }
    }
  });

  root.find(j.TSImportEqualsDeclaration).forEach((declaration) => {
    const node = declaration.node as AnyNode;
    const reference = node.moduleReference as AnyNode;
    if (reference.type !== 'TSExternalModuleReference' || node.importKind === 'type') return;
    const module = getStaticString(reference.expression as ASTNode);
    const local = getIdentifierName(node.id);
    if (module === undefined || local === undefined || !modules.has(module)) return;
    bindings.push({ module, imported: '*', local, kind: 'require', path: declaration });
  });

  root.find(j.VariableDeclarator).forEach((declarator) => {
    const init = declarator.node.init as AnyNode | null;
    const required = getRequiredModule(init);
    if (required !== undefined && modules.has(required.module)) {
      const id = declarator.node.id as AnyNode;
      if (id.type === 'Identifier') {
        bindings.push({ module: required.module, imported: required.member ?? '*', local: String(id.name), kind: 'require', path: declarator });
      } else if (id.type === 'ObjectPattern' && required.member === undefined) {
        for (const path of getChildPaths(declarator.get('id') as ASTPath, 'properties')) {
          const property = path.node as AnyNode;
          if ((property.type !== 'ObjectProperty' && property.type !== 'Property') || property.computed) continue;
          const imported = getIdentifierName(property.key) ?? getStaticString(property.key as ASTNode);
          const local = getIdentifierName(property.value);
          if (imported !== undefined && local !== undefined) {
            bindings.push({ module: required.module, imported, local, kind: 'require', path });
          }
        }
      }
    }
  });
  return bindings;
}

/**
 * Makes sure the file binds `request.imported` of `request.module` and returns the local name to use. An
 * existing binding of the same export is reused. A new binding takes `request.local`, with a numeric
 * suffix when that name is already used in the file. An `import` goes after the last top-level import.
 * A `require()` must run before its first use, so it goes after the last top-level `require()`
 * declaration above `request.before`, or, without `before`, after the last one of the file's leading
 * run of `require()` declarations. With no such declaration the new one goes at the top of the file
 * (below any directive prologue) and takes over the first statement's leading comments, so a file header
 * stays at the top.
 */
export function ensureImport(file: CodemodFile, request: ImportRequest): { local: string; changed: boolean } {
  const system = getModuleSystem(file);
  const requested = system === 'commonjs' && request.imported === 'default' ? '*' : request.imported;
  const existing = findModuleBindings(file, [request.module]).find(
    (binding) => binding.imported === requested || (binding.kind === 'require' && binding.imported === '*' && requested === 'default'),
  );
  if (existing) return { local: existing.local, changed: false };

  const local = getFreeName(file, request.local);
  const { j } = file;
  let statement: ASTNode;
  if (system === 'esm' && (requested === 'default' || requested === '*') && usesImportEquals(file)) {
    statement = j.tsImportEqualsDeclaration(j.identifier(local), j.tsExternalModuleReference(j.stringLiteral(request.module)));
  } else if (system === 'esm') {
    const specifier =
      requested === 'default'
        ? j.importDefaultSpecifier(j.identifier(local))
        : requested === '*'
          ? j.importNamespaceSpecifier(j.identifier(local))
          : j.importSpecifier(j.identifier(requested), j.identifier(local));
    if (addToExistingImport(file, request.module, specifier)) return { local, changed: true };
    statement = j.importDeclaration([specifier], j.stringLiteral(request.module));
  } else {
    const required = j.callExpression(j.identifier('require'), [j.stringLiteral(request.module)]);
    const id =
      requested === '*'
        ? j.identifier(local)
        : j.objectPattern([
            Object.assign(j.objectProperty(j.identifier(requested), j.identifier(local)), { shorthand: requested === local }),
          ]);
    statement = j.variableDeclaration('const', [j.variableDeclarator(id, required)]);
  }
  insertAtTop(file, statement, system, request.before);
  return { local, changed: true };
}

/**
 * Removes the bindings to `moduleNames` that nothing in the file refers to, and the declarations left
 * empty. Returns true when something was removed.
 */
export function removeUnusedBindings(file: CodemodFile, moduleNames: readonly string[]): boolean {
  let changed = false;
  for (const binding of findModuleBindings(file, moduleNames)) {
    if (isNameReferenced(file, binding.local, binding.path.node)) continue;
    const node = binding.path.node as AnyNode;
    const owner = binding.path.parent as ASTPath;
    const ownerNode = owner.node as AnyNode;
    if (node.type === 'TSImportEqualsDeclaration') {
      if (node.isExport === true || !isInStatementList(binding.path)) continue;
      removeStatement(binding.path);
      changed = true;
    } else if (node.type === 'VariableDeclarator') {
      changed = removeDeclarator(binding.path) || changed;
    } else if (ownerNode.type === 'ImportDeclaration' && (ownerNode.specifiers as unknown[]).length === 1) {
      if (!isInStatementList(owner)) continue;
      removeStatement(owner);
      changed = true;
    } else if (ownerNode.type === 'ObjectPattern' && (ownerNode.properties as unknown[]).length === 1) {
      changed = removeDeclarator(owner.parent as ASTPath) || changed;
    } else {
      binding.path.replace();
      changed = true;
    }
  }
  return changed;
}

/** Returns true when an identifier named `name` is used anywhere in the file other than in `binding`. */
export function isNameReferenced(file: CodemodFile, name: string, binding?: ASTNode): boolean {
  const { j, root } = file;
  const identifiers = root
    .find(j.Identifier, { name })
    .filter((path) => !(binding && isInside(path, binding)) && isBindingOrReference(path));
  return identifiers.size() > 0;
}

/**
 * Returns true when the identifier at `path` declares or reads a variable, and false when it only names
 * something: a member in `a.name`, a key in `{ name: 1 }`, a class or type member, a label, `meta` in
 * `import.meta`, the imported or exported name of a specifier.
 */
function isBindingOrReference(path: ASTPath): boolean {
  const parent = path.parent?.node as AnyNode | undefined;
  if (!parent) return true;
  const node = path.node;
  // ast-types counts JSXIdentifier as an Identifier, so JSX names arrive here too.
  if (node.type === 'JSXIdentifier') return isJsxReference(path);
  switch (parent.type) {
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return parent.property !== node || Boolean(parent.computed);
    case 'ObjectProperty':
    case 'Property':
      return parent.key !== node || Boolean(parent.computed) || Boolean(parent.shorthand);
    case 'ClassProperty':
    case 'ClassAccessorProperty':
    case 'ClassMethod':
    case 'ClassPrivateMethod':
    case 'MethodDefinition':
    case 'ObjectMethod':
    case 'TSPropertySignature':
    case 'TSMethodSignature':
    case 'TSEnumMember':
      return parent.key !== node && parent.id !== node ? true : Boolean(parent.computed);
    case 'TSQualifiedName':
      return parent.right !== node;
    case 'ImportSpecifier':
      return parent.imported !== node || parent.local === node;
    case 'ExportSpecifier':
      return parent.exported !== node || parent.local === node;
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'MetaProperty':
      return false;
    default:
      return true;
  }
}

/** Returns true when a JSX name refers to a variable: `<Name>`, `<ns.Name>`'s `ns`, not an attribute name. */
function isJsxReference(path: ASTPath): boolean {
  const parent = path.parent?.node as AnyNode | undefined;
  if (!parent) return true;
  if (parent.type === 'JSXAttribute' || parent.type === 'JSXNamespacedName') return false;
  if (parent.type === 'JSXMemberExpression') return parent.object === path.node;
  return true;
}

/** Returns the paths of the items of an array field (`specifiers`, `properties`) of the node at `path`. */
function getChildPaths(path: ASTPath, field: string): ASTPath[] {
  const items = (path.node as AnyNode)[field];
  if (!Array.isArray(items)) return [];
  return items.map((_, index) => path.get(field, index) as ASTPath);
}

function getIdentifierName(node: unknown): string | undefined {
  const candidate = node as { type?: string; name?: unknown } | null | undefined;
  return candidate?.type === 'Identifier' && typeof candidate.name === 'string' ? candidate.name : undefined;
}

/** Reads `require('m')`, `require('m').name` and `require('m')['name']`. */
function getRequiredModule(node: AnyNode | null): { module: string; member?: string } | undefined {
  if (!node) return undefined;
  if (node.type === 'CallExpression') {
    const callee = node.callee as AnyNode;
    const args = node.arguments as ASTNode[];
    if (callee.type !== 'Identifier' || callee.name !== 'require' || args.length !== 1) return undefined;
    const module = getStaticString(args[0]);
    return module === undefined ? undefined : { module };
  }
  if (node.type === 'MemberExpression') {
    const inner = getRequiredModule(node.object as AnyNode);
    if (!inner || inner.member !== undefined) return undefined;
    const member = node.computed ? getStaticString(node.property as ASTNode) : getIdentifierName(node.property);
    return member === undefined ? undefined : { module: inner.module, member };
  }
  return undefined;
}

function addToExistingImport(file: CodemodFile, module: string, specifier: ASTNode): boolean {
  const { j } = file;
  const declaration = file.root
    .find(j.ImportDeclaration)
    .filter((path) => getStaticString(path.node.source) === module && (path.node as AnyNode).importKind !== 'type')
    .filter((path) => !(path.node.specifiers ?? []).some((item) => item.type === 'ImportNamespaceSpecifier'))
    .paths()[0];
  if (!declaration) return false;
  const specifiers = (declaration.node.specifiers ??= []);
  if (specifier.type === 'ImportNamespaceSpecifier') return false;
  if (specifier.type === 'ImportDefaultSpecifier') {
    if (specifiers.some((item) => item.type === 'ImportDefaultSpecifier')) return false;
    specifiers.unshift(specifier as never);
  } else {
    specifiers.push(specifier as never);
  }
  return true;
}

function insertAtTop(file: CodemodFile, statement: ASTNode, system: ModuleSystem, before: ASTNode | undefined): void {
  const { j } = file;
  const program = file.root.find(j.Program).paths()[0];
  if (!program) throw new Error(`Cannot add an import to ${file.path}: the file has no program node.`);
  const body = program.node.body as ASTNode[];
  let lastIndex = -1;
  if (system === 'esm') {
    body.forEach((item, index) => {
      if ((item as AnyNode).type === 'ImportDeclaration' || isImportEquals(item as AnyNode)) lastIndex = index;
    });
  } else {
    const limit = before === undefined ? body.length : findContainingIndex(file, body, before);
    for (let index = 0; index < limit; index += 1) {
      if (isRequireDeclaration(body[index] as AnyNode)) lastIndex = index;
      else if (before === undefined) break;
    }
  }
  if (lastIndex >= 0) {
    body.splice(lastIndex + 1, 0, statement);
    return;
  }
  const first = body[0] as AnyNode | undefined;
  if (first) {
    const comments = getAttachedComments(first);
    const leading = comments.filter((comment) => comment.leading);
    if (leading.length > 0) {
      (first as { comments?: unknown[] }).comments = comments.filter((comment) => !comment.leading);
      getAttachedComments(statement).push(...leading);
    }
  }
  body.unshift(statement);
}

/** Returns true for TypeScript's `import x = require('m')`. */
function isImportEquals(node: AnyNode): boolean {
  return node.type === 'TSImportEqualsDeclaration' && (node.moduleReference as AnyNode).type === 'TSExternalModuleReference';
}

/** Returns true when the file loads a module with `import x = require('m')`. */
function usesImportEquals(file: CodemodFile): boolean {
  const body = (file.root.find(file.j.Program).paths()[0]?.node.body ?? []) as AnyNode[];
  return body.some((item) => isImportEquals(item));
}

/**
 * Returns `preferred`, or it with the smallest numeric suffix from 2 on, so that the name is neither
 * declared nor read anywhere in the file. Member names, object keys and other names that are not
 * variables (`session` in `req.session`) leave the name free.
 */
function isRequireDeclaration(node: AnyNode): boolean {
  return (
    node.type === 'VariableDeclaration' &&
    (node.declarations as AnyNode[]).every((declarator) => getRequiredModule(declarator.init as AnyNode | null))
  );
}

/** Returns the index of the statement of `body` that is or contains `node`, else `body.length`. */
function findContainingIndex(file: CodemodFile, body: readonly ASTNode[], node: ASTNode): number {
  const { j } = file;
  const index = body.findIndex((item) => item === node || j(item).find(j.Node).filter((path) => path.node === node).size() > 0);
  return index === -1 ? body.length : index;
}

function getFreeName(file: CodemodFile, preferred: string): string {
  if (!isNameReferenced(file, preferred)) return preferred;
  for (let suffix = 2; ; suffix += 1) {
    const candidate = `${preferred}${suffix}`;
    if (!isNameReferenced(file, candidate)) return candidate;
  }
}

/** Removes a declarator, and its declaration when it was the only one. Returns false when it cannot. */
function removeDeclarator(declarator: ASTPath): boolean {
  const declaration = declarator.parent as ASTPath | null;
  const node = declaration?.node as AnyNode | undefined;
  if (!declaration || node?.type !== 'VariableDeclaration') return false;
  if ((node.declarations as unknown[]).length > 1) {
    declarator.replace();
    return true;
  }
  const item = getListItem(declaration);
  if (!isInStatementList(item)) return false;
  removeStatement(item);
  return true;
}

/** Returns `path`, or its `export` declaration when the declaration is exported. */
function getListItem(path: ASTPath): ASTPath {
  const parent = path.parent as ASTPath | null;
  return parent && (parent.node as AnyNode).type === 'ExportNamedDeclaration' ? parent : path;
}

function isInside(path: ASTPath, ancestor: ASTNode): boolean {
  let current: ASTPath | null = path;
  while (current) {
    if (current.node === ancestor) return true;
    current = current.parentPath as ASTPath | null;
  }
  return false;
}

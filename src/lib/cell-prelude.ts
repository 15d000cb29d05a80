/**
 * The hidden prelude of a "Run this" cell: a listing from src/compute usually calls helpers its module keeps
 * private (logBase, geometry, …). The prelude rebuilds the listing's module and every module it imports, each in a
 * function scope of its own (a tiny bundler: imports become destructuring, `export` is dropped), then puts the
 * module's private names in the cell's scope. The cell's own copy of the listing then runs as the real one does.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const COMPUTE = path.resolve('src/compute');
const variable = (file: string) => `__module_${path.basename(file, '.ts').replace(/\W/g, '_')}`;

interface ModuleText {
  /** The module as one `const __module_x = (() => { …; return { names }; })();` statement. */
  code: string;
  /** The value names its top level sees: its functions, classes and consts, exported or not, and its imports. */
  names: string[];
  imports: string[];
}

function read(file: string): ModuleText {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const imports: string[] = [];
  const bindings: string[] = [];
  const names: string[] = [];
  let body = source.text;
  // Walk backwards so earlier positions stay valid while the text is edited.
  for (const statement of [...source.statements].reverse()) {
    const start = statement.getStart(source);
    if (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) {
      const specifier = (statement.moduleSpecifier as ts.StringLiteral | undefined)?.text;
      const clause = ts.isImportDeclaration(statement) ? statement.importClause : null;
      if (specifier?.startsWith('.') && ts.isImportDeclaration(statement) && clause?.phaseModifier !== ts.SyntaxKind.TypeKeyword) {
        const target = path.resolve(path.dirname(file), specifier);
        const values = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements.filter((e) => !e.isTypeOnly) : [];
        if (values.length) {
          imports.push(target);
          bindings.push(`const { ${values.map((e) => (e.propertyName ? `${e.propertyName.text}: ${e.name.text}` : e.name.text)).join(', ')} } = ${variable(target)};`);
          names.push(...values.map((e) => e.name.text));
        }
      }
      body = body.slice(0, start) + body.slice(statement.end);
      continue;
    }
    const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
    const exported = modifiers.find((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported) body = body.slice(0, exported.getStart(source)) + body.slice(exported.end + 1);
    if (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) {
      if (statement.name) names.push(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
    }
  }
  const code = `const ${variable(file)} = (() => {\n${bindings.join('\n')}\n${body}\nreturn { ${names.join(', ')} };\n})();`;
  return { code, names, imports };
}

/** Where a listing's prelude is published, under the site's base: `preludes/information.entropy.js`. */
export const preludePath = (file: string, name: string): string => `preludes/${path.basename(file, '.ts')}.${name}.js`;

/**
 * The prelude for a listing of `name` from `file` (a path under src/compute): its module and what that imports,
 * dependencies first, then `const { … } = module` for the module's names that are neither `name` nor among
 * `inScope` (the cell already has the package's exports as parameters; a second declaration would not compile).
 */
export function cellPrelude(file: string, name: string, inScope: readonly string[]): string {
  const order: ModuleText[] = [];
  const seen = new Set<string>();
  const visit = (target: string) => {
    const resolved = path.resolve(target);
    if (seen.has(resolved) || !resolved.startsWith(COMPUTE)) return;
    seen.add(resolved);
    const module = read(resolved);
    module.imports.forEach(visit);
    order.push(module);
  };
  visit(file);
  const own = order.at(-1)!;
  const visible = own.names.filter((n) => n !== name && !inScope.includes(n));
  // The last line, marked, is the only one that declares names at the cell's top level (compileCell reads it).
  return `${order.map((m) => m.code).join('\n')}\n${visible.length ? `// cell scope\nconst { ${visible.join(', ')} } = ${variable(path.resolve(file))};` : ''}`;
}

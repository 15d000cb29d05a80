/**
 * The compute package's reference, read at build time from its own source with the TypeScript compiler: every
 * export of src/compute/index.ts with its kind, signature and doc comment, grouped by the module that defines it.
 * Nothing of it is written by hand, so the /api/ page cannot drift from the code.
 */
import ts from 'typescript';
import path from 'node:path';

/** One exported name. */
export interface ApiEntry {
  name: string;
  kind: 'function' | 'constant' | 'class' | 'interface' | 'type';
  /** The declaration as written, without bodies: a signature, a type, or a constant's type. */
  signature: string;
  /** The doc comment (empty if there is none: a test refuses that). */
  doc: string;
  /** The defining module's file name without extension ("softmax"). */
  module: string;
}

/** Every export of the package, in the order index.ts lists them. */
export function readApi(indexFile = path.resolve('src/compute/index.ts')): ApiEntry[] {
  const program = ts.createProgram([indexFile], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, allowImportingTsExtensions: true, noEmit: true, strict: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(indexFile);
  if (!source) throw new Error(`api-docs: cannot read ${indexFile}`);
  const moduleSymbol = checker.getSymbolAtLocation(source)!;
  return checker.getExportsOfModule(moduleSymbol).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations?.[0];
    if (!declaration) throw new Error(`api-docs: no declaration for ${exported.name}`);
    return {
      name: exported.name,
      kind: kindOf(declaration),
      signature: signatureOf(declaration, checker),
      doc: ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim(),
      module: path.basename(declaration.getSourceFile().fileName, '.ts'),
    };
  });
}

function kindOf(node: ts.Declaration): ApiEntry['kind'] {
  if (ts.isFunctionDeclaration(node)) return 'function';
  if (ts.isClassDeclaration(node)) return 'class';
  if (ts.isInterfaceDeclaration(node)) return 'interface';
  if (ts.isTypeAliasDeclaration(node)) return 'type';
  if (ts.isVariableDeclaration(node) && node.initializer && (ts.isArrowFunction(node.initializer) || ts.isFunctionExpression(node.initializer))) return 'function';
  return 'constant';
}

/** The declaration's text with function bodies cut, comments dropped and whitespace collapsed where it was wrapped. */
function signatureOf(node: ts.Declaration, checker: ts.TypeChecker): string {
  const file = node.getSourceFile();
  const text = (from: number, to: number) => stripComments(file.text.slice(from, to)).trim();
  if (ts.isFunctionDeclaration(node)) {
    const end = node.body ? node.body.getStart(file) : node.getEnd();
    return text(node.getStart(file), end).replace(/^export\s+/, '');
  }
  if (ts.isVariableDeclaration(node)) {
    const initializer = node.initializer;
    if (initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer))) {
      return `const ${node.name.getText(file)} = ${text(initializer.getStart(file), ts.isArrowFunction(initializer) ? initializer.equalsGreaterThanToken.getEnd() : initializer.body.getStart(file))} …`;
    }
    if (!node.type && initializer && ts.isObjectLiteralExpression(initializer)) {
      // An inferred object type can run to pages: list the keys instead.
      const keys = initializer.properties.map((p) => (ts.isSpreadAssignment(p) ? `...${p.expression.getText(file)}` : p.name?.getText(file) ?? '')).join(', ');
      return `const ${node.name.getText(file)} = { ${keys} }`;
    }
    const annotated = node.type ? node.type.getText(file) : checker.typeToString(checker.getTypeAtLocation(node), undefined, ts.TypeFormatFlags.NoTruncation);
    return `const ${node.name.getText(file)}: ${annotated}`;
  }
  if (ts.isClassDeclaration(node)) {
    const members = node.members
      .filter((member) => !(ts.getCombinedModifierFlags(member) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) && !member.name?.getText(file).startsWith('#'))
      .filter((member) => !ts.isPropertyDeclaration(member) || member.name.getText(file) !== 'constructor')
      .map((member) => {
        const end = (ts.isMethodDeclaration(member) || ts.isGetAccessor(member) || ts.isConstructorDeclaration(member)) && member.body ? member.body.getStart(file) : member.getEnd();
        return `  ${text(member.getStart(file), end).replace(/\s*=\s*[^;]+;?$/, ';')}`;
      });
    return `class ${node.name?.getText(file)} {\n${members.join('\n')}\n}`;
  }
  return text(node.getStart(file), node.getEnd()).replace(/^export\s+/, '');
}

/** Removes /* … *\/ and // comments (they are shown as the doc text, or are notes for maintainers). */
function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/[^\n]*/g, '$1').replace(/\n\s*\n/g, '\n');
}

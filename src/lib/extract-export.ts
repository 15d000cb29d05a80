import ts from 'typescript';

/** One exported declaration cut out of a source file. */
export interface ExtractedExport {
  /** The declaration's exact text, including its leading doc comment. */
  text: string;
  /** 1-based line numbers of the first and last line of `text` in the file. */
  startLine: number;
  endLine: number;
}

function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  }
  if (
    ts.isFunctionDeclaration(statement) ||
    ts.isClassDeclaration(statement) ||
    ts.isInterfaceDeclaration(statement) ||
    ts.isTypeAliasDeclaration(statement) ||
    ts.isEnumDeclaration(statement)
  ) {
    return statement.name ? [statement.name.text] : [];
  }
  return [];
}

function isExported(statement: ts.Statement): boolean {
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some(
    (m) => m.kind === ts.SyntaxKind.ExportKeyword,
  );
}

/** Parsed files by source text: every <Source> on every page searches all compute files, so parse each once. */
const parsed = new Map<string, ts.SourceFile>();
function parse(source: string, fileName: string): ts.SourceFile {
  let file = parsed.get(source);
  if (!file) {
    file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    parsed.set(source, file);
  }
  return file;
}

/**
 * Finds the top-level exported declaration called `name` in TypeScript `source` and returns its text as written,
 * doc comment included. Uses the TypeScript parser, so braces in strings or comments cannot confuse it.
 * Returns undefined when the file has no such export.
 */
export function extractExport(source: string, name: string, fileName = 'module.ts'): ExtractedExport | undefined {
  const file = parse(source, fileName);
  const statement = file.statements.find((s) => isExported(s) && declaredNames(s).includes(name));
  if (!statement) return undefined;
  // Overloads are separate statements sharing a name: take the run from the first to the implementation.
  const siblings = file.statements.filter((s) => isExported(s) && declaredNames(s).includes(name));
  const first = siblings[0]!;
  const last = siblings[siblings.length - 1]!;
  const start = first.getStart(file, true);
  const end = last.getEnd();
  return {
    text: source.slice(start, end),
    startLine: file.getLineAndCharacterOfPosition(start).line + 1,
    endLine: file.getLineAndCharacterOfPosition(end).line + 1,
  };
}

// ESLint rule `plenary/no-prisma-in-client`: client code must not import the Prisma client.
//
// Client code = a file whose first statement is the "use client" directive, and every file under
// app/_components/ (they are, or may become, imported by client components; a lint rule cannot
// see who imports a file, so the whole folder is held to the client's standard).
//
// What it sees: every value import of such a file (import, export ... from, import("literal")),
// followed through our own sources (`@/...` and relative paths) to any depth, until one reaches
// the Prisma client: lib/db/client.ts, lib/db/generated/client.ts, or the packages `pg`,
// `@prisma/adapter-pg`, `@prisma/client`. So a client component calling a helper from a lib/
// service file that queries the database fails too, with the chain in the message.
// What it skips: `import type` and imports whose names are all `type` (erased at build time);
// lib/db/generated/enums.ts and browser.ts (browser-safe); packages other than those above
// (node_modules is not walked); imports built from non-literal strings; require().
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

const PRISMA_FILES = ["lib/db/client.ts", "lib/db/generated/client.ts"];
const PRISMA_PACKAGES = new Set(["pg", "@prisma/adapter-pg", "@prisma/client", "@prisma/client/runtime/client"]);
const EXTENSIONS = ["", ".ts", ".tsx", ".mts", ".mjs", ".js", "/index.ts", "/index.tsx"];

/** Value imports of a file on disk, parsed once per version (an editor's ESLint lives long). */
const importsOfFile = new Map();

function valueImportsOf(file) {
  const version = fs.statSync(file).mtimeMs;
  const cached = importsOfFile.get(file);
  if (cached?.version === version) return cached.found;
  const found = [];
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, "utf8"),
    ts.ScriptTarget.Latest,
    false,
    file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const visit = (node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause &&
        (clause.isTypeOnly ||
          (!clause.name &&
            clause.namedBindings &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : null;
      if (!node.isTypeOnly && !(named && named.length > 0 && named.every((e) => e.isTypeOnly))) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  importsOfFile.set(file, { version, found });
  return found;
}

/** Our own source file an import names, or null for a package (or nothing found). */
function resolveOwn(specifier, fromFile, root) {
  let base;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith("./") || specifier.startsWith("../")) base = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  for (const ext of EXTENSIONS) {
    const candidate = base + ext;
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The chain of imports from `specifier` to the Prisma client, or null when it never gets there. */
function chainToPrisma(specifier, fromFile, root, seen) {
  if (PRISMA_PACKAGES.has(specifier)) return [specifier];
  const file = resolveOwn(specifier, fromFile, root);
  if (!file || seen.has(file)) return null;
  seen.add(file);
  const relative = path.relative(root, file).split(path.sep).join("/");
  if (PRISMA_FILES.includes(relative)) return [relative];
  for (const next of valueImportsOf(file)) {
    const rest = chainToPrisma(next, file, root, seen);
    if (rest) return [relative, ...rest];
  }
  return null;
}

function isClientFile(program, relative) {
  if (relative.startsWith("app/_components/")) return true;
  const first = program.body[0];
  return first?.type === "ExpressionStatement" && first.directive === "use client";
}

export const noPrismaInClient = {
  meta: {
    type: "problem",
    docs: { description: "Client components must not import the Prisma client (lib/db), directly or through other modules." },
    messages: {
      prismaInClient:
        "Client code must not import the Prisma client: '{{specifier}}' reaches it via {{chain}}. Ask the server (a page, route or action) for the data instead.",
    },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const filename = context.filename;
    const relative = path.relative(root, filename).split(path.sep).join("/");
    const check = (node, specifier) => {
      const chain = chainToPrisma(specifier, filename, root, new Set());
      if (chain) context.report({ node, messageId: "prismaInClient", data: { specifier, chain: chain.join(" → ") } });
    };
    let client = false;
    return {
      Program(program) {
        client = isClientFile(program, relative);
      },
      ImportDeclaration(node) {
        if (!client || node.importKind === "type") return;
        if (node.specifiers.length > 0 && node.specifiers.every((s) => s.type === "ImportSpecifier" && s.importKind === "type")) return;
        check(node, node.source.value);
      },
      "ExportNamedDeclaration, ExportAllDeclaration"(node) {
        if (!client || !node.source || node.exportKind === "type") return;
        if (node.specifiers?.length > 0 && node.specifiers.every((s) => s.exportKind === "type")) return;
        check(node, node.source.value);
      },
      ImportExpression(node) {
        if (client && node.source.type === "Literal" && typeof node.source.value === "string") check(node, node.source.value);
      },
    };
  },
};

const plugin = { meta: { name: "plenary" }, rules: { "no-prisma-in-client": noPrismaInClient } };

export default plugin;

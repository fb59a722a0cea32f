import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import type { KubeObject } from "./kustomize";

const root = path.resolve(import.meta.dirname, "../../..");

/** kubernetes-models' module for an apiVersion: "apps/v1" → kubernetes-models/apps/v1, "v1" → kubernetes-models/v1. */
function modelModule(apiVersion: string): string {
  return `kubernetes-models/${apiVersion}`;
}

/**
 * Each object checked against the Kubernetes OpenAPI schema by kubernetes-models' generated
 * validators (types, required fields, enums, formats). Returns "<kind>/<name>: <problem>" lines.
 */
export async function validateAgainstSchemas(objects: KubeObject[]): Promise<string[]> {
  const problems: string[] = [];
  for (const o of objects) {
    const label = `${o.kind}/${o.metadata?.name}`;
    let Model: (new (data: unknown) => { validate(): void }) | undefined;
    try {
      Model = (await import(/* @vite-ignore */ modelModule(o.apiVersion)))[o.kind];
    } catch {}
    if (!Model) {
      problems.push(`${label}: unknown apiVersion/kind ${o.apiVersion} ${o.kind}`);
      continue;
    }
    try {
      new Model(o).validate();
    } catch (error) {
      problems.push(`${label}: ${(error as Error).message}`);
    }
  }
  return problems;
}

/**
 * What the schema validators let through (they allow unknown fields): a misspelt or misplaced field.
 * Each object becomes an object literal typed with kubernetes-models' interface for its kind, and
 * TypeScript's excess-property check reports any field the Kubernetes API does not have.
 */
export function findUnknownFields(objects: KubeObject[]): string[] {
  // Inside the repository, so `kubernetes-models` resolves from node_modules.
  fs.mkdirSync(path.join(root, ".data"), { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, ".data", "k8s-fields-"));
  try {
    const file = path.join(dir, "objects.ts");
    const lines = objects.map((o, i) => {
      const modulePath = `kubernetes-models/${o.apiVersion}/${o.kind}`;
      return `import type { I${o.kind} as T${i} } from "${modulePath}";\n// ${o.kind}/${o.metadata.name}\nexport const o${i}: T${i} = ${JSON.stringify(o, null, 1)};`;
    });
    fs.writeFileSync(file, lines.join("\n"));
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      target: ts.ScriptTarget.ES2022,
      types: [],
      baseUrl: root,
      typeRoots: [path.join(root, "node_modules/@types")],
    });
    const source = program.getSourceFile(file)!;
    return ts.getPreEmitDiagnostics(program, source).map((d) => {
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
      const owner =
        source.text
          .split("\n")
          .slice(0, line + 1)
          .reverse()
          .find((l) => l.startsWith("// "))
          ?.slice(3) ?? "?";
      return `${owner}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import {
  checkImports,
  findCycle,
  findRepositoryRoot,
  importSpecifiers,
  readWorkspaces,
  type Workspace,
} from "./package-graph.ts";

const repositoryRoot = findRepositoryRoot(dirname(fileURLToPath(import.meta.url)));

describe("this repository's package graph", () => {
  // It parses every source file of the repository: on a busy 2-core machine that takes longer than the default 5 s.
  it("breaks no import rule, in package.json files or in source files", { timeout: 60_000 }, () => {
    expect(checkImports(repositoryRoot)).toEqual([]);
  });

  it("has no cycle between workspaces", () => {
    expect(findCycle(readWorkspaces(repositoryRoot))).toBeUndefined();
  });

  it("knows every workspace's kind: the libraries under packages/, e2e, and the services", () => {
    const kinds = Object.fromEntries(readWorkspaces(repositoryRoot).map((w) => [w.name, w.kind]));
    expect(kinds).toMatchObject({
      "@catv/contracts": "library",
      "@catv/pf-server": "service",
      "@catv/provider-healthcare": "service",
      "@catv/e2e": "whole-system",
    });
  });
});

/** A throwaway repository: each workspace is `[dir, name, dependencies, files]`. */
let fixture: string | undefined;
function repository(workspaces: [string, string, string[], Record<string, string>][]): string {
  fixture = mkdtempSync(join(tmpdir(), "package-graph-"));
  const root = fixture;
  writeFileSync(join(root, "package.json"), JSON.stringify({ workspaces: workspaces.map(([dir]) => dir) }));
  for (const [dir, name, dependencies, files] of workspaces) {
    mkdirSync(join(root, dir), { recursive: true });
    const deps = Object.fromEntries(dependencies.map((d) => [d, "*"]));
    writeFileSync(join(root, dir, "package.json"), JSON.stringify({ name, dependencies: deps }));
    for (const [file, code] of Object.entries(files)) {
      mkdirSync(dirname(join(root, dir, file)), { recursive: true });
      writeFileSync(join(root, dir, file), code);
    }
  }
  return root;
}
afterEach(() => {
  if (fixture) rmSync(fixture, { recursive: true, force: true });
  fixture = undefined;
});

const rulesOf = (root: string) => checkImports(root).map((v) => `${v.file}: ${v.dependency} (${v.rule})`);

describe("the import rules", () => {
  it("refuse a service importing another service", () => {
    const root = repository([
      ["console", "@catv/console", ["@catv/pf"], { "src/a.ts": 'import { x } from "@catv/pf/contracts";\n' }],
      ["pf", "@catv/pf", [], {}],
    ]);
    expect(rulesOf(root)).toEqual([
      "console/package.json: @catv/pf (a service never depends on another service)",
      "console/src/a.ts: @catv/pf/contracts (a service never depends on another service)",
    ]);
  });

  it("let the whole-system package read the root's .ci scripts, and no other package", () => {
    const root = repository([
      ["e2e", "@catv/e2e", [], { "launcher/a.ts": 'import { x } from "../.ci/packages.mjs";\n' }],
      ["pf", "@catv/pf", [], { "src/a.ts": 'import { x } from "../../.ci/packages.mjs";\n' }],
    ]);
    expect(rulesOf(root)).toEqual([
      "pf/src/a.ts: ../../.ci/packages.mjs (a relative import stays inside its package (import the other by its name))",
    ]);
  });

  it("refuse a library importing a service, even as a type", () => {
    const root = repository([
      ["packages/kit", "@catv/kit", [], { "src/a.ts": 'import type { Db } from "@catv/pf";\n' }],
      ["pf", "@catv/pf", [], {}],
    ]);
    expect(rulesOf(root)).toEqual(["packages/kit/src/a.ts: @catv/pf (a library never depends on a service)"]);
  });

  it("refuse anything importing e2e, e2e excepted", () => {
    const root = repository([
      [
        "console",
        "@catv/console",
        ["@catv/e2e"],
        { "scripts/s.ts": 'await import("@catv/e2e/chromium");\n' },
      ],
      ["e2e", "@catv/e2e", ["@catv/console"], { "t.ts": 'import "@catv/console";\n' }],
    ]);
    expect(rulesOf(root)).toEqual([
      "console/package.json: @catv/e2e (nothing depends on e2e (it runs the whole system))",
      "console/scripts/s.ts: @catv/e2e/chromium (nothing depends on e2e (it runs the whole system))",
    ]);
  });

  it("refuse a relative import that leaves its package, into a nested one too", () => {
    const root = repository([
      ["e2e", "@catv/e2e", [], { "support/j.ts": 'import { R } from "../../pf/src/seed.ts";\n' }],
      ["pf", "@catv/pf", [], { "src/a.ts": 'export * from "../providers/one/src/x.ts";\n' }],
      ["pf/providers/one", "@catv/one", [], {}],
    ]);
    expect(rulesOf(root).map((r) => r.split(" (")[0])).toEqual([
      "e2e/support/j.ts: ../../pf/src/seed.ts",
      "pf/src/a.ts: ../providers/one/src/x.ts",
    ]);
  });

  it("refuse an import of a workspace the package.json does not declare", () => {
    const root = repository([
      ["svc", "@catv/svc", [], { "a.ts": 'import { z } from "@catv/lib";\n' }],
      ["packages/lib", "@catv/lib", [], {}],
    ]);
    expect(rulesOf(root)).toEqual([
      "svc/a.ts: @catv/lib (@catv/lib is imported but not declared in package.json)",
    ]);
  });

  it("allow services and e2e to import libraries, and a relative import inside the package", () => {
    const root = repository([
      [
        "svc",
        "@catv/svc",
        ["@catv/lib"],
        { "a.tsx": 'import { z } from "@catv/lib";\nimport "./b.ts";\nconst e = <p>{z}</p>;\n' },
      ],
      ["packages/lib", "@catv/lib", [], { "src/b.ts": 'export * from "./c.ts";\n' }],
    ]);
    expect(rulesOf(root)).toEqual([]);
  });
});

describe("reading import specifiers", () => {
  it("finds static, type-only, re-exported, dynamic and import-type specifiers", () => {
    const code = [
      'import type { A } from "a";',
      'import { b } from "./b.ts";',
      'export * from "c";',
      'export { d } from "d";',
      'const e = await import("e");',
      'type F = import("f").F;',
      "const g = await import(moduleName);",
    ].join("\n");
    expect(importSpecifiers("x.ts", code).sort()).toEqual(["./b.ts", "a", "c", "d", "e", "f"]);
  });
});

describe("finding cycles", () => {
  const ws = (name: string, deps: string[]): Workspace => ({
    name,
    dir: name,
    kind: "service",
    manifestDependencies: deps,
  });

  it("names the workspaces of a cycle", () => {
    expect(findCycle([ws("a", ["b"]), ws("b", ["c"]), ws("c", ["a"])])).toEqual(["a", "b", "c", "a"]);
  });

  it("finds none in a graph that only branches", () => {
    expect(findCycle([ws("a", ["b", "c"]), ws("b", ["c"]), ws("c", [])])).toBeUndefined();
  });
});

/**
 * @module The repository's package graph and its rules, as ARCHITECTURE.md draws them: libraries (`packages/*`) never
 * depend on a service; a service depends on libraries only; nothing depends on `e2e`, which runs the whole system and
 * so may import any service; the workspaces form no cycle. A dependency counts wherever it is written — in a
 * package.json, or as an import specifier in a source file (static, dynamic, `export … from`, `import("…")` types,
 * and relative paths that leave their package).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { parseSync } from "rolldown/utils";

export type PackageKind = "library" | "service" | "whole-system" | "tool";

export interface Workspace {
  name: string;
  /** Relative to the repository root, with forward slashes. */
  dir: string;
  kind: PackageKind;
  /** `@catv/*` packages named in dependencies, devDependencies or peerDependencies. */
  manifestDependencies: string[];
}

/**
 * The service-to-service edges the architecture allows: the TV app runs on the STB, and firmware-shims is the
 * STB's firmware — its browser exports (the WebUSB bridge client, the CCID driver and JPKI card client, the card-side
 * signing flows) are the platform API the app is written against, as an Android app uses the OS's. A hospital
 * reception terminal runs the same firmware (a second bridge instance), and the hospital's reception page is
 * written against the same API; the insurer's registration page runs in the person's browser at home against the
 * same reader firmware's browser API.
 */
export const ALLOWED_SERVICE_EDGES: readonly { from: string; to: string; why: string }[] = [
  {
    from: "@catv/stb-app",
    to: "@catv/firmware-shims",
    why: "the TV app runs on the STB and calls its firmware's browser API (card reader, JPKI card client)",
  },
  {
    from: "@catv/medical-insurer",
    to: "@catv/firmware-shims",
    why: "the person's own card reader at home, through the reader firmware's browser API",
  },
  {
    from: "@catv/medical-hospital",
    to: "@catv/firmware-shims",
    why: "the reception terminal's reader firmware API",
  },
];

export function kindOf(dir: string, name: string): PackageKind {
  if (name === "@catv/e2e") return "whole-system";
  // The repository's own checks live beside the libraries but are no library: nothing may depend on them.
  if (name === "@catv/architecture-checks") return "tool";
  if (dir.startsWith("packages/")) return "library";
  return "service";
}

export function readWorkspaces(root: string): Workspace[] {
  const { workspaces } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    workspaces: string[];
  };
  return workspaces.map((dir) => {
    const manifest = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8")) as {
      name: string;
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
    };
    const names = Object.keys({
      ...manifest.dependencies,
      ...manifest.devDependencies,
      ...manifest.peerDependencies,
    });
    return {
      name: manifest.name,
      dir,
      kind: kindOf(dir, manifest.name),
      manifestDependencies: names.filter((n) => n.startsWith("@catv/")),
    };
  });
}

/** Why `from` may not depend on `to`, or undefined when the rules allow it. */
export function forbiddenBecause(from: Workspace, to: Workspace): string | undefined {
  if (from.name === to.name) return undefined;
  if (to.kind === "whole-system") return "nothing depends on e2e (it runs the whole system)";
  if (to.kind === "tool") return "nothing depends on a repository tool";
  if (from.kind === "whole-system") return undefined;
  if (from.kind === "library" && to.kind !== "library") return "a library never depends on a service";
  if (from.kind === "tool" && to.kind !== "library") return "a repository tool depends on libraries only";
  if (from.kind === "service" && to.kind === "service") {
    const allowed = ALLOWED_SERVICE_EDGES.some((e) => e.from === from.name && e.to === to.name);
    return allowed ? undefined : "a service never depends on another service";
  }
  return undefined;
}

export interface Violation {
  /** The package.json or source file, relative to the root. */
  file: string;
  /** The package name or import specifier that breaks a rule. */
  dependency: string;
  rule: string;
}

const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs|jsx)$/;
const SKIPPED_DIRS = new Set(["node_modules", "dist", "test-results", ".data", ".git"]);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (SKIPPED_DIRS.has(entry)) continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (SOURCE.test(entry) && !entry.endsWith(".d.ts")) out.push(path);
  }
  return out;
}

/** Every module specifier a source file names: imports, re-exports, dynamic imports and `import("…")` types. */
export function importSpecifiers(file: string, code: string): string[] {
  const result = parseSync(file, code);
  const specifiers = [
    ...result.module.staticImports.map((i) => i.moduleRequest.value),
    ...result.module.staticExports.flatMap((e) =>
      e.entries.flatMap((x) => (x.moduleRequest ? [x.moduleRequest.value] : [])),
    ),
  ];
  for (const dynamic of result.module.dynamicImports) {
    const literal = /^\s*(["'`])([^"'`$]*)\1\s*$/.exec(
      code.slice(dynamic.moduleRequest.start, dynamic.moduleRequest.end),
    );
    if (literal) specifiers.push(literal[2]!);
  }
  const walk = (node: unknown): void => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const child of node) walk(child);
      return;
    }
    const record = node as Record<string, unknown>;
    if (record.type === "TSImportType") {
      const value = (record.source as { value?: unknown } | undefined)?.value;
      if (typeof value === "string") specifiers.push(value);
    }
    for (const [key, child] of Object.entries(record)) if (key !== "parent") walk(child);
  };
  walk(result.program);
  return specifiers;
}

/** The workspace a path lies in: the deepest workspace directory that contains it. */
function workspaceOfPath(workspaces: Workspace[], root: string, path: string): Workspace | undefined {
  const rel = relative(root, path).split(sep).join("/");
  return workspaces
    .filter((w) => rel === w.dir || rel.startsWith(`${w.dir}/`))
    .sort((a, b) => b.dir.length - a.dir.length)[0];
}

function workspaceOfSpecifier(workspaces: Workspace[], specifier: string): Workspace | undefined {
  return workspaces.find((w) => specifier === w.name || specifier.startsWith(`${w.name}/`));
}

/** Every broken rule in the workspaces' manifests and sources. */
export function checkImports(root: string, workspaces = readWorkspaces(root)): Violation[] {
  const violations: Violation[] = [];
  const byName = new Map(workspaces.map((w) => [w.name, w]));
  for (const from of workspaces) {
    for (const dependency of from.manifestDependencies) {
      const to = byName.get(dependency);
      const rule = to ? forbiddenBecause(from, to) : "no such workspace";
      if (rule) violations.push({ file: `${from.dir}/package.json`, dependency, rule });
    }
    for (const file of sourceFiles(join(root, from.dir))) {
      // A nested workspace's files are its own (pf-server/providers/* inside pf-server).
      if (workspaceOfPath(workspaces, root, file) !== from) continue;
      const rel = relative(root, file).split(sep).join("/");
      for (const specifier of importSpecifiers(file, readFileSync(file, "utf8"))) {
        let to: Workspace | undefined;
        let rule: string | undefined;
        if (specifier.startsWith(".") || specifier.startsWith("/")) {
          const target = resolve(dirname(file), specifier);
          to = workspaceOfPath(workspaces, root, target);
          // The whole-system package runs the repository's own commands (`npm start` checks the Debian packages
          // that `npm test` checks too): the root's `.ci/` scripts are the one place outside it that it may read.
          const rootScript = relative(root, target).split(sep)[0] === ".ci" && from.kind === "whole-system";
          if (to !== from && !rootScript)
            rule = "a relative import stays inside its package (import the other by its name)";
        } else {
          to = workspaceOfSpecifier(workspaces, specifier);
          if (to) {
            rule = forbiddenBecause(from, to);
            if (!rule && to !== from && !from.manifestDependencies.includes(to.name)) {
              rule = `${to.name} is imported but not declared in package.json`;
            }
          }
        }
        if (rule) violations.push({ file: rel, dependency: specifier, rule });
      }
    }
  }
  return violations;
}

/** A cycle of workspaces through their package.json dependencies, or undefined when there is none. */
export function findCycle(workspaces: Workspace[]): string[] | undefined {
  const byName = new Map(workspaces.map((w) => [w.name, w]));
  const state = new Map<string, "visiting" | "done">();
  const path: string[] = [];
  const visit = (name: string): string[] | undefined => {
    if (state.get(name) === "done") return undefined;
    if (state.get(name) === "visiting") return [...path.slice(path.indexOf(name)), name];
    state.set(name, "visiting");
    path.push(name);
    for (const next of byName.get(name)?.manifestDependencies ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(name, "done");
    return undefined;
  };
  for (const w of workspaces) {
    const cycle = visit(w.name);
    if (cycle) return cycle;
  }
  return undefined;
}

/** The repository root: the nearest directory above `from` whose package.json lists workspaces. */
export function findRepositoryRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && "workspaces" in JSON.parse(readFileSync(manifest, "utf8"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no workspace root above ${from}`);
  }
}

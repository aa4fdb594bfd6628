import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { findRepositoryRoot, readWorkspaces } from "./package-graph.ts";

const root = findRepositoryRoot(dirname(fileURLToPath(import.meta.url)));
const architecture = readFileSync(join(root, "ARCHITECTURE.md"), "utf8");
/** The repository's top-level folders and files: a backticked token starting with one of them is a path. */
const topLevel = [
  "packages",
  "pf-server",
  "firmware-shims",
  "stb-app",
  "operator-console",
  "e2e",
  "tools",
  "docs",
];

/** Every repository path ARCHITECTURE.md names in backticks or as a link. */
function namedPaths(markdown: string): string[] {
  const ticked = [...markdown.matchAll(/`([^`\s]+)`/g)].map((m) => m[1]!);
  const linked = [...markdown.matchAll(/\]\(([^)#\s]+)\)/g)].map((m) => m[1]!);
  return [...new Set([...ticked, ...linked])].filter(
    (p) => topLevel.some((top) => p === top || p.startsWith(`${top}/`)) || /^[A-Z_]+\.md$/.test(p),
  );
}

describe("ARCHITECTURE.md", () => {
  it("names only paths that exist", () => {
    const missing = namedPaths(architecture).filter((p) => !existsSync(join(root, p)));
    expect(missing).toEqual([]);
  });

  it("names enough paths for the check to mean something", () => {
    expect(namedPaths(architecture).length).toBeGreaterThan(80);
  });

  it("has a flow table for each flow of the product", () => {
    const flows = [...architecture.matchAll(/^### (.+)$/gm)].map((m) => m[1]!);
    for (const flow of [
      "Registration",
      "PIN login",
      "PIN-less login",
      "Enrolment",
      "Provider call",
      "Usage → monthly close → settlement",
      "Revocation",
      "Metering",
      "Move and renewal",
    ]) {
      expect(flows.some((f) => f.startsWith(flow))).toBe(true);
    }
  });

  it("lists every library of packages/", () => {
    const libraries = readWorkspaces(root).filter((w) => w.kind === "library");
    for (const library of libraries) expect(architecture).toContain(`\`${library.dir}\``);
  });
});

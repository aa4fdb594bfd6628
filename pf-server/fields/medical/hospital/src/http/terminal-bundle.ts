/**
 * @module The browser code of the reception terminal page and the desk screen, bundled once at start with esbuild
 * (in memory, ~1 s): the terminal's code imports firmware-shims' browser driver and this package's shared message
 * table, which the browser cannot load as TypeScript modules. Served with a content hash in the URL, so a page
 * always loads the bundle it was rendered with.
 */
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export interface Bundle {
  path: string;
  code: string;
}

export interface TerminalBundles {
  reception: Bundle;
  desk: Bundle;
}

const entry = (name: string) => fileURLToPath(new URL(`../terminal/${name}`, import.meta.url));

async function bundle(name: string, file: string): Promise<Bundle> {
  const result = await build({
    entryPoints: [entry(file)],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "chrome120",
    minify: true,
    legalComments: "none",
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.text;
  const hash = createHash("sha256").update(code).digest("hex").slice(0, 12);
  return { path: `/assets/${name}.${hash}.js`, code };
}

let cached: Promise<TerminalBundles> | undefined;

export function terminalBundles(): Promise<TerminalBundles> {
  cached ??= Promise.all([bundle("reception", "main.ts"), bundle("desk", "desk-live.ts")]).then(
    ([reception, desk]) => ({ reception, desk }),
  );
  return cached;
}

/**
 * @module Bundles the registration page's script (registration-page.ts with the firmware-shims browser driver it
 * imports) for the browser with esbuild, once on first use, in memory: the page then always runs the code of this
 * checkout, and no build step or output folder is needed. esbuild because it bundles TypeScript and the
 * workspace packages' `exports` directly, in well under a second.
 */
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const entry = fileURLToPath(new URL("./registration-page.ts", import.meta.url));

/** @example const script = await buildRegistrationScript(); // serve as /static/registration.js */
export async function buildRegistrationScript(): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["chrome120"],
    minify: true,
    write: false,
    legalComments: "none",
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error("esbuild produced no output for the registration page");
  return output.text;
}

/**
 * @module The interactive API reference page (Scalar) served entirely by the service itself. Scalar's Hono
 * middleware loads the reference UI from a public CDN by default, so the page is blank on a machine without
 * internet ("Scalar is not defined"); here the browser bundle comes from the installed `@scalar/api-reference`
 * package, and the web fonts Scalar would fetch from its own host are switched off (the page uses the system's
 * fonts, Noto CJK for Japanese), as are the features that call Scalar's hosted services (telemetry, the
 * developer toolbar, the AI agent). Nothing on the page loads from another host.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Scalar } from "@scalar/hono-api-reference";
import type { Hono } from "hono";

export interface ApiReferenceOptions {
  /** Where the page is served, e.g. `/docs`; its script is served at `<path>/scalar.js`. */
  path: string;
  /** The OpenAPI document's URL, e.g. `/openapi.json`. */
  specUrl: string;
  pageTitle: string;
}

/** The package's self-contained browser build (`dist/browser/standalone.js`, the file the CDN serves). */
export function scalarBundlePath(): string {
  // The package exports no path to its browser build; its main entry sits in dist/, beside browser/.
  const main = createRequire(import.meta.url).resolve("@scalar/api-reference");
  return join(dirname(main), "browser", "standalone.js");
}

let bundle: Buffer | undefined;
const loadBundle = () => {
  bundle ??= readFileSync(scalarBundlePath());
  return bundle;
};

/**
 * Adds the reference page and its script to an app.
 * @example mountApiReference(app, { path: "/docs", specUrl: "/openapi.json", pageTitle: "共通的PF API" });
 */
// biome-ignore lint/suspicious/noExplicitAny: any Hono app, whatever its environment type.
export function mountApiReference(app: Hono<any>, options: ApiReferenceOptions): void {
  const scriptPath = `${options.path}/scalar.js`;
  app.get(
    options.path,
    Scalar({
      url: options.specUrl,
      pageTitle: options.pageTitle,
      cdn: scriptPath,
      withDefaultFonts: false,
      telemetry: false,
      // The developer toolbar, the "Ask AI" agent and the SDK offer talk to Scalar's hosted services.
      showDeveloperTools: "never",
      agent: { disabled: true },
    }),
  );
  app.get(scriptPath, (c) => {
    c.header("content-type", "text/javascript; charset=utf-8");
    c.header("cache-control", "public, max-age=3600");
    return c.body(new Uint8Array(loadBundle()));
  });
}

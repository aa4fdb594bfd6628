/**
 * @module Serves the TV app's production build (`dist/`) to the STB browser on 127.0.0.1, injecting the
 * firmware's boot data and the PF URL into index.html on every request (the bridge may restart and rotate
 * its token), as the STB firmware would.
 */

import { createReadStream, existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { extname, join, normalize, resolve } from "node:path";
import {
  answerNodeMetrics,
  isMetricsRequest,
  type ServiceMetrics,
  timeNodeRequest,
} from "@catv/service-kit/metrics";
import { injectStbGlobals, readBridgeBoot } from "./inject-stb-globals.ts";

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
};

export interface TvServerOptions {
  distDir: string;
  /** `$CATV_DATA_DIR/bridge-boot.json`. */
  bridgeBootPath: string;
  pfUrl: string;
  /** The process's metrics and the bearer token of `GET /metrics` (without a token it answers 404). */
  metrics?: { metrics: ServiceMetrics; token: string | undefined };
}

/** The TV server's routes as metric labels: its health check, the built assets, and the app's page. */
const tvRoutePattern = (_method: string, path: string) =>
  path === "/health" ? "/health" : path.startsWith("/assets/") ? "/assets/*" : "/*";

export function createTvServer(options: TvServerOptions): Server {
  const distDir = resolve(options.distDir);
  return createServer((request, response) => {
    if (options.metrics) {
      const { metrics, token } = options.metrics;
      if (isMetricsRequest(request)) return void answerNodeMetrics(metrics, token, request, response);
      timeNodeRequest(metrics, request, response, tvRoutePattern);
    }
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname === "/health") {
      response.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok","service":"tv"}');
      return;
    }
    let relative: string;
    try {
      relative = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, "");
    } catch {
      response.writeHead(400, { "content-type": "application/json" });
      response.end(
        '{"error":{"code":"validation_failed","message":"Malformed URL encoding.","requestId":"-"}}',
      );
      return;
    }
    let file = join(distDir, relative);
    if (!file.startsWith(distDir) || !existsSync(file) || statSync(file).isDirectory()) {
      file = join(distDir, "index.html");
    }
    if (file.endsWith("index.html")) {
      void serveIndex(file, options).then(
        (html) => {
          response
            .writeHead(200, { "content-type": contentTypes[".html"]!, "cache-control": "no-store" })
            .end(html);
        },
        () => response.writeHead(500).end(),
      );
      return;
    }
    response.writeHead(200, {
      "content-type": contentTypes[extname(file)] ?? "application/octet-stream",
      // Vite fingerprints assets; fonts and translations under static/ are small and change with releases.
      "cache-control": file.includes(`${join(distDir, "assets")}`)
        ? "public, max-age=31536000, immutable"
        : "no-cache",
    });
    createReadStream(file).pipe(response);
  });
}

async function serveIndex(file: string, options: TvServerOptions): Promise<string> {
  const [html, boot] = await Promise.all([readFile(file, "utf8"), readBridgeBoot(options.bridgeBootPath)]);
  return injectStbGlobals(html, boot, { pfUrl: options.pfUrl });
}

/**
 * @module The bridge's HTTP side on 127.0.0.1: `/health`, the demo card-control page and its small JSON API
 * (state, Server-Sent Events, insert / remove / unplug / replug / faults). Errors are
 * `{error:{code,message,requestId}}`. State-changing requests must be JSON and, from a browser, same-origin.
 */
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "@catv/service-kit";
import { z } from "zod";
import type { DemoPageTexts } from "./config.ts";
import { demoPageHtml } from "./demo-page.ts";
import { demoState } from "./demo-state.ts";
import { type ReaderPool, ReaderPoolError } from "./reader-pool.ts";

export interface HttpRoutesOptions {
  pool: ReaderPool;
  terminalId: string;
  ownOrigins: () => string[];
  logger: Logger;
  /** The name `/health` answers with (`bridge` by default). */
  service?: string;
  /** The demo page's words (the STB's by default). */
  demo?: DemoPageTexts;
  /** The phone app stand-in under `/phone` (phone/phone-routes.ts). */
  phone?: (request: IncomingMessage, response: ServerResponse, path: string) => Promise<boolean>;
}

const deviceBody = z.object({ deviceId: z.string().min(1).max(64).optional() });
const insertBody = deviceBody.extend({ cardId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) });
const faultsBody = deviceBody.extend({
  latencyMs: z.number().int().min(0).max(30000).optional(),
  pullCardOnNextCommand: z.boolean().optional(),
  garbleNextReplies: z.number().int().min(0).max(100).optional(),
  dropNextReplies: z.number().int().min(0).max(100).optional(),
});

class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export function createHttpHandler(options: HttpRoutesOptions) {
  const { pool, terminalId, logger } = options;
  const sseClients = new Set<ServerResponse>();
  pool.subscribe({
    changed: () => {
      if (sseClients.size === 0) return;
      void demoState(pool, terminalId).then((state) => {
        for (const client of sseClients) client.write(`event: state\ndata: ${JSON.stringify(state)}\n\n`);
      });
    },
  });
  const firstReader = (deviceId: string | undefined) => deviceId ?? pool.all()[0]?.deviceId ?? "";

  const actions: Record<string, (body: unknown) => Promise<void> | void> = {
    "/demo/cards/insert": async (body) => {
      const { deviceId, cardId } = parse(insertBody, body);
      await pool.insertCard(firstReader(deviceId), cardId);
    },
    "/demo/cards/remove": (body) => pool.removeCard(firstReader(parse(deviceBody, body).deviceId)),
    "/demo/reader/unplug": (body) => pool.unplug(firstReader(parse(deviceBody, body).deviceId)),
    "/demo/reader/replug": (body) => pool.replug(firstReader(parse(deviceBody, body).deviceId)),
    "/demo/reader/faults": (body) => {
      const { deviceId, ...faults } = parse(faultsBody, body);
      pool.setFaults(firstReader(deviceId), faults);
    },
  };

  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const requestId = randomUUID();
    const path = new URL(request.url ?? "/", "http://bridge").pathname;
    try {
      if (request.method === "GET" && path === "/health") {
        return json(response, 200, {
          status: "ok",
          service: options.service ?? "bridge",
          terminalId,
          readers: pool.connected().length,
        });
      }
      if (options.phone && (await options.phone(request, response, path))) return;
      if (request.method === "GET" && path === "/favicon.ico") {
        response.writeHead(204).end();
        return;
      }
      if (request.method === "GET" && path === "/demo") {
        response.writeHead(200, {
          "content-type": "text/html; charset=utf-8",
          "cache-control": "no-store",
          "content-security-policy":
            "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'",
        });
        response.end(demoPageHtml(options.demo));
        return;
      }
      if (request.method === "GET" && path === "/demo/state")
        return json(response, 200, await demoState(pool, terminalId));
      if (request.method === "GET" && path === "/demo/events") {
        response.writeHead(200, {
          "content-type": "text/event-stream",
          "cache-control": "no-store",
          connection: "keep-alive",
        });
        response.write(`event: state\ndata: ${JSON.stringify(await demoState(pool, terminalId))}\n\n`);
        sseClients.add(response);
        request.on("close", () => sseClients.delete(response));
        return;
      }
      const action = actions[path];
      if (action) {
        if (request.method !== "POST") throw new HttpError(405, "method_not_allowed", "use POST");
        const origin = request.headers.origin;
        if (origin && !options.ownOrigins().includes(origin))
          throw new HttpError(403, "forbidden_origin", "cross-origin request refused");
        if (!String(request.headers["content-type"] ?? "").startsWith("application/json")) {
          throw new HttpError(415, "unsupported_media_type", "send application/json");
        }
        await action(await readJson(request));
        return json(response, 200, await demoState(pool, terminalId));
      }
      throw new HttpError(404, "not_found", `no route for ${request.method} ${path}`);
    } catch (error) {
      const coded =
        error instanceof HttpError
          ? error
          : error instanceof ReaderPoolError
            ? new HttpError(
                error.code === "card_not_found" || error.code === "reader_not_found" ? 404 : 409,
                error.code,
                error.message,
              )
            : new HttpError(500, "internal_error", "internal error");
      if (coded.status >= 500) logger.error("request failed", { requestId, path, error: String(error) });
      else logger.warn("request refused", { requestId, path, code: coded.code });
      return json(response, coded.status, { error: { code: coded.code, message: coded.message, requestId } });
    }
  };
}

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) {
    const fields = result.error.issues.map((i) => i.path.join(".") || "(body)").join(", ");
    throw new HttpError(400, "validation_failed", `invalid fields: ${fields}`);
  }
  return result.data;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) throw new HttpError(413, "payload_too_large", "body over 16 KiB");
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new HttpError(400, "validation_failed", "body is not JSON");
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
  });
  response.end(JSON.stringify(body));
}

/**
 * @module The phone stand-in's HTTP side on the bridge: `GET /phone` (the page) and `/phone/api/*` — the demo cards
 * one can hold to the phone, and the phone's NFC: touch, pull, the "pulled during a command" fault, and the two card
 * operations. Same-origin JSON only, like the demo page's API; errors are `{error:{code,message,triesLeft?}}` with
 * the reader catalogue's code and its plain Japanese.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { isReaderError, PinIncorrectError } from "../ccid/errors.ts";
import type { PhoneCardService } from "./phone-card-service.ts";
import { phonePageHtml } from "./phone-page.ts";

const phoneId = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);
const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]*={0,2}$/)
  .max(4096);
const bodies = {
  "nfc/touch": z.object({ phoneId, cardId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/) }),
  "nfc/pull": z.object({ phoneId }),
  "nfc/faults": z.object({ phoneId, pullOnNextCommand: z.boolean() }),
  "card/sign-login": z.object({ phoneId, toBeSigned: base64, pin: z.string().max(16) }),
  "card/sign-registration": z.object({ phoneId, toBeSigned: base64, signPassword: z.string().max(16) }),
};

export interface PhoneRoutesOptions {
  service: PhoneCardService;
  pfUrl: string;
  ownOrigins: () => string[];
}

type Reply = (status: number, body: unknown) => void;

/** Answers true when it handled the request (a path under `/phone`). */
export function createPhoneRoutes(options: PhoneRoutesOptions) {
  const { service } = options;
  const actions: { [K in keyof typeof bodies]: (body: z.infer<(typeof bodies)[K]>) => Promise<unknown> } = {
    "nfc/touch": async (b) => {
      await service.touch(b.phoneId, b.cardId);
      return service.state(b.phoneId);
    },
    "nfc/pull": async (b) => {
      service.pull(b.phoneId);
      return service.state(b.phoneId);
    },
    "nfc/faults": async (b) => {
      if (b.pullOnNextCommand) service.pullOnNextCommand(b.phoneId);
      return service.state(b.phoneId);
    },
    "card/sign-login": (b) => service.signLogin(b.phoneId, Buffer.from(b.toBeSigned, "base64"), b.pin),
    "card/sign-registration": (b) =>
      service.signRegistration(b.phoneId, Buffer.from(b.toBeSigned, "base64"), b.signPassword),
  };

  return async (request: IncomingMessage, response: ServerResponse, path: string): Promise<boolean> => {
    if (path !== "/phone" && !path.startsWith("/phone/")) return false;
    const reply: Reply = (status, body) => {
      response.writeHead(status, {
        "content-type": "application/json; charset=utf-8",
        "cache-control": "no-store",
      });
      response.end(JSON.stringify(body));
    };
    if (request.method === "GET" && (path === "/phone" || path === "/phone/")) {
      const pfOrigin = new URL(options.pfUrl).origin;
      response.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        "content-security-policy": `default-src 'self'; connect-src 'self' ${pfOrigin}; script-src 'unsafe-inline'; style-src 'unsafe-inline'`,
      });
      response.end(phonePageHtml(options.pfUrl));
      return true;
    }
    if (request.method === "GET" && path === "/phone/api/cards") {
      const cards = await service.cards();
      reply(
        200,
        cards.map((c) => ({ cardId: c.cardId, displayLabel: c.displayLabel })),
      );
      return true;
    }
    const name = path.slice("/phone/api/".length) as keyof typeof bodies;
    if (!path.startsWith("/phone/api/") || !(name in bodies)) {
      reply(404, { error: { code: "not_found", message: "no such phone route" } });
      return true;
    }
    if (request.method !== "POST") {
      reply(405, { error: { code: "method_not_allowed", message: "use POST" } });
      return true;
    }
    // Same-origin only: the page's own origin is the Host it was loaded from (directly, or through a proxy that
    // keeps the Host header, as the e2e recording proxies do).
    const origin = request.headers.origin;
    // Loopback hosts only, so a rebound DNS name cannot pass as "same origin".
    const host = request.headers.host ?? "";
    const sameHost =
      /^(127\.0\.0\.1|localhost):[0-9]+$/.test(host) && origin !== undefined && origin === `http://${host}`;
    if (origin && !sameHost && !options.ownOrigins().includes(origin)) {
      reply(403, { error: { code: "forbidden_origin", message: "cross-origin request refused" } });
      return true;
    }
    const parsed = bodies[name].safeParse(await readJson(request));
    if (!parsed.success) {
      reply(400, { error: { code: "validation_failed", message: "invalid fields" } });
      return true;
    }
    try {
      reply(200, await (actions[name] as (b: unknown) => Promise<unknown>)(parsed.data));
    } catch (error) {
      if (!isReaderError(error)) throw error;
      reply(409, {
        error: {
          code: error.code,
          message: error.plainJa,
          ...(error instanceof PinIncorrectError ? { triesLeft: error.remainingTries } : {}),
        },
      });
    }
    return true;
  };
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return undefined;
  }
}

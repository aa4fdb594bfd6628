/**
 * @module Request body limits that keep @hono/node-server's fast body path. Hono's `bodyLimit` reads
 * `c.req.raw.body` first, which turns node-server's lightweight request into a full `Request` with a web
 * stream over the socket: the largest single cost of a PIN login after the database (profile of `npm run bench`).
 * When the request declares `Content-Length` and no `Transfer-Encoding`, Node's HTTP parser delivers exactly
 * that many bytes (RFC 9112 §6.3), so the header alone decides, as Hono's own middleware does in that case;
 * any other request (chunked, no length) goes through Hono's streaming count unchanged.
 */
import { bodyLimit as honoBodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import { fail } from "../../platform/errors.ts";
import type { PfEnv } from "../env.ts";

export function bodyLimit(maxSize: number) {
  const tooLarge = () => {
    throw fail("payload_too_large");
  };
  const streaming = honoBodyLimit({ maxSize, onError: tooLarge });
  return createMiddleware<PfEnv>(async (c, next) => {
    const length = c.req.header("content-length");
    if (length !== undefined && c.req.header("transfer-encoding") === undefined) {
      if (Number.parseInt(length, 10) > maxSize) tooLarge();
      await next();
      return;
    }
    return streaming(c, next);
  });
}

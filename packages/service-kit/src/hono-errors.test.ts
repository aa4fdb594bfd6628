import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import { CodedError } from "./coded-error.ts";
import { codedErrorHandler, notFoundHandler } from "./hono-errors.ts";
import { createMemoryLogger } from "./json-logger.ts";

function appThrowing(error: Error, options: Partial<Parameters<typeof codedErrorHandler>[0]> = {}) {
  const logger = createMemoryLogger("test");
  const app = new Hono();
  app.onError(codedErrorHandler({ logger, ...options }));
  app.notFound(notFoundHandler);
  app.get("/things/:id", () => {
    throw error;
  });
  return { app, logger };
}

describe("coded error handler", () => {
  it("answers a coded error with its status and the shared body", async () => {
    const { app } = appThrowing(new CodedError("slot_taken", 409, "予約済みです。", { slot: "am" }));
    const res = await app.request("/things/1");
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: { code: "slot_taken", message: "予約済みです。", requestId: "unknown", details: { slot: "am" } },
    });
  });

  it("answers an unexpected error as internal_error and logs its route pattern, never its message", async () => {
    const { app, logger } = appThrowing(new Error("personal data 1980-02-17"));
    const res = await app.request("/things/pw-secret");
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("internal_error");
    expect(logger.lines.join("\n")).toContain('"route":"/things/:id"');
    expect(logger.lines.join("\n")).not.toContain("1980-02-17");
    expect(logger.lines.join("\n")).not.toContain("pw-secret");
  });

  it("answers a framework's 413 as payload_too_large", async () => {
    const { app } = appThrowing(new HTTPException(413));
    const res = await app.request("/things/1");
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  });

  it("lets a package translate its own error kinds into coded ones", async () => {
    const { app } = appThrowing(new SyntaxError("Unexpected token"), {
      translate: (e) =>
        e instanceof SyntaxError ? new CodedError("validation_failed", 400, "not JSON") : undefined,
    });
    const res = await app.request("/things/1");
    expect(res.status).toBe(400);
  });

  it("answers an unknown path with a coded 404", async () => {
    const { app } = appThrowing(new Error("unused"));
    const res = await app.request("/nowhere");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });
});

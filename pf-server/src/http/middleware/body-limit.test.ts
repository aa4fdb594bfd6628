import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { isPfError } from "../../platform/errors.ts";
import type { PfEnv } from "../env.ts";
import { bodyLimit } from "./body-limit.ts";

const app = new Hono<PfEnv>();
app.use("*", bodyLimit(16));
app.post("/echo", async (c) => c.json(await c.req.json()));
app.onError((e, c) => c.json({ code: isPfError(e) ? e.code : "other" }, 413));

const post = (body: string | ReadableStream, headers: Record<string, string> = {}) =>
  app.request("/echo", { method: "POST", body, headers, duplex: "half" } as RequestInit);

const chunked = (text: string) =>
  new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  });

describe("body limit", () => {
  it("passes a body within the limit declared by Content-Length", async () => {
    const res = await post('{"a":1}', { "content-length": "7" });
    expect(await res.json()).toEqual({ a: 1 });
  });
  it("refuses a declared Content-Length above the limit with payload_too_large", async () => {
    const res = await post(`{"a":"${"x".repeat(20)}"}`, { "content-length": "28" });
    expect(await res.json()).toEqual({ code: "payload_too_large" });
  });
  it("counts a body without Content-Length and refuses it past the limit", async () => {
    const res = await post(chunked(`{"a":"${"x".repeat(20)}"}`));
    expect(await res.json()).toEqual({ code: "payload_too_large" });
  });
  it("counts a chunked body even when a Content-Length is also sent", async () => {
    const res = await post(chunked(`{"a":"${"x".repeat(20)}"}`), {
      "content-length": "7",
      "transfer-encoding": "chunked",
    });
    expect(await res.json()).toEqual({ code: "payload_too_large" });
  });
});

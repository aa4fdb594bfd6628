import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { mountApiReference } from "./api-reference.ts";

const app = new Hono();
mountApiReference(app, { path: "/docs", specUrl: "/openapi.json", pageTitle: "テスト API" });

describe("the API reference page", () => {
  it("loads its script and document from its own server only", async () => {
    const page = await (await app.request("/docs")).text();
    const sources = [...page.matchAll(/\b(?:src|href)="([^"]*)"/g)].map((m) => m[1]);
    expect(sources).toEqual(["/docs/scalar.js"]);
    expect(page).toContain('"url": "/openapi.json"');
    expect(page).toContain('"withDefaultFonts": false');
  });

  it("serves the reference UI's browser bundle from the installed package", async () => {
    const res = await app.request("/docs/scalar.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("javascript");
    const script = await res.text();
    expect(script.length).toBeGreaterThan(1_000_000);
    expect(script).toContain("createApiReference");
  });
});

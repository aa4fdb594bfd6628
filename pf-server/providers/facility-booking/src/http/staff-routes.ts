/**
 * @module The staff page (placeholder until the report is built).
 */
import { Hono } from "hono";
import type { FacilityDeps } from "../domain/deps.ts";

export function staffRoutes(_deps: FacilityDeps) {
  const app = new Hono();
  app.get("/", (c) => c.html("<p>staff</p>"));
  return app;
}

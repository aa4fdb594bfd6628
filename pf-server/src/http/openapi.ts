/**
 * @module Helpers for describing routes with @hono/zod-openapi: JSON bodies with an example generated from their
 * schema (examples.ts), the coded error responses each route can give (listed in the docs, each status with an
 * example naming one of its codes), and response validation against the contract schema before sending.
 */

import { type ErrorCode, errorBodySchema, errorCatalogue } from "@catv/contracts";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { z } from "zod";
import type { PfEnv } from "./env.ts";
import { exampleOf, exampleVariant } from "./examples.ts";

export const jsonBody = <S extends z.ZodType>(schema: S, description?: string) => ({
  body: {
    content: { "application/json": { schema, example: exampleOf(schema) } },
    required: true,
    description,
  },
});

export const jsonResponse = <S extends z.ZodType>(schema: S, description: string) => ({
  content: { "application/json": { schema, example: exampleOf(schema) } },
  description,
});

/** An error body naming `code`, with the catalogue's summary as its message. */
export const errorExample = (code: ErrorCode) =>
  exampleVariant(errorBodySchema, code, (body) => ({
    error: { code, message: errorCatalogue[code].summary, requestId: body.error.requestId },
  }));

/** Groups the route's error codes by HTTP status, one documented response per status. */
export function errorResponses(...codes: ErrorCode[]) {
  const all: ErrorCode[] = [...new Set<ErrorCode>([...codes, "validation_failed", "internal_error"])];
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of all) {
    const status = errorCatalogue[code].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      status,
      {
        content: { "application/json": { schema: errorBodySchema, example: errorExample(list[0]!) } },
        description: list.map((code) => `\`${code}\`: ${errorCatalogue[code].summary}`).join("<br>"),
      },
    ]),
  );
}

/** Validates an outgoing body with its contract schema, so the PF never answers outside its own API. */
export function send<S extends z.ZodType, Status extends 200 | 201 | 202 = 200>(
  c: Context<PfEnv>,
  schema: S,
  body: z.input<S>,
  status?: Status,
) {
  return c.json(schema.parse(body) as z.output<S>, (status ?? 200) as Status);
}

/** Names the security event under which failures of this route are audited. */
export const auditAs = (event: string) =>
  createMiddleware<PfEnv>(async (c, next) => {
    c.set("auditEvent", event);
    await next();
  });

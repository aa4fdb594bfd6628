/**
 * @module Request validation with zod that answers the coded `validation_failed` (400), naming the fields at
 * fault but never echoing their values (they may be personal data).
 */
import type { z } from "zod";
import { CodedError, commonErrors } from "./coded-error.ts";

const invalid = (message: string, details?: Record<string, unknown>) =>
  new CodedError("validation_failed", commonErrors.validation_failed.status, message, details);

/**
 * @example const body = parseInput(bookingRequestSchema, await readJsonBody(c));
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    path: issue.path.join(".") || "(body)",
    problem: issue.message,
  }));
  throw invalid(`Invalid request: ${fields.map((f) => `${f.path} (${f.problem})`).join(", ")}.`, { fields });
}

/** Reads a JSON body, answering a coded 400 instead of a parser's exception. */
export async function readJsonBody(c: { req: { json: () => Promise<unknown> } }): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw invalid("The request body is not valid JSON.");
  }
}

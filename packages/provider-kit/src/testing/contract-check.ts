/**
 * @module Checks a provider's answer against its API contract in a test: whether it succeeded, and what of its body
 * the contract's schema refuses (path and message of each issue), so a failing test says which field drifted.
 */
import type { z } from "zod";

export interface ContractCheck {
  ok: boolean;
  issues: string[];
}

/**
 * @example expect(await checkContract(await call(sub, "GET", "/towns"), townsResponseSchema)).toEqual({ ok: true, issues: [] });
 */
export async function checkContract(response: Response, schema: z.ZodType): Promise<ContractCheck> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: response.ok, issues: [`the body is not JSON: ${text.slice(0, 80)}`] };
  }
  const parsed = schema.safeParse(body);
  const issues = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  return { ok: response.ok, issues };
}

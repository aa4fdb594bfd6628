/**
 * @module Configuration checks at start: a service describes its environment variables with zod (the helpers
 * below read the strings the environment holds), and a bad configuration stops the process before it opens
 * anything, with one line per problem naming the variable — not a stack trace from wherever the bad value
 * would first have been used.
 */
import { z } from "zod";

export type Env = Record<string, string | undefined>;

/** sysexits.h EX_CONFIG: the process cannot run with this configuration (restarting will not help). */
export const CONFIG_EXIT_CODE = 78;

/** Unset and empty read the same: a variable exported as `FOO=` means "not configured". */
const optionalString = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value === "" ? undefined : value));

/** A value in a message: quoted, and cut short (a variable may hold a long JSON document). */
const shown = (value: string) => JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}…` : value);

/** A TCP port (0 = any free port, for tests). */
export function envPort(fallback: number) {
  return optionalString.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const port = Number(value);
    if (/^\d+$/.test(value) && port <= 65535) return port;
    ctx.addIssue({ code: "custom", message: `must be a port number from 0 to 65535, got ${shown(value)}` });
    return z.NEVER;
  });
}

/** A whole number within bounds (durations, intervals, limits). */
export function envInteger(fallback: number, bounds: { min?: number; max?: number } = {}) {
  const min = bounds.min ?? 0;
  const max = bounds.max ?? Number.MAX_SAFE_INTEGER;
  const range = bounds.max === undefined ? `of at least ${min}` : `from ${min} to ${max}`;
  return optionalString.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const number = Number(value);
    if (/^-?\d+$/.test(value) && number >= min && number <= max) return number;
    ctx.addIssue({ code: "custom", message: `must be a whole number ${range}, got ${shown(value)}` });
    return z.NEVER;
  });
}

/** An http(s) URL, without a trailing slash (the services join paths to it). */
export function envUrl<F extends string | undefined>(fallback: F) {
  return optionalString.transform((value, ctx): string | F => {
    if (value === undefined) return fallback;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (url && (url.protocol === "http:" || url.protocol === "https:")) return value.replace(/\/+$/, "");
    ctx.addIssue({ code: "custom", message: `must be an http:// or https:// URL, got ${shown(value)}` });
    return z.NEVER;
  });
}

/** One of a few words. */
export function envChoice<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  return optionalString.transform((value, ctx): T[number] => {
    if (value === undefined) return fallback;
    if ((values as readonly string[]).includes(value)) return value as T[number];
    ctx.addIssue({ code: "custom", message: `must be one of ${values.join(", ")}, got ${shown(value)}` });
    return z.NEVER;
  });
}

/** Free text (a path, an ID, a secret — secrets are never shown in messages). */
export function envText<F extends string | undefined>(fallback: F) {
  return optionalString.transform((value): string | F => value ?? fallback);
}

/** A JSON document checked against `schema`; every problem inside it is reported on the variable's line. */
export function envJson<S extends z.ZodType>(schema: S) {
  return optionalString.transform((value, ctx): z.output<S> | undefined => {
    if (value === undefined) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "is not valid JSON" });
      return z.NEVER;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    const inner = parsed.error.issues.map((i) => `${i.path.join(".") || "(document)"} ${i.message}`);
    ctx.addIssue({ code: "custom", message: `does not fit: ${inner.join("; ")}` });
    return z.NEVER;
  });
}

/** One line per problem: `VARIABLE: what is wrong`. */
export function configProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`);
}

/** An error as one line for a configuration message (a zod error's first problem, not its JSON dump). */
export function oneLine(error: unknown): string {
  if (error instanceof z.ZodError) {
    const first = error.issues[0];
    const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : "";
    return first ? `${first.path.join(".") || "document"}: ${first.message}${more}` : "invalid";
  }
  if (error instanceof Error) return error.message.split("\n")[0] ?? error.name;
  return String(error);
}

export interface ConfigIo {
  error: (line: string) => void;
  exit: (code: number) => never;
}

const processIo: ConfigIo = {
  error: (line) => console.error(line),
  exit: (code) => process.exit(code),
};

/** Prints each problem on its own line and exits with EX_CONFIG. */
export function failConfiguration(service: string, problems: string[], io: ConfigIo = processIo): never {
  for (const problem of problems) io.error(`✖ ${service} configuration: ${problem}`);
  return io.exit(CONFIG_EXIT_CODE);
}

/**
 * Parses the environment with `schema` (a `z.object` of the helpers above, usually with a `.transform` into
 * the service's config), or prints every problem and exits.
 * @example const config = readEnvConfig("pf", z.object({ PF_PORT: envPort(7000) }));
 */
export function readEnvConfig<S extends z.ZodType>(
  service: string,
  schema: S,
  env: Env = process.env,
  io: ConfigIo = processIo,
): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  return failConfiguration(service, configProblems(parsed.error), io);
}

/**
 * For a service that checks more than its environment (a credentials file): the environment's problems are
 * collected with the file's, and `failConfiguration` prints them all at once.
 * @example const env = checkEnv(schema); const problems = [...env.problems]; … if (problems.length) failConfiguration(…)
 */
export function checkEnv<S extends z.ZodType>(
  schema: S,
  env: Env = process.env,
): { data: z.output<S>; problems: [] } | { data: undefined; problems: string[] } {
  const parsed = schema.safeParse(env);
  return parsed.success
    ? { data: parsed.data, problems: [] }
    : { data: undefined, problems: configProblems(parsed.error) };
}

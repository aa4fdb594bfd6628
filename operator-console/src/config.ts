/**
 * @module Reads the process environment and the part of the demo credentials file the console needs
 * (docs/demo-credentials.md), with its own schema so that it does not depend on the launcher's code. A bad
 * environment stops the process at start with one line per problem.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chooseDatabase, type DatabaseChoice, UnsupportedDatabaseUrlError } from "@catv/postgres";
import { envInteger, envPort, envText, envUrl, readEnvConfig } from "@catv/service-kit/env-config";
import { DEFAULT_DRAIN_MS } from "@catv/service-kit/graceful-shutdown";
import { z } from "zod";

export const demoCredentialsSchema = z.object({
  operators: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      town: z.string(),
      prefecture: z.string(),
      apiKey: z.string(),
      webhookSecret: z.string().startsWith("whsec_"),
      staff: z.array(
        z.object({
          loginId: z.string(),
          password: z.string(),
          role: z.enum(["staff", "admin"]),
          displayName: z.string(),
        }),
      ),
      terminals: z.array(z.object({ terminalId: z.string() })),
    }),
  ),
  providers: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type DemoCredentials = z.infer<typeof demoCredentialsSchema>;

export interface ConsoleConfig {
  port: number;
  dataDir: string;
  pfUrl: string;
  demoCredentialsPath: string | undefined;
  /** How long SIGTERM waits for in-flight requests and a delivery pass to the PF. */
  drainMs: number;
  /** `console.sqlite` in the data directory unless `DATABASE_URL` names a PostgreSQL database (or another file). */
  database: DatabaseChoice;
}

const isSupportedDatabaseUrl = (value: string | undefined) => {
  try {
    chooseDatabase(value, "console.sqlite");
    return true;
  } catch (error) {
    if (error instanceof UnsupportedDatabaseUrlError) return false;
    throw error;
  }
};

export const consoleEnvSchema = z.object({
  CONSOLE_PORT: envPort(7050),
  CATV_DATA_DIR: envText(".data"),
  PF_URL: envUrl("http://127.0.0.1:7000"),
  CATV_DEMO_CREDENTIALS: envText(undefined),
  CATV_SHUTDOWN_DRAIN_MS: envInteger(DEFAULT_DRAIN_MS, { min: 0, max: 300_000 }),
  DATABASE_URL: envText(undefined).refine(isSupportedDatabaseUrl, {
    message: "is not postgres://user:password@host:port/database, file:<path> or a path",
  }),
});

/** The console's configuration, or one line per problem on stderr and exit 78. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ConsoleConfig {
  const checked = readEnvConfig("console", consoleEnvSchema, env);
  return {
    port: checked.CONSOLE_PORT,
    dataDir: checked.CATV_DATA_DIR,
    pfUrl: checked.PF_URL,
    demoCredentialsPath:
      checked.CATV_DEMO_CREDENTIALS ?? join(checked.CATV_DATA_DIR, "demo-credentials.json"),
    drainMs: checked.CATV_SHUTDOWN_DRAIN_MS,
    database: chooseDatabase(checked.DATABASE_URL, join(checked.CATV_DATA_DIR, "console.sqlite")),
  };
}

export function readDemoCredentials(path: string): DemoCredentials {
  return demoCredentialsSchema.parse(JSON.parse(readFileSync(path, "utf8")));
}

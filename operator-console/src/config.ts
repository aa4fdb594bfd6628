/**
 * @module Reads the process environment and the part of the demo credentials file the console needs
 * (docs/demo-credentials.md), with its own schema so that it does not depend on the launcher's code.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
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
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ConsoleConfig {
  const dataDir = env.CATV_DATA_DIR ?? ".data";
  return {
    port: Number(env.CONSOLE_PORT ?? 7050),
    dataDir,
    pfUrl: env.PF_URL ?? "http://127.0.0.1:7000",
    demoCredentialsPath: env.CATV_DEMO_CREDENTIALS ?? join(dataDir, "demo-credentials.json"),
  };
}

export function readDemoCredentials(path: string): DemoCredentials {
  return demoCredentialsSchema.parse(JSON.parse(readFileSync(path, "utf8")));
}

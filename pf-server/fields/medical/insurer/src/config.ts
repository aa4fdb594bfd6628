/**
 * @module The insurers' system's settings: its environment (e2e/README.md: every service gets `CATV_DATA_DIR`,
 * `CATV_DEMO_CREDENTIALS`, the ports and `<NAME>_URL`s) and the part of the demo credentials file it reads — the
 * insurers, their PF API keys and webhook secrets, their staff (docs/demo-credentials.md) — with its own schema,
 * so it does not depend on the launcher's code. Checked at start: one line per problem, exit 78.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { chooseDatabase, type DatabaseChoice } from "@catv/postgres";
import {
  checkEnv,
  envInteger,
  envPort,
  envText,
  envUrl,
  failConfiguration,
  oneLine,
} from "@catv/service-kit/env-config";
import { DEFAULT_DRAIN_MS } from "@catv/service-kit/graceful-shutdown";
import { z } from "zod";

const staffSchema = z.object({
  loginId: z.string().min(1),
  password: z.string().min(8),
  role: z.enum(["staff", "admin"]),
  displayName: z.string().min(1),
});

export const insurerConfigSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]{3,64}$/),
  name: z.string().min(1),
  kind: z.enum(["national-health-insurance", "health-insurance-society"]),
  insurerNumber: z.string().regex(/^([0-9]{6}|[0-9]{8})$/),
  town: z.string(),
  prefecture: z.string(),
  apiKey: z.string().min(16),
  webhookSecret: z.string().startsWith("whsec_"),
  staff: z.array(staffSchema),
});
export type InsurerConfig = z.infer<typeof insurerConfigSchema>;

/** The only part of the demo credentials file this system reads. */
export const demoCredentialsSchema = z.object({
  medical: z.object({ insurers: z.array(insurerConfigSchema).min(1) }),
});

export const insurerEnvSchema = z.object({
  INSURER_PORT: envPort(7070),
  CATV_DATA_DIR: envText(".data"),
  CATV_DEMO_CREDENTIALS: envText(undefined),
  PF_URL: envUrl("http://127.0.0.1:7000"),
  /** How often owed link states are retried (a new one goes out at once). */
  INSURER_OUTBOX_POLL_MS: envInteger(5_000, { min: 100, max: 600_000 }),
  /**
   * Where the card reader software of the demo PC publishes its WebSocket address and token (the STB firmware
   * bridge's boot file; a home PC's reader software would do the same).
   */
  INSURER_READER_BOOT_FILE: envText(undefined),
  CATV_SHUTDOWN_DRAIN_MS: envInteger(DEFAULT_DRAIN_MS, { min: 0, max: 300_000 }),
  /** PostgreSQL (`postgres://…`), or SQLite (`$CATV_DATA_DIR/medical-insurer.sqlite` when unset). */
  DATABASE_URL: envText(undefined),
});

export interface InsurerSystemConfig {
  port: number;
  database: DatabaseChoice;
  pfUrl: string;
  outboxPollMs: number;
  readerBootFile: string;
  drainMs: number;
  insurers: InsurerConfig[];
}

/** The configuration, or one line per problem on stderr and exit 78. */
export function loadInsurerConfig(env: NodeJS.ProcessEnv = process.env): InsurerSystemConfig {
  const checked = checkEnv(insurerEnvSchema, env);
  const problems = [...checked.problems];
  let insurers: InsurerConfig[] | undefined;
  // Read apart from the checked schema: a bad port must not make the credentials' path look wrong too.
  const dataDir = env.CATV_DATA_DIR || ".data";
  const credentialsPath = env.CATV_DEMO_CREDENTIALS || join(dataDir, "demo-credentials.json");
  try {
    insurers = demoCredentialsSchema.parse(JSON.parse(readFileSync(credentialsPath, "utf8"))).medical
      .insurers;
  } catch (error) {
    problems.push(
      `CATV_DEMO_CREDENTIALS: ${credentialsPath} is not a readable demo credentials file (${oneLine(error)})`,
    );
  }
  let database: DatabaseChoice | undefined;
  if (checked.data) {
    try {
      database = chooseDatabase(checked.data.DATABASE_URL, join(dataDir, "medical-insurer.sqlite"));
    } catch (error) {
      problems.push(`DATABASE_URL: ${oneLine(error)}`);
    }
  }
  if (!checked.data || !insurers || !database) return failConfiguration("medical-insurer", problems);
  return {
    port: checked.data.INSURER_PORT,
    database,
    pfUrl: checked.data.PF_URL,
    outboxPollMs: checked.data.INSURER_OUTBOX_POLL_MS,
    readerBootFile: checked.data.INSURER_READER_BOOT_FILE ?? join(dataDir, "bridge-boot.json"),
    drainMs: checked.data.CATV_SHUTDOWN_DRAIN_MS,
    insurers,
  };
}

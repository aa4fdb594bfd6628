/**
 * @module Assembles the simulator: opens (and migrates) its database (`jlis.sqlite`, or PostgreSQL when
 * `database` says so), loads or creates the CAs, registers the
 * verifier from the demo credentials, seeds the demo residents when the database is new, publishes a first full
 * CRL per CA and keeps re-issuing full CRLs on the long schedule and delta CRLs on the short one (and after every
 * revocation). Used by `main.ts`, the CLI and the tests.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { DatabaseChoice } from "@catv/postgres";
import type { Logger } from "@catv/service-kit";
import { ensureCertificateAuthorities } from "./ca/certificate-authorities.ts";
import type { JlisCredentials } from "./config.ts";
import { registerVerifier } from "./domain/authenticate-verifier.ts";
import { createCardImageStore } from "./domain/card-image-store.ts";
import type { JlisContext } from "./domain/jlis-context.ts";
import { publishCrl } from "./domain/publish-crl.ts";
import { createJlisApp } from "./http/app.ts";
import { seedDemoResidents } from "./seed/seed-demo-residents.ts";
import { openJlisStorage } from "./storage/jlis-database.ts";

export interface JlisServiceOptions {
  dataDir: string;
  /** Where the records live: `jlis.sqlite` in `dataDir` unless given (`DATABASE_URL`'s choice). */
  database?: DatabaseChoice;
  publicUrl: string;
  credentials: JlisCredentials;
  log: Logger;
  /** Seed the demo residents if the database is new (default true). */
  seed?: boolean;
  /** Full CRL re-issue period (default 600 s); a full CRL is valid for two periods. */
  crlIntervalSeconds?: number;
  /** Delta CRL re-issue period (default 60 s, at most the full period); valid for two periods. */
  deltaCrlIntervalSeconds?: number;
  /** Synthetic revoked serials each full CRL lists besides the real ones (default 0). */
  syntheticRevocations?: { count: number; seed: string };
  now?: () => Date;
  /** The bearer token of `GET /metrics`; without it the endpoint answers 404. */
  metricsToken?: string | undefined;
}

export interface JlisService {
  ctx: JlisContext;
  app: ReturnType<typeof createJlisApp>;
  /** Starts the periodic full and delta CRL re-issue (the server does; the CLI does not). */
  startCrlSchedule(): void;
  close(): Promise<void>;
}

export async function createJlisService(options: JlisServiceOptions): Promise<JlisService> {
  mkdirSync(options.dataDir, { recursive: true });
  const database = await openJlisStorage(
    options.database ?? { kind: "sqlite", file: join(options.dataDir, "jlis.sqlite") },
    options.log,
  );
  const { repository: repo } = database;
  const now = options.now ?? (() => new Date());
  const interval = options.crlIntervalSeconds ?? 600;
  const deltaInterval = Math.min(options.deltaCrlIntervalSeconds ?? 60, interval);
  // A CRL stays valid for two intervals, so one missed re-issue does not make verifiers fail closed.
  const validity = Math.max(2 * interval, 60);
  const cas = await ensureCertificateAuthorities(repo, now());
  await registerVerifier(
    repo,
    options.credentials.jlisVerifier.id,
    options.credentials.jlisVerifier.secret,
    now(),
  );

  const ctx: JlisContext = {
    repo,
    cas,
    cards: createCardImageStore(join(options.dataDir, "cards")),
    publicUrl: options.publicUrl,
    now,
    log: options.log,
    crls: {
      fullValiditySeconds: validity,
      deltaValiditySeconds: Math.max(2 * deltaInterval, 60),
      synthetic: options.syntheticRevocations ?? { count: 0, seed: "" },
    },
    afterRevocation: async (types) => {
      for (const type of types) await publishCrl(ctx, type, "delta");
    },
  };
  if (database.created && options.seed !== false && (await repo.countResidents()) === 0)
    await seedDemoResidents(ctx);
  const publishAll = (scope: "full" | "delta") =>
    Promise.all([publishCrl(ctx, "sign", scope), publishCrl(ctx, "auth", scope)]);
  // A new full CRL unless the newest one is current and lists the same synthetic population (a CLI run on the
  // same data directory then leaves the server's CRL as it is).
  for (const type of ["sign", "auth"] as const) {
    const latest = await repo.latestCrl(type, "full");
    const synthetic = ctx.crls.synthetic;
    const reusable =
      latest &&
      new Date(latest.nextUpdate) > now() &&
      latest.synthetic.count === synthetic.count &&
      (synthetic.count === 0 || latest.synthetic.seed === synthetic.seed);
    if (!reusable) await publishCrl(ctx, type, "full");
  }

  const timers: NodeJS.Timeout[] = [];
  return {
    ctx,
    app: createJlisApp({
      ctx,
      credentials: options.credentials,
      revocationValiditySeconds: validity,
      metricsToken: options.metricsToken,
    }),
    startCrlSchedule() {
      for (const [scope, seconds] of [
        ["full", interval],
        ["delta", deltaInterval],
      ] as const) {
        const timer = setInterval(() => {
          publishAll(scope).catch((error: Error) =>
            options.log.error("crl re-issue failed", { scope, error: error.name }),
          );
        }, seconds * 1000);
        timer.unref();
        timers.push(timer);
      }
    },
    async close() {
      for (const timer of timers) clearInterval(timer);
      await database.close();
    },
  };
}

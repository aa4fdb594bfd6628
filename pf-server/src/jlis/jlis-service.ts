/**
 * @module Assembles the simulator: opens (and migrates) `jlis.sqlite`, loads or creates the CAs, registers the
 * verifier from the demo credentials, seeds the demo residents when the database is new, publishes the first
 * CRLs and keeps re-issuing them on a schedule. Used by `main.ts`, the CLI and the tests.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "@catv/service-kit";
import { ensureCertificateAuthorities } from "./ca/certificate-authorities.ts";
import type { JlisCredentials } from "./config.ts";
import { registerVerifier } from "./domain/authenticate-verifier.ts";
import { createCardImageStore } from "./domain/card-image-store.ts";
import type { JlisContext } from "./domain/jlis-context.ts";
import { publishCrl } from "./domain/publish-crl.ts";
import { createJlisApp } from "./http/app.ts";
import { seedDemoResidents } from "./seed/seed-demo-residents.ts";
import { openJlisDatabase } from "./storage/sqlite-jlis-repository.ts";

export interface JlisServiceOptions {
  dataDir: string;
  publicUrl: string;
  credentials: JlisCredentials;
  log: Logger;
  /** Seed the demo residents if the database is new (default true). */
  seed?: boolean;
  crlIntervalSeconds?: number;
  now?: () => Date;
  /** The bearer token of `GET /metrics`; without it the endpoint answers 404. */
  metricsToken?: string | undefined;
}

export interface JlisService {
  ctx: JlisContext;
  app: ReturnType<typeof createJlisApp>;
  /** Starts the periodic CRL re-issue (the server does; the CLI does not). */
  startCrlSchedule(): void;
  close(): void;
}

export async function createJlisService(options: JlisServiceOptions): Promise<JlisService> {
  mkdirSync(options.dataDir, { recursive: true });
  const database = openJlisDatabase(join(options.dataDir, "jlis.sqlite"));
  const { repository: repo } = database;
  const now = options.now ?? (() => new Date());
  const interval = options.crlIntervalSeconds ?? 600;
  // A CRL stays valid for two intervals, so one missed re-issue does not make verifiers fail closed.
  const validity = Math.max(2 * interval, 60);
  const cas = await ensureCertificateAuthorities(repo, now());
  registerVerifier(repo, options.credentials.jlisVerifier.id, options.credentials.jlisVerifier.secret, now());

  const ctx: JlisContext = {
    repo,
    cas,
    cards: createCardImageStore(join(options.dataDir, "cards")),
    publicUrl: options.publicUrl,
    now,
    log: options.log,
    afterRevocation: async (types) => {
      for (const type of types) await publishCrl(ctx, type, validity);
    },
  };
  if (database.created && options.seed !== false && repo.countResidents() === 0) await seedDemoResidents(ctx);
  await ctx.afterRevocation(["sign", "auth"]);

  let timer: NodeJS.Timeout | undefined;
  return {
    ctx,
    app: createJlisApp({
      ctx,
      credentials: options.credentials,
      revocationValiditySeconds: validity,
      metricsToken: options.metricsToken,
    }),
    startCrlSchedule() {
      timer = setInterval(() => {
        ctx
          .afterRevocation(["sign", "auth"])
          .catch((error: Error) => options.log.error("crl re-issue failed", { error: error.name }));
      }, interval * 1000);
      timer.unref();
    },
    close() {
      if (timer) clearInterval(timer);
      database.close();
    },
  };
}

/**
 * @module Demo seed, run on first start only (empty operator table): the three demo operators with their
 * terminals and the two sample providers, from the launcher's credentials file (docs/demo-credentials.md).
 * Parsed with the PF's own schema of the part it needs.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { PfContext } from "./context.ts";
import { registerTerminal, upsertOperator, upsertProvider } from "./manage-tenants.ts";

export const demoCredentialsSchema = z.object({
  pfAdminToken: z.string().min(16),
  jlisVerifier: z.object({ id: z.string(), secret: z.string() }),
  operators: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      town: z.string(),
      prefecture: z.string(),
      apiKey: z.string(),
      webhookSecret: z.string(),
      terminals: z.array(z.object({ terminalId: z.string(), publicJwk: z.record(z.string(), z.unknown()) })),
    }),
  ),
  providers: z.array(
    z.object({ id: z.string(), name: z.string(), apiKey: z.string(), webhookSecret: z.string() }),
  ),
});
export type DemoCredentials = z.infer<typeof demoCredentialsSchema>;

export function readDemoCredentials(path: string): DemoCredentials {
  return demoCredentialsSchema.parse(JSON.parse(readFileSync(path, "utf8")));
}

const BRANDING: Record<
  string,
  { portalTitle: string; primaryColor: string; accentColor: string; policy: "ocsp" | "crl" }
> = {
  "op-nanto": {
    portalTitle: "なんとテレビ くらしの窓口",
    primaryColor: "#1B5E20",
    accentColor: "#FFC107",
    policy: "ocsp",
  },
  "op-suzaka": {
    portalTitle: "すざか まちの窓口",
    primaryColor: "#0D47A1",
    accentColor: "#FF7043",
    policy: "crl",
  },
  "op-inabe": {
    portalTitle: "いなべ ケーブル窓口",
    primaryColor: "#4A148C",
    accentColor: "#26C6DA",
    policy: "ocsp",
  },
};

export interface DemoUrls {
  consoleUrl: string;
  facilityUrl: string;
  healthcareUrl: string;
}

export async function seedDemo(
  ctx: PfContext,
  credentials: DemoCredentials,
  urls: DemoUrls,
): Promise<boolean> {
  if ((await ctx.store.tenants.listOperators()).length > 0) return false;
  const scope = { requestId: "seed" };
  for (const op of credentials.operators) {
    const look = BRANDING[op.id] ?? {
      portalTitle: `${op.town} ケーブル窓口`,
      primaryColor: "#263238",
      accentColor: "#FFB300",
      policy: "ocsp" as const,
    };
    await upsertOperator(ctx, scope, {
      id: op.id,
      name: op.name,
      town: op.town,
      prefecture: op.prefecture,
      apiKey: op.apiKey,
      revocationPolicy: look.policy,
      branding: {
        operatorName: op.name,
        portalTitle: look.portalTitle,
        primaryColor: look.primaryColor,
        accentColor: look.accentColor,
      },
      // The console is multi-tenant: one URL, told apart by the X-Catv-Operator-Id header and the secret.
      webhookUrl: `${urls.consoleUrl}/webhooks/pf`,
      webhookSecret: op.webhookSecret,
    });
    for (const terminal of op.terminals) {
      const jwk = terminal.publicJwk as { kty: "EC"; crv: "P-256"; x: string; y: string };
      await registerTerminal(ctx, scope, op.id, {
        terminalId: terminal.terminalId,
        publicJwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y },
        status: "active",
      });
    }
  }
  const facility = credentials.providers.find((p) => p.id === "prov-facility");
  if (facility) {
    await upsertProvider(ctx, scope, {
      id: facility.id,
      name: facility.name,
      apiBaseUrl: urls.facilityUrl,
      webhookUrl: `${urls.facilityUrl}/pf/events`,
      webhookSecret: facility.webhookSecret,
      apiKey: facility.apiKey,
      pinlessAllowed: true,
      // PIN-less may open the service; its paid actions answer step_up_required (the provider decides per action).
      services: [
        {
          serviceId: "facility-booking",
          kind: "facility-booking",
          name: "公共施設予約",
          nameEn: "Facility booking",
          requiresPin: false,
          scope: ["pairwise-id"],
        },
      ],
    });
  }
  const healthcare = credentials.providers.find((p) => p.id === "prov-healthcare");
  if (healthcare) {
    await upsertProvider(ctx, scope, {
      id: healthcare.id,
      name: healthcare.name,
      apiBaseUrl: urls.healthcareUrl,
      webhookUrl: `${urls.healthcareUrl}/pf/events`,
      webhookSecret: healthcare.webhookSecret,
      apiKey: healthcare.apiKey,
      pinlessAllowed: true,
      services: [
        {
          serviceId: "healthcare",
          kind: "healthcare",
          name: "ヘルスケア情報",
          nameEn: "Healthcare information",
          requiresPin: false,
          scope: ["pairwise-id"],
        },
      ],
    });
  }
  return true;
}

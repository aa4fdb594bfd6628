/**
 * @module Demo seed, from the launcher's credentials file (docs/demo-credentials.md): the three demo operators with
 * their terminals, the two sample providers, and the medical field's tenants — two insurers (verifier + provider
 * of the 資格確認 API, each with its own revocation policy) and a hospital (site owner) with its reception site and
 * terminals. Each tenant is created on the first start that finds it absent and never touched again, so the
 * administrator's later changes stay and an older data directory gets the tenants it lacks. Parsed with the PF's
 * own schema of the part it needs.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { PfContext } from "./context.ts";
import {
  registerSiteTerminal,
  registerTerminal,
  upsertOperator,
  upsertProvider,
  upsertSite,
  upsertTenant,
} from "./manage-tenants.ts";

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
  /** Absent from a file made before the medical field (the launcher adds it on the next start). */
  medical: z
    .object({
      insurers: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          kind: z.enum(["national-health-insurance", "health-insurance-society"]),
          town: z.string(),
          prefecture: z.string(),
          apiKey: z.string(),
          webhookSecret: z.string(),
        }),
      ),
      institutions: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          medicalInstitutionCode: z.string(),
          town: z.string(),
          prefecture: z.string(),
          apiKey: z.string(),
          sites: z.array(
            z.object({
              siteId: z.string(),
              name: z.string(),
              insurerIds: z.array(z.string()),
              terminals: z.array(
                z.object({ terminalId: z.string(), publicJwk: z.record(z.string(), z.unknown()) }),
              ),
            }),
          ),
        }),
      ),
    })
    .optional(),
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
  /** The insurers' system (`MEDICAL_INSURER_URL`): each insurer under `/insurers/<id>`. */
  medicalInsurerUrl: string;
}

/**
 * The insurers' revocation policies differ on purpose (per-verifier policy): the city checks every certificate at
 * J-LIS when shown (OCSP), the 健保組合 against the periodic CRL.
 */
const INSURER_POLICY = { "national-health-insurance": "ocsp", "health-insurance-society": "crl" } as const;

const publicJwkOf = (jwk: Record<string, unknown>) => {
  const { kty, crv, x, y } = jwk as { kty: "EC"; crv: "P-256"; x: string; y: string };
  return { kty, crv, x, y };
};

export async function seedDemo(
  ctx: PfContext,
  credentials: DemoCredentials,
  urls: DemoUrls,
): Promise<boolean> {
  const scope = { requestId: "seed" };
  const absent = async (id: string) => !(await ctx.store.tenants.getTenant(id));
  let seeded = false;
  for (const op of credentials.operators) {
    if (!(await absent(op.id))) continue;
    seeded = true;
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
      await registerTerminal(ctx, scope, op.id, {
        terminalId: terminal.terminalId,
        publicJwk: publicJwkOf(terminal.publicJwk),
        status: "active",
      });
    }
  }
  const facility = credentials.providers.find((p) => p.id === "prov-facility");
  if (facility && (await absent(facility.id))) {
    seeded = true;
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
  if (healthcare && (await absent(healthcare.id))) {
    seeded = true;
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
  for (const insurer of credentials.medical?.insurers ?? []) {
    if (!(await absent(insurer.id))) continue;
    seeded = true;
    const base = `${urls.medicalInsurerUrl}/insurers/${insurer.id}`;
    await upsertTenant(ctx, scope, {
      id: insurer.id,
      name: insurer.name,
      town: insurer.town,
      prefecture: insurer.prefecture,
      roles: ["verifier", "provider"],
      apiKey: insurer.apiKey,
      webhookUrl: `${base}/pf/events`,
      webhookSecret: insurer.webhookSecret,
      verifier: {
        accountIdKind: "common-pf-id",
        revocationPolicy: INSURER_POLICY[insurer.kind],
        pinlessAtRemoteSites: false,
        crossVerifierLogins: false,
      },
      provider: { apiBaseUrl: base, pinlessAllowed: true, subject: "account", services: [] },
    });
  }
  for (const institution of credentials.medical?.institutions ?? []) {
    if (!(await absent(institution.id))) continue;
    seeded = true;
    await upsertTenant(ctx, scope, {
      id: institution.id,
      name: institution.name,
      town: institution.town,
      prefecture: institution.prefecture,
      roles: ["site-owner"],
      apiKey: institution.apiKey,
      webhookUrl: null,
      webhookSecret: null,
    });
    for (const site of institution.sites) {
      await upsertSite(ctx, scope, {
        id: site.siteId,
        ownerId: institution.id,
        name: site.name,
        kind: "in-person",
        channel: "reception",
        branding: null,
        institutionCode: institution.medicalInstitutionCode,
        sessionLifetimeDays: 1,
        allPortalServices: false,
        verifierIds: site.insurerIds,
        serviceIds: [],
      });
      for (const terminal of site.terminals) {
        await registerSiteTerminal(ctx, scope, site.siteId, {
          terminalId: terminal.terminalId,
          publicJwk: publicJwkOf(terminal.publicJwk),
          status: "active",
        });
      }
    }
  }
  return seeded;
}

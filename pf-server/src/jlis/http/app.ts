/**
 * @module The J-LIS simulator's HTTP surface: public CA material, revocation services for registered
 * verifiers (CRL, OCSP, linkage; each call counted), and the administrator API (issuance and life-cycle).
 * Handlers only parse, authenticate and call the use cases in `../domain`.
 */
import { timingSafeEqual } from "node:crypto";
import { type KenkakuCaKeys, linkageQuerySchema } from "@catv/contracts";
import { notFoundHandler } from "@catv/service-kit";
import { mountApiReference } from "@catv/service-kit/api-reference";
import { httpMetrics, mountMetrics, processMetrics } from "@catv/service-kit/metrics";
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import type { JlisCredentials } from "../config.ts";
import { answerOcsp } from "../domain/answer-ocsp.ts";
import {
  authenticateVerifier,
  countVerifierUse,
  type VerifierUseKind,
} from "../domain/authenticate-verifier.ts";
import { changeResidentDetails } from "../domain/change-resident-details.ts";
import { findResidentOrFail } from "../domain/find-resident.ts";
import { issueCard, residentInputSchema } from "../domain/issue-card.ts";
import type { JlisContext } from "../domain/jlis-context.ts";
import { type CrlScope, currentCrl, encodePublishedCrl } from "../domain/publish-crl.ts";
import { queryLinkage } from "../domain/query-linkage.ts";
import { renewCardCertificates } from "../domain/renew-card-certificates.ts";
import { reportCardLoss } from "../domain/report-card-loss.ts";
import { viewResident } from "../domain/resident-view.ts";
import { revocationReasonSchema } from "../domain/revocation-reasons.ts";
import { revokeCertificate } from "../domain/revoke-certificate.ts";
import { fail } from "../errors.ts";
import { assignRequestId, handleErrors, type JlisEnv, logRequests } from "./errors-middleware.ts";
import { jlisOpenApiDocument } from "./openapi.ts";

export interface JlisAppOptions {
  ctx: JlisContext;
  credentials: JlisCredentials;
  /** nextUpdate distance of OCSP responses. */
  revocationValiditySeconds: number;
  /** The bearer token of `GET /metrics` (CATV_METRICS_TOKEN); without it the endpoint answers 404. */
  metricsToken?: string | undefined;
}

const pem = (label: string, der: ArrayBuffer) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n").replace(/\n?$/, "\n")}-----END ${label}-----\n`;

const OCSP_MAX_BYTES = 16 * 1024;

export function createJlisApp(options: JlisAppOptions): Hono<JlisEnv> {
  const { ctx, revocationValiditySeconds: validity } = options;
  const app = new Hono<JlisEnv>();
  const metrics = processMetrics("jlis");
  app.use("*", httpMetrics(metrics), assignRequestId, logRequests(ctx.log));
  app.onError(handleErrors(ctx.log));
  app.notFound(notFoundHandler);

  app.get("/health", (c) => c.json({ status: "ok", service: "jlis" }));
  mountMetrics(app as never, metrics, options.metricsToken);
  const openApi = jlisOpenApiDocument();
  app.get("/openapi.json", (c) => c.json(openApi));
  mountApiReference(app, { path: "/docs", specUrl: "/openapi.json", pageTitle: "J-LIS simulator API" });

  // Public: trust anchors. Relying parties need these before they can check anything.
  for (const type of ["sign", "auth"] as const) {
    const certificate = () => ctx.cas[type].certificate.rawData;
    app.get(`/ca/${type}.der`, (c) =>
      c.body(certificate(), 200, { "content-type": "application/pkix-cert" }),
    );
    app.get(`/ca/${type}.pem`, (c) =>
      c.body(pem("CERTIFICATE", certificate()), 200, { "content-type": "application/x-pem-file" }),
    );
  }
  app.get("/ca/kenkaku.json", (c) =>
    c.json({
      keys: [
        {
          keyId: Buffer.from(ctx.cas.kenkaku.keyId).toString("hex"),
          publicKeySpki: Buffer.from(ctx.cas.kenkaku.publicKeySpki).toString("base64"),
        },
      ],
    } satisfies KenkakuCaKeys),
  );
  app.get("/cps", (c) =>
    c.text(
      "JPKI-DEMO certification practice statement: certificates issued by the CATV demo simulator of J-LIS. " +
        "They identify fictional residents and carry no legal effect.\n",
    ),
  );

  // Registered verifiers only; each answered call is metered.
  const verifier =
    (kind: VerifierUseKind): MiddlewareHandler<JlisEnv> =>
    async (c, next) => {
      const verifierId = await authenticateVerifier(ctx.repo, c.req.header("authorization"));
      c.set("verifierId", verifierId);
      await countVerifierUse(ctx.repo, verifierId, kind, ctx.now());
      await next();
    };

  // Full CRLs at /crl/<type>.crl, delta CRLs at /crl/<type>-delta.crl (the full CRL's freshestCRL). The ETag names
  // the CRL number, so a verifier polling with If-None-Match gets 304 until a new CRL is published.
  for (const type of ["sign", "auth"] as const) {
    for (const [scope, path] of [
      ["full", `/crl/${type}.crl`],
      ["delta", `/crl/${type}-delta.crl`],
    ] as [CrlScope, string][]) {
      app.get(path, verifier(`crl_${type}`), async (c) => {
        const crl = await currentCrl(ctx, type, scope);
        const etag = `"${type}-${scope}-${crl.crlNumber}"`;
        const headers = {
          etag,
          "cache-control": "no-cache",
          "last-modified": new Date(crl.thisUpdate).toUTCString(),
        };
        const wanted = c.req.header("if-none-match");
        if (wanted?.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
          return c.body(null, 304, headers);
        }
        const encoded = await encodePublishedCrl(ctx, crl);
        return c.body(ReadableStream.from(encoded.chunks()), 200, {
          ...headers,
          "content-type": "application/pkix-crl",
          "content-length": String(encoded.byteLength),
        });
      });
    }
  }

  const ocspReply = async (der: Uint8Array) => {
    const outcome = await answerOcsp(ctx, der, validity);
    return new Response(Buffer.from(outcome.der), {
      status: 200,
      headers: { "content-type": "application/ocsp-response", "cache-control": "no-store" },
    });
  };
  app.post("/ocsp", verifier("ocsp"), bodyLimit({ maxSize: OCSP_MAX_BYTES }), async (c) => {
    if (!c.req.header("content-type")?.startsWith("application/ocsp-request")) {
      fail("validation_failed", "send the OCSPRequest as application/ocsp-request");
    }
    return ocspReply(new Uint8Array(await c.req.arrayBuffer()));
  });
  // RFC 6960 Appendix A.1: GET {url}/{url-encoding of base-64 encoding of the DER OCSPRequest}.
  app.get("/ocsp/*", verifier("ocsp"), async (c) => {
    const encoded = c.req.path.slice("/ocsp/".length);
    let base64: string;
    try {
      base64 = decodeURIComponent(encoded);
    } catch {
      fail("validation_failed", "the OCSP request is not URL-encoded base64");
    }
    if (base64.length > OCSP_MAX_BYTES || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) {
      fail("validation_failed", "the OCSP request is not URL-encoded base64");
    }
    return ocspReply(new Uint8Array(Buffer.from(base64, "base64")));
  });

  app.post("/linkage/query", verifier("linkage"), bodyLimit({ maxSize: 4096 }), async (c) => {
    return c.json(await queryLinkage(ctx, linkageQuerySchema.parse(await c.req.json())));
  });

  // Administrator API.
  const adminToken = Buffer.from(options.credentials.jlisAdminToken);
  const admin: MiddlewareHandler<JlisEnv> = async (c, next) => {
    const presented = Buffer.from(/^Bearer (.+)$/.exec(c.req.header("authorization") ?? "")?.[1] ?? "");
    if (presented.length !== adminToken.length || !timingSafeEqual(presented, adminToken)) {
      fail("admin_unauthorized", "the J-LIS administrator API needs its bearer token");
    }
    await next();
  };
  app.use("/admin/*", admin, bodyLimit({ maxSize: 16 * 1024 }));

  app.get("/admin/residents", async (c) =>
    c.json({
      residents: await Promise.all((await ctx.repo.listResidents()).map((r) => viewResident(ctx.repo, r))),
    }),
  );
  app.get("/admin/residents/:id", async (c) =>
    c.json(await viewResident(ctx.repo, await findResidentOrFail(ctx.repo, c.req.param("id")))),
  );
  app.post("/admin/residents", async (c) => {
    const issued = await issueCard(ctx, residentInputSchema.parse(await c.req.json()));
    return c.json(issued, 201);
  });
  app.post("/admin/residents/:id/move", async (c) =>
    c.json(await changeResidentDetails(ctx, c.req.param("id"), await c.req.json())),
  );
  app.post("/admin/residents/:id/renew", async (c) =>
    c.json(await renewCardCertificates(ctx, c.req.param("id"))),
  );
  app.post("/admin/residents/:id/report-loss", async (c) =>
    c.json(await reportCardLoss(ctx, c.req.param("id"))),
  );
  app.post("/admin/certificates/:serial/revoke", async (c) => {
    const { reason } = z.object({ reason: revocationReasonSchema }).parse(await c.req.json());
    return c.json(await revokeCertificate(ctx, c.req.param("serial"), reason));
  });
  app.get("/admin/verifier-usage", async (c) => c.json({ usage: await ctx.repo.verifierUsage() }));

  return app;
}

/**
 * @module HTTP client of the (simulated) J-LIS: public CA endpoints, and the registered-verifier endpoints
 * (OCSP, CRL, 証明書紐付け linkage) with HTTP Basic `<jlisVerifier.id>:<secret>`. Any transport failure or
 * non-success answer becomes `revocation_unavailable`: the PF fails closed (identity.md, Keycloak's option).
 */
import { createPublicKey } from "node:crypto";
import { kenkakuCaKeysSchema, type LinkageAnswer, linkageAnswerSchema } from "@catv/contracts";
import { x509 } from "@catv/jpki/x509";
import type { TrustAnchorSource, TrustAnchors } from "../pki/trust-anchors.ts";
import { fail } from "../platform/errors.ts";
import type { CrlFetchRequest } from "../revocation/crl-loader.ts";

/** A CRL download under way: its body is read as it arrives (a national CRL is hundreds of megabytes). */
export interface CrlDownload {
  /** The validator to send back as If-None-Match on the next poll. */
  etag: string | undefined;
  /** Content-Length, when J-LIS sent one. */
  length: number | undefined;
  body: AsyncIterable<Uint8Array>;
}

export interface JlisClient extends TrustAnchorSource {
  ocsp(request: Uint8Array): Promise<Uint8Array>;
  /**
   * The CA's full CRL or its delta CRL (the full CRL's freshestCRL), or "not-modified" when it is still the
   * one `ifNoneMatch` names.
   */
  crlDownload(
    kind: "sign" | "auth",
    scope: "full" | "delta",
    ifNoneMatch?: string,
  ): Promise<CrlDownload | "not-modified">;
  /**
   * The same download as a request description, for a worker thread to make itself (so a national CRL's
   * bytes never pass through the request thread). Absent on clients that cannot describe it.
   */
  crlRequest?(kind: "sign" | "auth", scope: "full" | "delta"): Omit<CrlFetchRequest, "ifNoneMatch">;
  /** undefined when J-LIS does not know the serial. */
  linkage(serialHex: string, kind: "sign" | "auth"): Promise<LinkageAnswer | undefined>;
}

const ANCHOR_RETRY_MS = 60_000;
const crlPath = (kind: "sign" | "auth", scope: "full" | "delta") =>
  scope === "full" ? `/crl/${kind}.crl` : `/crl/${kind}-delta.crl`;
/** A CRL body may take long to arrive in full, but not pause longer than this between chunks. */
const CRL_IDLE_TIMEOUT_MS = 30_000;

export function createJlisClient(options: {
  baseUrl: string;
  verifierId: string;
  verifierSecret: string;
  timeoutMs?: number;
  anchorTtlMs?: number;
}): JlisClient {
  const auth = `Basic ${Buffer.from(`${options.verifierId}:${options.verifierSecret}`).toString("base64")}`;
  const timeout = options.timeoutMs ?? 5000;
  let anchors: { value: TrustAnchors; at: number } | undefined;
  let refreshing: Promise<TrustAnchors> | undefined;

  async function call(path: string, init: RequestInit = {}, authenticated = true): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(new URL(path, options.baseUrl), {
        ...init,
        headers: {
          ...(authenticated ? { authorization: auth } : {}),
          ...(init.headers as Record<string, string>),
        },
        signal: AbortSignal.timeout(timeout),
      });
    } catch {
      throw fail("revocation_unavailable", "J-LIS could not be reached.");
    }
    return res;
  }
  async function bytes(path: string, init?: RequestInit, authenticated = true): Promise<Uint8Array> {
    const res = await call(path, init, authenticated);
    if (!res.ok)
      throw fail("revocation_unavailable", `J-LIS answered ${res.status} to ${path.split("/")[1]}.`);
    return new Uint8Array(await res.arrayBuffer());
  }

  async function fetchAnchors(): Promise<TrustAnchors> {
    const [sign, auth, kenkakuRes] = await Promise.all([
      bytes("/ca/sign.der", {}, false),
      bytes("/ca/auth.der", {}, false),
      call("/ca/kenkaku.json", {}, false),
    ]);
    if (!kenkakuRes.ok) throw fail("revocation_unavailable", "J-LIS did not publish the 券面 CA keys.");
    const kenkaku = kenkakuCaKeysSchema.parse(await kenkakuRes.json());
    return {
      sign: [new x509.X509Certificate(sign)],
      auth: [new x509.X509Certificate(auth)],
      kenkaku: kenkaku.keys.map((k) => ({
        keyId: k.keyId.toLowerCase(),
        publicKey: createPublicKey({
          key: Buffer.from(k.publicKeySpki, "base64"),
          format: "der",
          type: "spki",
        }),
      })),
    };
  }

  return {
    async get() {
      const ttl = options.anchorTtlMs ?? 3600_000;
      if (anchors && Date.now() - anchors.at < ttl) return anchors.value;
      // One fetch at a time. J-LIS's CA certificates and 券面 keys change only with a new CA generation, so
      // when J-LIS cannot be reached the last good set keeps serving (a CRL operator's logins must not
      // depend on J-LIS between CRL refreshes) and the fetch is retried after a minute, not on every call.
      refreshing ??= fetchAnchors().finally(() => {
        refreshing = undefined;
      });
      try {
        anchors = { value: await refreshing, at: Date.now() };
      } catch (e) {
        if (!anchors) throw e;
        anchors = { value: anchors.value, at: Date.now() - ttl + ANCHOR_RETRY_MS };
      }
      return anchors.value;
    },
    ocsp(request) {
      return bytes("/ocsp", {
        method: "POST",
        headers: { "content-type": "application/ocsp-request" },
        body: Buffer.from(request),
      });
    },
    crlRequest(kind, scope) {
      return {
        url: new URL(crlPath(kind, scope), options.baseUrl).href,
        headers: { authorization: auth },
        timeoutMs: timeout,
        idleTimeoutMs: CRL_IDLE_TIMEOUT_MS,
      };
    },
    async crlDownload(kind, scope, ifNoneMatch) {
      const path = crlPath(kind, scope);
      const controller = new AbortController();
      let timer = setTimeout(() => controller.abort(), timeout);
      let res: Response;
      try {
        res = await fetch(new URL(path, options.baseUrl), {
          headers: { authorization: auth, ...(ifNoneMatch ? { "if-none-match": ifNoneMatch } : {}) },
          signal: controller.signal,
        });
      } catch {
        throw fail("revocation_unavailable", "J-LIS could not be reached.");
      } finally {
        clearTimeout(timer);
      }
      if (res.status === 304) return "not-modified";
      if (!res.ok || !res.body) {
        await res.body?.cancel();
        throw fail("revocation_unavailable", `J-LIS answered ${res.status} to crl.`);
      }
      const reader = res.body.getReader();
      async function* body(): AsyncGenerator<Uint8Array> {
        let done = false;
        try {
          while (!done) {
            timer = setTimeout(() => controller.abort(), CRL_IDLE_TIMEOUT_MS);
            let chunk: Awaited<ReturnType<typeof reader.read>>;
            try {
              chunk = await reader.read();
            } catch {
              throw fail("revocation_unavailable", "The CRL download from J-LIS broke off.");
            } finally {
              clearTimeout(timer);
            }
            done = chunk.done;
            if (chunk.value) yield chunk.value;
          }
        } finally {
          if (!done) await reader.cancel().catch(() => undefined);
        }
      }
      const length = Number(res.headers.get("content-length"));
      return {
        etag: res.headers.get("etag") ?? undefined,
        length: Number.isFinite(length) && length > 0 ? length : undefined,
        body: body(),
      };
    },
    async linkage(serialHex, kind) {
      const res = await call("/linkage/query", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ serialNumber: serialHex, certificateType: kind }),
      });
      if (res.status === 404) return undefined;
      if (!res.ok) throw fail("revocation_unavailable", `J-LIS answered ${res.status} to the linkage query.`);
      const parsed = linkageAnswerSchema.safeParse(await res.json());
      if (!parsed.success) throw fail("revocation_unavailable", "J-LIS's linkage answer is malformed.");
      return parsed.data;
    },
  };
}

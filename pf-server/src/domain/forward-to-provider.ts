/**
 * @module サービス利用 (flow 3): forwards a viewer's call to the provider's API with a PF assertion (JWT,
 * audience = the provider, `sub` = the pairwise ID, `acr`). The provider's status and JSON body are relayed; a
 * provider's `step_up_required` answer becomes the PF's own, so the TV app asks for the PIN.
 */
import { providerStepUpErrorSchema } from "@catv/contracts";
import { fail } from "../platform/errors.ts";
import type { PfContext, TerminalScope } from "./context.ts";
import { findServiceFor, requirePinIfNeeded, withSlash } from "./enrol-viewer.ts";
import type { ViewerSession } from "./manage-sessions.ts";

export interface ForwardRequest {
  serviceId: string;
  /** Path below the provider's API base URL, without a leading slash, plus the query string. */
  pathAndQuery: string;
  method: string;
  contentType: string | undefined;
  body: ArrayBuffer | undefined;
}

export interface ForwardResult {
  status: number;
  contentType: string;
  body: ArrayBuffer;
}

export async function forwardToProvider(
  ctx: PfContext,
  scope: TerminalScope,
  current: ViewerSession,
  request: ForwardRequest,
): Promise<ForwardResult> {
  const { service, provider } = await findServiceFor(ctx, request.serviceId);
  requirePinIfNeeded(current, service, provider);
  const enrolment = await ctx.store.enrolments.getEnrolment(current.cableId, service.id);
  if (!enrolment) throw fail("not_enrolled");
  const target = providerUrl(provider.apiBaseUrl, request.pathAndQuery);
  const assertion = await ctx.tokens.signProviderAssertion(
    { providerId: provider.id, pairwiseId: enrolment.pairwiseId, acr: current.acr, serviceId: service.id },
    ctx.clock.now(),
  );
  let res: Response;
  try {
    res = await ctx.fetch(target, {
      method: request.method,
      headers: {
        authorization: `Bearer ${assertion}`,
        accept: "application/json",
        ...(request.contentType ? { "content-type": request.contentType } : {}),
        "x-request-id": scope.requestId,
      },
      body: request.body && request.method !== "GET" && request.method !== "HEAD" ? request.body : undefined,
      signal: AbortSignal.timeout(ctx.providerTimeoutMs),
      redirect: "manual",
    });
  } catch {
    throw fail("service_unavailable", "The provider did not answer.");
  }
  const body = await res.arrayBuffer();
  if (res.status >= 500) throw fail("service_unavailable", `The provider answered ${res.status}.`);
  if (res.status === 403) {
    const parsed = providerStepUpErrorSchema.safeParse(safeJson(body));
    if (parsed.success) throw fail("step_up_required", parsed.data.error.message);
  }
  return { status: res.status, contentType: res.headers.get("content-type") ?? "application/json", body };
}

/**
 * The provider URL of a proxied path. The path is judged as the provider's router will read it (percent-decoded,
 * so `%70f/…` is `pf/…` and `a%2F..` has a dot segment), and the resolved URL must stay below the API base URL: an
 * absolute or scheme-relative path (`http://…`, `//host/…`) would otherwise send the PF's request, and the
 * viewer's assertion, to any host.
 */
function providerUrl(apiBaseUrl: string, pathAndQuery: string): URL {
  const rawPath = pathAndQuery.split("?")[0] ?? "";
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    throw fail("validation_failed", "The provider path is not valid percent-encoding.");
  }
  if (path.split(/[/\\]/).some((seg) => seg === ".." || seg === ".")) {
    throw fail("validation_failed", "The provider path may not contain dot segments.");
  }
  if (/^pf([/\\]|$)/i.test(path))
    throw fail("forbidden", "The provider's PF endpoints are not reachable through the proxy.");
  const base = new URL(withSlash(apiBaseUrl));
  const target = URL.parse(pathAndQuery, base.href);
  if (target?.origin !== base.origin || !target.pathname.startsWith(base.pathname))
    throw fail("validation_failed", "The provider path must stay below the provider's API.");
  return target;
}

function safeJson(body: ArrayBuffer): unknown {
  try {
    return JSON.parse(Buffer.from(body).toString("utf8"));
  } catch {
    return undefined;
  }
}

/**
 * @module Requests to a provider app as the TV's viewer makes them through the PF: each with a fresh assertion
 * from the PF double, and the enrolment the PF sends first.
 */
import type { AssertionOptions, PfDouble } from "./pf-double.ts";

/** Sends a request as viewer `sub`; `claims` overrides the assertion's defaults (e.g. a PIN-less `acr`). */
export type ViewerCall = (
  sub: string,
  method: string,
  path: string,
  body?: unknown,
  claims?: Partial<Omit<AssertionOptions, "sub">>,
) => Promise<Response>;

/**
 * @example const call = viewerCaller(pf, app, { aud: "prov-healthcare", svc: "healthcare" });
 *          await call("pw-1", "GET", "/summary");
 */
export function viewerCaller(
  pf: PfDouble,
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  defaults: Omit<AssertionOptions, "sub">,
): ViewerCall {
  return async (sub, method, path, body, claims) => {
    const token = await pf.assertion({ ...defaults, ...claims, sub });
    return app.request(path, {
      method,
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };
}

/**
 * Enrols a viewer as the PF does (`POST /pf/enrolments` with their consent) and returns the provider's user ID.
 * @example const userId = await enrolViewer(call, "pw-1", { serviceId: "healthcare", scope: ["health-records"], grantedAt: now });
 */
export async function enrolViewer(
  call: ViewerCall,
  sub: string,
  enrolment: { serviceId: string; scope: string[]; grantedAt: Date },
): Promise<string> {
  const res = await call(sub, "POST", "/pf/enrolments", {
    serviceId: enrolment.serviceId,
    consent: { scope: enrolment.scope, grantedAt: enrolment.grantedAt.toISOString(), textVersion: "2026-01" },
  });
  if (res.status !== 201 && res.status !== 200) throw new Error(`enrol failed: ${res.status}`);
  return ((await res.json()) as { providerUserId: string }).providerUserId;
}

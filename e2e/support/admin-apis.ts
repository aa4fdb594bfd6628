/**
 * @module The administrators' side of a journey: the J-LIS simulator's admin API (a municipality's counter:
 * issuing, moves, loss reports) and the PF administrator's API (an operator's revocation policy). Both are
 * bearer-token APIs; the tokens come from the run's demo credentials.
 */
import { expect } from "playwright/test";
import { demoCredentials, serviceUrl } from "./system.ts";

async function call<T>(url: string, token: string, method: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  expect(response.ok, `${method} ${url} → ${response.status} ${text}`).toBe(true);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface NewResident {
  name: string;
  address: string;
  birthDate: string;
  gender: "1" | "2";
  town: string;
  authPin: string;
  signPassword: string;
}

export const jlisAdmin = {
  call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return call<T>(`${serviceUrl("jlis")}${path}`, demoCredentials().jlisAdminToken, method, body);
  },
  /** A municipality issues a card to a new resident; the card image appears in the bridge's card list. */
  issueCard(resident: NewResident): Promise<{ cardId: string; resident: { id: string } }> {
    return jlisAdmin.call("POST", "/admin/residents", resident);
  },
  /** 転居届: the signature certificate is revoked (affiliationChanged) and re-issued into the same card. */
  move(residentId: string, newAddress: string): Promise<unknown> {
    return jlisAdmin.call("POST", `/admin/residents/${residentId}/move`, { newAddress });
  },
  /** 紛失届: both certificates of the card are revoked (keyCompromise). */
  reportLoss(residentId: string): Promise<unknown> {
    return jlisAdmin.call("POST", `/admin/residents/${residentId}/report-loss`);
  },
};

interface OperatorView {
  id: string;
  name: string;
  town: string;
  prefecture: string;
  revocationPolicy: "ocsp" | "crl";
  branding: unknown;
  webhookUrl: string | null;
}

export const pfAdmin = {
  call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return call<T>(`${serviceUrl("pf")}${path}`, demoCredentials().pfAdminToken, method, body);
  },
  /** Switches how the PF checks revocation for the operator: OCSP per login, or CRLs fetched on a schedule. */
  async setRevocationPolicy(operatorId: string, policy: "ocsp" | "crl"): Promise<void> {
    const listed = await pfAdmin.call<OperatorView[] | { operators: OperatorView[] }>(
      "GET",
      "/v1/admin/operators",
    );
    const operators = Array.isArray(listed) ? listed : listed.operators;
    const current = operators.find((o) => o.id === operatorId);
    if (!current) throw new Error(`the PF has no operator ${operatorId}`);
    const secret = demoCredentials().operators.find((o) => o.id === operatorId)?.webhookSecret ?? null;
    const updated = await pfAdmin.call<OperatorView>("PUT", `/v1/admin/operators/${operatorId}`, {
      name: current.name,
      town: current.town,
      prefecture: current.prefecture,
      revocationPolicy: policy,
      branding: current.branding,
      webhookUrl: current.webhookUrl,
      webhookSecret: secret,
    });
    expect(updated.revocationPolicy).toBe(policy);
  },
};

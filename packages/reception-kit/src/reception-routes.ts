/**
 * @module The PF routes a hospital reception terminal calls (`packages/contracts/src/medical/reception-api.ts` and
 * the TV API's challenge route), by name. A terminal assertion binds one method and path (`htm`, `htu`), so an
 * institution's backend that relays a terminal's call checks the assertion names exactly the route it is about
 * to call; the client and the PF double use the same table.
 */
import { INSTITUTION_API_PREFIX, RECEPTION_API_PREFIX } from "@catv/contracts";

export interface ReceptionRoute {
  method: "GET" | "POST";
  path: string;
}

export const receptionRoutes = {
  site: { method: "GET", path: `${RECEPTION_API_PREFIX}/site` },
  challenges: { method: "POST", path: "/v1/challenges" },
  pinlessStart: { method: "POST", path: `${RECEPTION_API_PREFIX}/pinless/start` },
  recognitions: { method: "POST", path: `${RECEPTION_API_PREFIX}/recognitions` },
  eligibilityChecks: { method: "POST", path: `${RECEPTION_API_PREFIX}/eligibility-checks` },
  registrations: { method: "POST", path: `${RECEPTION_API_PREFIX}/registrations` },
} as const satisfies Record<string, ReceptionRoute>;

export type ReceptionRouteName = keyof typeof receptionRoutes;

/** `GET /v1/institution/patient-references/{patientReference}` (the institution's back office, API key). */
export function patientReferencePath(patientReference: string): string {
  return `${INSTITUTION_API_PREFIX}/patient-references/${encodeURIComponent(patientReference)}`;
}

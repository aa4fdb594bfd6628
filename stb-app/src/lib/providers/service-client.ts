/**
 * @module What every provider client of the TV app shares: the calls go through the PF's proxy
 * (`/v1/services/{serviceId}/api/...`) with the viewer's session, so a client only names its paths.
 */
import type { PfClient } from "../pf/pf-client.ts";

export abstract class ServiceClient {
  readonly #pf: PfClient;
  readonly #serviceId: string;
  constructor(pf: PfClient, serviceId: string) {
    this.#pf = pf;
    this.#serviceId = serviceId;
  }
  protected call<T>(method: string, path: string, body?: unknown): Promise<T> {
    return this.#pf.service<T>(this.#serviceId, method, path, body);
  }
}

/**
 * @module The healthcare provider's coded errors: only the codes every provider shares (the kit's catalogue),
 * since its data is read-only and no rule of its own can refuse a request.
 */
import { providerErrors } from "@catv/provider-kit";
import { errorFactory } from "@catv/service-kit";

export const fail = errorFactory(providerErrors);

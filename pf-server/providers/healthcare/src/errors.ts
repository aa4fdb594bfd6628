/**
 * @module The healthcare provider's coded errors: only the codes every provider shares (the kit's catalogue),
 * since its data is read-only and no rule of its own can refuse a request.
 */
import { errorFactory, pfKitErrors } from "@catv/provider-kit";

export const fail = errorFactory(pfKitErrors);

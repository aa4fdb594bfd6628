/**
 * @module The coded errors the use cases throw: the system's one catalogue (`src/errors.ts`), re-exported so a use
 * case imports nothing from outside the domain but this.
 */
export { fail, type InsurerErrorCode } from "../errors.ts";

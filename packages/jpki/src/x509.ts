/**
 * @module @peculiar/x509, ready to use: its dependency injection (tsyringe) needs the Reflect metadata polyfill
 * loaded first, and it must use Node's WebCrypto. Import x509 from here, never directly.
 */
import "reflect-metadata";
import { webcrypto } from "node:crypto";
import * as x509 from "@peculiar/x509";

// The value parameter of set(key, crypto): the WebCrypto type, whether or not the including project has the DOM lib.
x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[1]);

export { x509 };

/// <reference types="w3c-web-usb" />
/**
 * @module `@catv/firmware-shims/driver` — what the TV app uses to talk to the card through standard WebUSB:
 * the CCID driver, the APDU layer, the JPKI card client, its flows, and the error catalogue to turn faults
 * into plain words. Runs in the browser and in Node (Web Crypto only; no Node built-ins).
 *
 * @example
 * const [device] = await usb.getDevices();               // the firmware bridge's navigator.usb
 * const reader = await CcidReader.open(device);
 * reader.on("card-inserted", async () => {
 *   const card = await JpkiCardClient.connect(reader);
 *   const { certificate, serialHex } = await readAuthenticationCertificate(card, cache);
 *   …
 * });
 */
export type { CommandApdu } from "../apdu/command-apdu.ts";
export { decodeCommandApdu, encodeCommandApdu } from "../apdu/command-apdu.ts";
export type { ResponseApdu } from "../apdu/response-apdu.ts";
export { decodeResponseApdu } from "../apdu/response-apdu.ts";
export { transmitApdu } from "../apdu/transmit-apdu.ts";
export type { CcidDescriptor } from "../ccid/ccid-descriptor.ts";
export {
  CcidReader,
  type CcidReaderEvents,
  type CcidReaderOptions,
  type SlotState,
} from "../ccid/ccid-reader.ts";
export {
  isReaderError,
  PinIncorrectError,
  ReaderError,
  type ReaderErrorCode,
  readerErrorCatalogue,
} from "../ccid/errors.ts";
export { ReaderMonitor, type ReaderPresence, type UsbLike } from "../ccid/reader-monitor.ts";
export { type CertificateKind, MY_NUMBER_CARD_TOKEN, type PinKind } from "./card-files.ts";
export { type CachedCard, type CertificateCache, MemoryCertificateCache } from "./certificate-cache.ts";
export { digestInfoOf, sha256DigestInfo } from "./digest-info.ts";
export { type ApduChannel, type ApduStats, JpkiCardClient, type PinStatus } from "./jpki-card-client.ts";
export { type PinlessCardProof, proveCardForPinlessLogin } from "./prove-card-for-pinless-login.ts";
export { type CardKeyProof, proveCardKey } from "./prove-card-key.ts";
export {
  type AuthenticationCertificateRead,
  readAuthenticationCertificate,
} from "./read-authentication-certificate.ts";
export { type PinlessStartRead, readCardForPinlessStart } from "./read-card-for-pinless-start.ts";
export { type LoginSignature, signLoginChallenge } from "./sign-login-challenge.ts";
export { type RegistrationSignature, signRegistrationChallenge } from "./sign-registration-challenge.ts";

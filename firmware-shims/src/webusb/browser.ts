/// <reference types="w3c-web-usb" />
/**
 * @module `@catv/firmware-shims/browser` — the STB web app's side of the firmware bridge: `connectFirmwareBridge`
 * gives a standard `navigator.usb`, the terminal-assertion signer and the bridge status. Pair it with
 * `@catv/firmware-shims/driver` (CCID driver and JPKI client). No Node built-ins.
 */

export { isReaderError, ReaderError, type ReaderErrorCode, readerErrorCatalogue } from "../ccid/errors.ts";
export {
  type ConnectOptions,
  connectFirmwareBridge,
  type FirmwareBridge,
  type FirmwareBridgeBoot,
  type FirmwareBridgeStatus,
} from "./connect-firmware-bridge.ts";
export type { BridgeStatus } from "./protocol.ts";

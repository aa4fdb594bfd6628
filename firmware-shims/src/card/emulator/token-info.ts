/**
 * @module JPKI AP EF 0006: a 160-byte PKCS#11 CK_TOKEN_INFO with big-endian 32-bit integers (jpki.md §2).
 */

const TOKEN_INFO_LENGTH = 160;

/**
 * The label `JPKIAPICCTOKEN2` is what clients use to tell a My Number card from a 住基カード (`JPKIAPICCTOKEN`)
 * or a phone (`JPKIAPGPSETOKEN`, `JPKIAPIOSTOKEN`); myna reads the first 0x20 bytes for it.
 */
export function buildTokenInfo(serial: string): Uint8Array {
  const out = new Uint8Array(TOKEN_INFO_LENGTH);
  const view = new DataView(out.buffer);
  let at = 0;
  const text = (value: string, width: number) => {
    out.set(padded(value, width), at);
    at += width;
  };
  const ulong = (value: number) => {
    view.setUint32(at, value >>> 0, false);
    at += 4;
  };
  text("JPKIAPICCTOKEN2", 32); // label
  text("CATV DEMO EMULATOR", 32); // manufacturerID
  text("MYNUMBER-EMU", 16); // model
  text(serial.replace(/-/g, "").slice(0, 16).toUpperCase(), 16); // serialNumber
  ulong(0x0000_040d); // flags: RNG | LOGIN_REQUIRED | USER_PIN_INITIALIZED | TOKEN_INITIALIZED
  ulong(0); // ulMaxSessionCount (CK_EFFECTIVELY_INFINITE)
  ulong(0); // ulSessionCount
  ulong(0); // ulMaxRwSessionCount
  ulong(0); // ulRwSessionCount
  ulong(16); // ulMaxPinLen (署名用パスワード)
  ulong(4); // ulMinPinLen (利用者証明用暗証番号)
  ulong(0xffff_ffff); // ulTotalPublicMemory (CK_UNAVAILABLE_INFORMATION)
  ulong(0xffff_ffff); // ulFreePublicMemory
  ulong(0xffff_ffff); // ulTotalPrivateMemory
  ulong(0xffff_ffff); // ulFreePrivateMemory
  out.set([1, 0], at); // hardwareVersion 1.0
  at += 2;
  out.set([1, 0], at); // firmwareVersion 1.0
  at += 2;
  text("", 16); // utcTime: the token has no clock
  return out;
}

function padded(value: string, width: number): Uint8Array {
  const bytes = new Uint8Array(width).fill(0x20);
  bytes.set(new TextEncoder().encode(value).subarray(0, width));
  return bytes;
}

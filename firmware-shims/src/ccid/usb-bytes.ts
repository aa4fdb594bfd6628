/**
 * @module Byte helpers shared by the driver, the virtual reader and the WebSocket shim (WebUSB hands out
 * `DataView`s and accepts any `BufferSource`).
 */

export function bytesOf(source: BufferSource | DataView | undefined): Uint8Array {
  if (source === undefined) return new Uint8Array(0);
  if (source instanceof Uint8Array) return source;
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  return new Uint8Array(source);
}

export function dataViewOf(bytes: Uint8Array): DataView {
  const copy = bytes.slice();
  return new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
}

/**
 * @module The firmware bridge's WebSocket protocol, shared by the bridge (Node) and the browser-side
 * `navigator.usb` (both validate every frame with these schemas).
 *
 * The client first sends `hello` with the per-boot token. Then each request `{id, op, …}` gets exactly one
 * response `{id, ok, result | error}`; the bridge also pushes `{event}` frames (device connect/disconnect,
 * status). Binary payloads travel as base64. Errors carry a DOMException name (`NotFoundError` when the reader
 * is gone, as WebUSB itself reports) so the same driver code maps them the same way.
 */
import { z } from "zod";

export const BRIDGE_PROTOCOL = "catv-firmware-bridge/1";

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const byte = z.number().int().min(0).max(255);
const u16 = z.number().int().min(0).max(0xffff);

export const setupSchema = z.object({
  requestType: z.enum(["standard", "class", "vendor"]),
  recipient: z.enum(["device", "interface", "endpoint", "other"]),
  request: byte,
  value: u16,
  index: u16,
});

const deviceOp = { id: z.number().int().nonnegative(), deviceId: z.string().min(1).max(64) };

export const requestSchema = z.discriminatedUnion("op", [
  z.object({
    id: z.number().int().nonnegative(),
    op: z.literal("hello"),
    token: z.string().min(1).max(200),
    protocol: z.literal(BRIDGE_PROTOCOL),
  }),
  z.object({ id: z.number().int().nonnegative(), op: z.literal("getDevices") }),
  z.object({ ...deviceOp, op: z.literal("open") }),
  z.object({ ...deviceOp, op: z.literal("close") }),
  z.object({ ...deviceOp, op: z.literal("reset") }),
  z.object({ ...deviceOp, op: z.literal("selectConfiguration"), configurationValue: byte }),
  z.object({ ...deviceOp, op: z.literal("claimInterface"), interfaceNumber: byte }),
  z.object({ ...deviceOp, op: z.literal("releaseInterface"), interfaceNumber: byte }),
  z.object({
    ...deviceOp,
    op: z.literal("selectAlternateInterface"),
    interfaceNumber: byte,
    alternateSetting: byte,
  }),
  z.object({ ...deviceOp, op: z.literal("controlTransferIn"), setup: setupSchema, length: u16 }),
  z.object({ ...deviceOp, op: z.literal("controlTransferOut"), setup: setupSchema, data: base64.optional() }),
  z.object({
    ...deviceOp,
    op: z.literal("clearHalt"),
    direction: z.enum(["in", "out"]),
    endpointNumber: z.number().int().min(0).max(15),
  }),
  z.object({
    ...deviceOp,
    op: z.literal("transferIn"),
    endpointNumber: z.number().int().min(0).max(15),
    length: z
      .number()
      .int()
      .min(0)
      .max(1 << 20),
  }),
  z.object({
    ...deviceOp,
    op: z.literal("transferOut"),
    endpointNumber: z.number().int().min(0).max(15),
    data: base64.max(2 << 20),
  }),
  z.object({
    id: z.number().int().nonnegative(),
    op: z.literal("createTerminalAssertion"),
    htm: z.string().regex(/^[A-Z]{3,7}$/),
    htu: z
      .string()
      .regex(/^\/[\x21-\x7e]*$/)
      .max(2048),
  }),
]);
export type BridgeRequest = z.infer<typeof requestSchema>;

const endpointSchema = z.object({
  endpointNumber: z.number(),
  direction: z.enum(["in", "out"]),
  type: z.enum(["bulk", "interrupt", "isochronous"]),
  packetSize: z.number(),
});
const alternateSchema = z.object({
  alternateSetting: z.number(),
  interfaceClass: z.number(),
  interfaceSubclass: z.number(),
  interfaceProtocol: z.number(),
  interfaceName: z.string().nullable(),
  endpoints: z.array(endpointSchema),
});
export const configurationSchema = z.object({
  configurationValue: z.number(),
  configurationName: z.string().nullable(),
  interfaces: z.array(z.object({ interfaceNumber: z.number(), alternates: z.array(alternateSchema) })),
});

export const deviceInfoSchema = z.object({
  deviceId: z.string(),
  usbVersionMajor: z.number(),
  usbVersionMinor: z.number(),
  usbVersionSubminor: z.number(),
  deviceClass: z.number(),
  deviceSubclass: z.number(),
  deviceProtocol: z.number(),
  vendorId: z.number(),
  productId: z.number(),
  deviceVersionMajor: z.number(),
  deviceVersionMinor: z.number(),
  deviceVersionSubminor: z.number(),
  manufacturerName: z.string().nullable(),
  productName: z.string().nullable(),
  serialNumber: z.string().nullable(),
  configurations: z.array(configurationSchema),
});
export type DeviceInfo = z.infer<typeof deviceInfoSchema>;

export const transferResultSchema = z.object({
  status: z.enum(["ok", "stall", "babble"]),
  data: base64.optional(),
  bytesWritten: z.number().optional(),
});

export const bridgeStatusSchema = z.object({
  terminalId: z.string(),
  readers: z.array(
    z.object({
      deviceId: z.string(),
      plugged: z.boolean(),
      slots: z.array(z.enum(["absent", "inactive", "active"])),
    }),
  ),
});
export type BridgeStatus = z.infer<typeof bridgeStatusSchema>;

export const responseSchema = z.union([
  z.object({ id: z.number(), ok: z.literal(true), result: z.unknown() }),
  z.object({
    id: z.number(),
    ok: z.literal(false),
    error: z.object({ name: z.string(), message: z.string() }),
  }),
]);

export const eventSchema = z.discriminatedUnion("event", [
  z.object({ event: z.literal("connect"), device: deviceInfoSchema }),
  z.object({ event: z.literal("disconnect"), deviceId: z.string() }),
  z.object({ event: z.literal("status"), status: bridgeStatusSchema }),
]);
export type BridgeEvent = z.infer<typeof eventSchema>;

export function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/**
 * @module Test setup: the shared emulated test card in a virtual reader, driven by the CCID driver — the whole
 * path a TV app uses, minus the WebSocket.
 */
import { EmulatedMyNumberCard } from "../../card/emulated-my-number-card.ts";
import { sharedTestCard } from "../../card/testing/shared-test-card.ts";
import { CcidReader } from "../../ccid/ccid-reader.ts";
import { VirtualCcidReader, type VirtualReaderOptions } from "../../reader/virtual-ccid-reader.ts";
import { JpkiCardClient } from "../jpki-card-client.ts";

export async function cardInReader(readerOptions: VirtualReaderOptions = {}) {
  const testCard = await sharedTestCard();
  const emulated = new EmulatedMyNumberCard(structuredClone(testCard.image));
  const device = new VirtualCcidReader(readerOptions);
  device.insertCard(emulated);
  const reader = await CcidReader.open(device);
  const client = await JpkiCardClient.connect(reader);
  return { testCard, emulated, device, reader, client };
}

export const fromBase64 = (value: string) => new Uint8Array(Buffer.from(value, "base64"));

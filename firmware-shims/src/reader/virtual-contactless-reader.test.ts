import { describe, expect, it } from "vitest";
import { EmulatedMyNumberCard } from "../card/emulated-my-number-card.ts";
import { sharedTestCard } from "../card/testing/shared-test-card.ts";
import { isReaderError } from "../ccid/errors.ts";
import { JpkiCardClient } from "../jpki/jpki-card-client.ts";
import { signLoginChallenge } from "../jpki/sign-login-challenge.ts";
import { VirtualContactlessReader } from "./virtual-contactless-reader.ts";

async function createTestCard() {
  const { image } = await sharedTestCard();
  return { card: new EmulatedMyNumberCard(structuredClone(image)), pins: { auth: image.jpki.authPin } };
}

describe("VirtualContactlessReader", () => {
  it("carries the JPKI login APDUs to a touched card and back", async () => {
    const { card, pins } = await createTestCard();
    const nfc = new VirtualContactlessReader();
    nfc.touch(card);
    const client = await JpkiCardClient.connect(nfc);
    const signed = await signLoginChallenge(client, {
      toBeSigned: new Uint8Array([1, 2, 3]),
      pin: pins.auth,
    });
    expect(signed.signature.length).toBe(256);
    expect(signed.authenticationCertificate[0]).toBe(0x30);
  });

  it("answers no_card when nothing is on the phone", async () => {
    const nfc = new VirtualContactlessReader();
    await expect(JpkiCardClient.connect(nfc)).rejects.toSatisfy((e) => isReaderError(e, "no_card"));
  });

  it("answers card_removed when the card is pulled during a command", async () => {
    const { card, pins } = await createTestCard();
    const nfc = new VirtualContactlessReader();
    nfc.touch(card);
    const client = await JpkiCardClient.connect(nfc);
    nfc.pullOnNextCommand = true;
    await expect(
      signLoginChallenge(client, { toBeSigned: new Uint8Array([1]), pin: pins.auth }),
    ).rejects.toSatisfy((e) => isReaderError(e, "card_removed"));
    expect(nfc.hasCard).toBe(false);
  });
});

import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JPKI_AID, JPKI_EF } from "../applets/jpki-ap.ts";
import { EmulatedMyNumberCard } from "../emulated-my-number-card.ts";
import { selectAid, selectEf, send, verifyCurrent } from "../testing/apdu.ts";
import { sharedTestCard } from "../testing/shared-test-card.ts";
import { CardImageStore } from "./card-image-store.ts";

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "card-image-store-"));
  path = join(dir, "card.json");
  const { image } = await sharedTestCard();
  await writeFile(path, JSON.stringify(image));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function openCard(): Promise<EmulatedMyNumberCard> {
  const store = new CardImageStore(path);
  const card = new EmulatedMyNumberCard(await store.load(), { store });
  card.powerOn();
  await send(card, selectAid(JPKI_AID));
  return card;
}

describe("CardImageStore", () => {
  it("keeps a blocked PIN blocked after the card is loaded again", async () => {
    const card = await openCard();
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    for (let i = 0; i < 3; i++) await send(card, verifyCurrent("0000"));

    const reloaded = await openCard();
    await send(reloaded, selectEf(JPKI_EF.AUTH_PIN));
    expect((await send(reloaded, verifyCurrent())).sw).toBe(0x63c0);
    expect((await send(reloaded, verifyCurrent("1234"))).sw).toBe(0x6984);
  });

  it("stores a spent try before the card answers", async () => {
    const card = await openCard();
    await send(card, selectEf(JPKI_EF.SIGN_PASSWORD));
    await send(card, verifyCurrent("WRONG1"));
    const onDisk = JSON.parse(await readFile(path, "utf8"));
    expect(onDisk.counters.signPasswordRemaining).toBe(4);
  });

  it("stores a changed PIN", async () => {
    const card = await openCard();
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    await send(card, verifyCurrent("1234"));
    await send(card, Uint8Array.of(0x00, 0x24, 0x01, 0x80, 0x04, 0x35, 0x36, 0x37, 0x38));
    expect((await new CardImageStore(path).load()).jpki.authPin).toBe("5678");
  });

  it("keeps certificates the J-LIS simulator rewrote while the card was inserted", async () => {
    const card = await openCard();
    const renewed = { ...JSON.parse(await readFile(path, "utf8")) };
    renewed.jpki.signCertificate = Buffer.from("renewed certificate").toString("base64");
    await writeFile(path, JSON.stringify(renewed));
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    await send(card, verifyCurrent("0000"));
    const onDisk = await new CardImageStore(path).load();
    expect(onDisk.jpki.signCertificate).toBe(renewed.jpki.signCertificate);
    expect(onDisk.counters.authPinRemaining).toBe(2);
  });

  it("leaves no temporary file behind after saving", async () => {
    const card = await openCard();
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    await send(card, verifyCurrent("0000"));
    expect(await readdir(dir)).toEqual(["card.json"]);
  });

  it("answers 6F00 and keeps the old PIN when the image cannot be written", async () => {
    const card = await openCard();
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    await send(card, verifyCurrent("1234"));
    await rm(dir, { recursive: true, force: true });
    const answer = await send(card, Uint8Array.of(0x00, 0x24, 0x01, 0x80, 0x04, 0x35, 0x36, 0x37, 0x38));
    expect(answer.sw).toBe(0x6f00);
    card.powerOn();
    await send(card, selectAid(JPKI_AID));
    await send(card, selectEf(JPKI_EF.AUTH_PIN));
    expect((await send(card, verifyCurrent("1234"))).sw).toBe(0x9000);
  });

  it("names the invalid fields without quoting their values", async () => {
    const { image } = await sharedTestCard();
    await writeFile(path, JSON.stringify({ ...image, jpki: { ...image.jpki, authPin: "12a4" } }));
    const failure = new CardImageStore(path).load();
    await expect(failure).rejects.toMatchObject({ code: "card_image_invalid" });
    await expect(failure).rejects.toThrow(/jpki\.authPin/);
    await expect(failure).rejects.not.toThrow(/12a4/);
  });

  it("refuses a file that is not JSON", async () => {
    await writeFile(path, "not json");
    await expect(new CardImageStore(path).load()).rejects.toMatchObject({ code: "card_image_not_json" });
  });

  it("refuses a missing file with a clear code", async () => {
    await expect(new CardImageStore(join(dir, "absent.json")).load()).rejects.toMatchObject({
      code: "card_image_unreadable",
    });
  });
});

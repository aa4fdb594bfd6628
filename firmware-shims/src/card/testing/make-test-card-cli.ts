/**
 * @module `node firmware-shims/src/card/testing/make-test-card-cli.ts <out.json>`: writes a TEST card image (PIN 1234,
 * signature password ABC123, 生年月日 key 550217) for trying `card-vpcd` without the J-LIS simulator.
 */
import { writeFile } from "node:fs/promises";
import { makeTestCard } from "./make-test-card.ts";

const out = process.argv[2];
if (!out) {
  console.error("usage: make-test-card-cli.ts <out.json>");
  process.exitCode = 2;
} else {
  const { image } = await makeTestCard();
  await writeFile(out, `${JSON.stringify(image, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  console.log(`wrote TEST card ${image.cardId} to ${out}`);
}

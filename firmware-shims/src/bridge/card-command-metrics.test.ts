import { createServiceMetrics } from "@catv/service-kit/metrics";
import { describe, expect, it } from "vitest";
import { JPKI_AID, JPKI_EF } from "../card/applets/jpki-ap.ts";
import { KENKAKU_AID } from "../card/applets/kenkaku-ap.ts";
import { readBinary, selectAid, selectEf, send, verifyCurrent } from "../card/testing/apdu.ts";
import { poweredTestCard } from "../card/testing/shared-test-card.ts";
import { countCardCommands, createCardCommandCounter } from "./card-command-metrics.ts";

async function countingCard() {
  const metrics = createServiceMetrics("bridge", { defaultMetrics: false });
  const card = countCardCommands(await poweredTestCard(), createCardCommandCounter(metrics));
  const count = async (labels: string) => {
    const text = await metrics.registry.getSingleMetricAsString("bridge_card_commands_total");
    const line = text.split("\n").find((l) => l.startsWith(`bridge_card_commands_total{${labels},`));
    return line ? Number(line.slice(line.lastIndexOf(" ") + 1)) : 0;
  };
  return { card, count };
}

describe("card commands at the bridge", () => {
  it("counts a certificate read under the authentication flow", async () => {
    const { card, count } = await countingCard();
    await send(card, selectAid(JPKI_AID));
    await send(card, selectEf(JPKI_EF.AUTH_CERTIFICATE));
    await send(card, readBinary(0, 4));
    expect(await count('flow="jpki",command="select",status="9000"')).toBe(1);
    expect(await count('flow="authentication",command="select",status="9000"')).toBe(1);
    expect(await count('flow="authentication",command="read_binary",status="9000"')).toBe(1);
  });

  it("counts a wrong signature password under the signature flow without its retries left", async () => {
    const { card, count } = await countingCard();
    await send(card, selectAid(JPKI_AID));
    await send(card, selectEf(JPKI_EF.SIGN_PASSWORD));
    await send(card, verifyCurrent("WRONGPASS1"));
    expect(await count('flow="signature",command="verify",status="63cx"')).toBe(1);
  });

  it("counts the 券面事項確認AP's commands under kenkaku", async () => {
    const { card, count } = await countingCard();
    await send(card, selectAid(KENKAKU_AID));
    expect(await count('flow="kenkaku",command="select",status="9000"')).toBe(1);
  });
});

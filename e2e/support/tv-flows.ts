/**
 * @module The TV flows the journeys share, as a viewer goes through them with the remote: registration
 * (consent → card → 署名用パスワード on the on-screen keyboard → result) and opening a service from the portal.
 */
import { expect } from "playwright/test";
import type { CardReader } from "./card-reader.ts";
import type { TvApp } from "./tv-app.ts";

export interface RegistrationResult {
  screen: string;
  cableId: string;
  texts: string;
}

/** Portal → 利用者登録 → consent → (card) → password screen. Places the card when the TV asks for it. */
export async function startRegistration(tv: TvApp, reader: CardReader, cardId: string): Promise<void> {
  await tv.select("利用者登録");
  await tv.waitForScreen("consent");
  const serial = (await tv.state()).serial;
  await tv.select("同意して進む");
  const next = await tv.waitForScreen(["insert-card", "password"], { after: serial });
  if (next === "insert-card") {
    await reader.insert(cardId);
    await tv.waitForScreen("password");
  }
}

/** Types the 署名用パスワード with the on-screen keyboard and waits for the outcome screen. */
export async function submitSignaturePassword(tv: TvApp, password: string): Promise<RegistrationResult> {
  await tv.waitForTile((tiles) => tiles.some((t) => t.label === "A"));
  const serial = (await tv.state()).serial;
  await tv.enterPasswordOnScreenKeyboard(password);
  const screen = await tv.waitForScreen(
    ["registration-result", "password", "error-card_removed", "error-password_locked", "error-unexpected"],
    { after: serial, timeout: 60_000 },
  );
  const texts = await tv.screenText();
  const cableId = /ケーブルID：\s*([0-9A-Za-z-]+)/.exec(texts)?.[1] ?? "";
  return { screen, cableId, texts };
}

/** A whole first registration; asserts it ended on the result screen and returns the cable ID. */
export async function registerOnTv(
  tv: TvApp,
  reader: CardReader,
  cardId: string,
  password: string,
): Promise<RegistrationResult> {
  await startRegistration(tv, reader, cardId);
  const result = await submitSignaturePassword(tv, password);
  expect(result.screen, result.texts).toBe("registration-result");
  expect(result.cableId).not.toBe("");
  return result;
}

/** From the result or an error screen back to the portal with OK on 「トップへ戻る」. */
export async function backToPortal(tv: TvApp): Promise<void> {
  if ((await tv.state()).screen === "portal") return;
  await tv.select("トップへ戻る");
  await tv.waitForScreen("portal");
}

/** Screens a service opens on once the viewer is in. */
const SERVICE_HOME = { healthcare: "health", facility: "facility-towns" } as const;
const SERVICE_TILE = { healthcare: "ヘルスケア情報", facility: "公共施設予約" } as const;

/**
 * Portal → a service: places the card when asked, logs in (PIN-less for both demo services), agrees to the
 * enrolment on first use, and waits for the service's first screen. Throws with the screen's words on an error.
 */
export async function openService(
  tv: TvApp,
  reader: CardReader,
  service: keyof typeof SERVICE_HOME,
  cardId: string,
): Promise<void> {
  const home = SERVICE_HOME[service];
  let serial = (await tv.state()).serial;
  await tv.select(SERVICE_TILE[service]);
  for (let i = 0; i < 8; i++) {
    const screen = await tv.waitForScreen(["insert-card", "enrolment", home, "error-*"], {
      after: serial,
      timeout: 60_000,
    });
    serial = (await tv.state()).serial;
    if (screen === home) return;
    if (screen === "insert-card") await reader.insert(cardId);
    else if (screen === "enrolment") await tv.select("申し込む");
    else throw new Error(`the TV showed ${screen}: ${await tv.screenText()}`);
  }
  throw new Error(`the TV did not reach ${home}`);
}

/** The settings screen (設定), opened with the blue key (F4 on a keyboard) from wherever the viewer is. */
export async function openSettings(tv: TvApp): Promise<void> {
  const serial = (await tv.state()).serial;
  await tv.press("F4");
  await tv.waitForScreen("settings", { after: serial });
}

/** 設定 → 文字の大きさ: OK until it reads `size` (標準, 大, 特大), then Back to where the viewer was. */
export async function setTextSize(tv: TvApp, size: "標準" | "大" | "特大"): Promise<void> {
  await openSettings(tv);
  await tv.focus("文字の大きさ");
  for (let i = 0; i < 3; i++) {
    const row = (await tv.tiles()).find((t) => t.label === "文字の大きさ");
    if (row?.value === size) break;
    const serial = (await tv.state()).serial;
    await tv.press("Enter");
    await tv.waitForScreen("settings", { after: serial });
  }
  expect((await tv.tiles()).find((t) => t.label === "文字の大きさ")?.value).toBe(size);
  const serial = (await tv.state()).serial;
  await tv.press("Backspace");
  await tv.waitForScreen("*", { after: serial });
}

/** The facility service's towns → the tennis court of 南砺市 → the first date → the slot grid. */
export async function openFeeBearingSlots(tv: TvApp): Promise<void> {
  await tv.select("南砺市");
  await tv.waitForScreen("facility-list");
  await tv.select("桜ヶ池テニスコート 第1コート");
  await tv.waitForScreen("facility-dates");
  const dates = await tv.waitForTile((tiles) => tiles.length > 0);
  await tv.select((t) => t.label === dates[0]?.label);
  await tv.waitForScreen("facility-slots");
}

/**
 * On the slot grid: the first free slot with a fee → the confirmation (`onConfirm` may look at it) → 予約する.
 * Returns the fee text.
 */
export async function bookFirstFeeSlot(tv: TvApp, onConfirm?: () => Promise<void>): Promise<string> {
  const tiles = await tv.waitForTile((all) => all.some((t) => t.label === "空き"));
  const slot = tiles.find((t) => t.label === "空き" && /[0-9,]+円/.test(t.sub));
  if (!slot) throw new Error("no free slot with a fee on this day");
  await tv.select((t) => t.x === slot.x && t.y === slot.y);
  await tv.waitForScreen("facility-confirm");
  await expectText(tv, "ケーブルテレビ料金と一緒に請求されます");
  await onConfirm?.();
  const serial = (await tv.state()).serial;
  await tv.select("予約する");
  await tv.waitForScreen(["step-up", "facility-done", "error-*"], { after: serial, timeout: 60_000 });
  return slot.sub;
}

async function expectText(tv: TvApp, text: string): Promise<void> {
  expect(await tv.screenText()).toContain(text);
}

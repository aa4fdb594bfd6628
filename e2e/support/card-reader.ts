/**
 * @module The hand at a card reader: a firmware bridge's demo control page (`/demo`), in its own browser page —
 * the STB's bridge (`bridge`) or a hospital reception terminal's (`reception-bridge`), which serve the same page. Cards are placed and taken away, and the reader unplugged and plugged back, only by clicking
 * that page's controls, exactly as a person running the demo would.
 */
import { expect, type Page } from "playwright/test";
import { directUrl } from "./system.ts";

export type SlotState = "absent" | "inactive" | "active";

export class CardReader {
  readonly page: Page;
  /** The bridge service whose reader this is. */
  readonly bridge: "bridge" | "reception-bridge";

  constructor(page: Page, bridge: "bridge" | "reception-bridge" = "bridge") {
    this.page = page;
    this.bridge = bridge;
  }

  /**
   * Opens the demo page at the bridge's own address: the page is the person at the STB, not traffic between
   * systems, and the bridge accepts its controls only from its own origin.
   */
  async open(): Promise<void> {
    await this.page.goto(`${directUrl(this.bridge)}/demo`);
    await expect(this.page.locator("#terminal-id")).not.toHaveText("—");
  }

  /**
   * Puts the resident's card on the reader and waits until the reader reports it. A card already lying there is
   * left alone: the TV shows 「カードを置いてください」 for a moment even when the card is in place.
   */
  async insert(cardId: string): Promise<void> {
    if ((await this.insertedCardId()) === cardId) return;
    await this.page.locator("#card-select").selectOption(cardId);
    await this.page.locator("#insert-card").click();
    await expect(this.page.locator("#inserted-card")).toHaveAttribute("data-card-id", cardId);
    await expect(this.page.locator("#card-state")).not.toHaveAttribute("data-state", "absent");
  }

  async remove(): Promise<void> {
    await this.page.locator("#remove-card").click();
    await expect(this.page.locator("#card-state")).toHaveAttribute("data-state", "absent");
  }

  /** Takes the card away if one is there (a journey starts with an empty reader). */
  async ensureEmpty(): Promise<void> {
    await this.ensurePlugged();
    if ((await this.page.locator("#card-state").getAttribute("data-state")) !== "absent") await this.remove();
  }

  async unplug(): Promise<void> {
    await this.page.locator("#unplug-reader").click();
    await expect(this.page.locator("#reader-state")).toHaveAttribute("data-state", "unplugged");
  }

  async replug(): Promise<void> {
    await this.page.locator("#replug-reader").click();
    await expect(this.page.locator("#reader-state")).toHaveAttribute("data-state", "plugged");
  }

  async ensurePlugged(): Promise<void> {
    if ((await this.page.locator("#reader-state").getAttribute("data-state")) === "unplugged")
      await this.replug();
  }

  /** The card's remaining tries as the card-table shows them: [利用者証明用暗証番号, 署名用パスワード]. */
  async remainingTries(cardId: string): Promise<{ pin: number; password: number }> {
    const cells = this.page.locator(`#card-table tr[data-card-id="${cardId}"] td`);
    const pin = Number.parseInt((await cells.nth(2).textContent()) ?? "", 10);
    const password = Number.parseInt((await cells.nth(3).textContent()) ?? "", 10);
    return { pin, password };
  }

  async insertedCardId(): Promise<string> {
    return (await this.page.locator("#inserted-card").getAttribute("data-card-id")) ?? "";
  }

  async slotState(): Promise<SlotState> {
    return (await this.page.locator("#card-state").getAttribute("data-state")) as SlotState;
  }
}

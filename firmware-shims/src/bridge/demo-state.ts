/**
 * @module What the demo control page shows: the readers (plugged, slot state, which card is in) and the demo
 * residents' cards with their remaining PIN tries (no PINs, no birth dates).
 */
import type { ReaderFaults } from "../reader/virtual-ccid-reader.ts";
import type { BridgeStatus } from "../webusb/protocol.ts";
import type { CardSummary } from "./card-library.ts";
import type { ReaderPool } from "./reader-pool.ts";

export interface DemoState {
  terminalId: string;
  readers: {
    deviceId: string;
    productName: string;
    plugged: boolean;
    slot: "absent" | "inactive" | "active";
    insertedCard: { cardId: string; displayLabel: string } | null;
    faults: ReaderFaults | null;
  }[];
  cards: CardSummary[];
}

export function bridgeStatus(pool: ReaderPool, terminalId: string): BridgeStatus {
  return {
    terminalId,
    readers: pool.all().map((r) => ({
      deviceId: r.deviceId,
      plugged: r.virtual ? r.virtual.plugged : true,
      slots: r.virtual ? [r.virtual.slotState(0)] : ["inactive"],
    })),
  };
}

export async function demoState(pool: ReaderPool, terminalId: string): Promise<DemoState> {
  const cards = await pool.library.list();
  return {
    terminalId,
    readers: pool.all().map((r) => {
      const label = cards.find((c) => c.cardId === r.insertedCardId)?.displayLabel;
      return {
        deviceId: r.deviceId,
        productName: r.device.productName ?? "USB reader",
        plugged: r.virtual ? r.virtual.plugged : true,
        slot: r.virtual ? r.virtual.slotState(0) : "inactive",
        insertedCard: r.insertedCardId
          ? { cardId: r.insertedCardId, displayLabel: label ?? r.insertedCardId }
          : null,
        faults: r.virtual ? { ...r.virtual.faults } : null,
      };
    }),
    cards,
  };
}

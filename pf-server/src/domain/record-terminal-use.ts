/**
 * @module Remembers when each STB terminal was last used (an accepted terminal assertion), for the administrator
 * console's terminal list. Written at most once a minute per terminal: the console shows minutes, and a write per
 * request would double the PF's writes under load.
 */
import type { PfContext } from "./context.ts";

const WRITE_EVERY_MS = 60_000;
const lastWrites = new WeakMap<PfContext["store"], Map<string, number>>();

export async function recordTerminalUse(ctx: PfContext, terminalId: string): Promise<void> {
  let written = lastWrites.get(ctx.store);
  if (!written) {
    written = new Map();
    lastWrites.set(ctx.store, written);
  }
  const now = ctx.clock.now();
  const last = written.get(terminalId);
  if (last !== undefined && now.getTime() - last < WRITE_EVERY_MS) return;
  written.set(terminalId, now.getTime());
  await ctx.store.tenants.recordTerminalUse(terminalId, now.toISOString());
}

/**
 * @module What a test knows about the running system: its URLs, data directory and demo credentials, and the
 * control channel through which a journey stops and restarts one service (journey 9: the console is down).
 */

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { jstMonth, nextMonth, startOfJstMonth } from "@catv/contracts/calendar";
import type { DemoCredentials } from "../launcher/demo-credentials.ts";

export interface SystemUnderTest {
  dataDir: string;
  /** The URL every process uses (the recording proxy's in a recorded run). */
  urls: Record<string, string>;
  /** Each service's own listener, for pages that are no system's traffic (the bridge's demo page). */
  directUrls?: Record<string, string>;
  credentialsPath: string;
  /** Global setup's control server (stop/start one service); absent when the suite reuses a running system. */
  controlUrl?: string;
  /** Whether every HTTP exchange between systems was recorded (the privacy scan reads the capture). */
  recordHttp?: boolean;
}

export function systemUnderTest(): SystemUnderTest {
  const file = process.env.E2E_SYSTEM_FILE;
  if (!file) throw new Error("E2E_SYSTEM_FILE is not set: run the suite through Playwright's global setup");
  return JSON.parse(readFileSync(file, "utf8")) as SystemUnderTest;
}

export function demoCredentials(system = systemUnderTest()): DemoCredentials {
  return JSON.parse(readFileSync(system.credentialsPath, "utf8")) as DemoCredentials;
}

export function serviceUrl(name: string, system = systemUnderTest()): string {
  const url = system.urls[name];
  if (!url) throw new Error(`the system has no service named ${name}`);
  return url;
}

/** The service's own listener (falls back to its public URL when the system was started without proxies). */
export function directUrl(name: string, system = systemUnderTest()): string {
  return system.directUrls?.[name] ?? serviceUrl(name, system);
}

async function control(action: "stop" | "start", service: string): Promise<void> {
  const { controlUrl } = systemUnderTest();
  if (!controlUrl) {
    throw new Error("this run reuses a system started elsewhere: it cannot stop or start services");
  }
  const response = await fetch(`${controlUrl}/services/${service}/${action}`, { method: "POST" });
  if (!response.ok) throw new Error(`${action} ${service}: ${response.status} ${await response.text()}`);
}

/** Stops one service of the running system (SIGTERM, as an operator would), leaving the rest running. */
export const stopService = (service: string) => control("stop", service);
/** Starts a stopped service again and resolves once it answers its health check. */
export const startService = (service: string) => control("start", service);

/** A clock step every service has taken within `CLOCK_STEP_SETTLE_MS` (they look at the file every 200 ms). */
const CLOCK_STEP_MS = 60_000;
const CLOCK_STEP_SETTLE_MS = 400;
/** Moves up to this far are made in steps; further ones (to a month's end) in one jump. */
const STEPPED_MOVE_LIMIT_MS = 15 * 60_000;

/**
 * Moves every service's clock to `to` (and on from there, as real time passes), through the preloaded
 * `system-clock.mjs`. Only a run started by global setup has that clock; a reused system refuses.
 *
 * The services pick the change up within 200 ms of each other, so for a moment two of them may disagree by the
 * whole move. A move of a few minutes (a request's expiry) is therefore made in 60 s steps: a terminal assertion
 * signed by the bridge just before a step still verifies at the PF just after it (±120 s), and a TV that keeps
 * polling through the move is not refused. Longer moves are made at once, when no terminal is polling.
 */
export async function advanceSystemClock(to: Date): Promise<void> {
  const system = systemUnderTest();
  if (!system.controlUrl) throw new Error("this run reuses a system started elsewhere: its clock is its own");
  const file = join(system.dataDir, "e2e-clock.json");
  const targetOffsetMs = to.getTime() - Date.now();
  let offsetMs = currentOffsetMs(file);
  const write = (value: number) => writeFileSync(file, JSON.stringify({ offsetMs: value }));
  if (Math.abs(targetOffsetMs - offsetMs) <= STEPPED_MOVE_LIMIT_MS) {
    while (Math.abs(targetOffsetMs - offsetMs) > CLOCK_STEP_MS) {
      offsetMs += Math.sign(targetOffsetMs - offsetMs) * CLOCK_STEP_MS;
      write(offsetMs);
      await new Promise((settled) => setTimeout(settled, CLOCK_STEP_SETTLE_MS));
    }
  }
  write(targetOffsetMs);
  // The services look at the file at most every 200 ms.
  await new Promise((settled) => setTimeout(settled, 1_000));
}

function currentOffsetMs(file: string): number {
  try {
    return Number(JSON.parse(readFileSync(file, "utf8")).offsetMs) || 0;
  } catch {
    return 0;
  }
}

/** 00:30 JST on the first day of the month after `date`'s JST month: the earliest a month can be closed. */
export function startOfNextJstMonth(date = new Date()): Date {
  return new Date(startOfJstMonth(nextMonth(jstMonth(date))).getTime() + 30 * 60_000);
}

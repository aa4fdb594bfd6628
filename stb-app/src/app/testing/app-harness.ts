/**
 * @module The TV app's flows under test without a browser: the real controller and PF client over real HTTP
 * to the fake backend (scripts/fake-backend.ts, held to the contracts), an in-memory card, and a screen host
 * that records every screen shown. Translations are the keys themselves, with their values appended, so a test
 * reads which text a screen says and with what.
 */
import { expect } from "vitest";
import { type FakeBackend, startFakeBackend } from "../../../scripts/fake-backend.ts";
import { FakeCardPort } from "../../lib/card/fake-card-port.ts";
import { PfClient } from "../../lib/pf/pf-client.ts";
import { defaultPreferences, type Preferences } from "../../lib/settings/preferences.ts";
import { AppController } from "../controller.ts";
import type { Choice, HeaderStatus, ScreenHost, ScreenSpec } from "../screen-spec.ts";

/** `key` or `key {"name":value}`: what a screen says, readable in assertions. */
export const fakeTranslate = (key: string, values?: Record<string, string | number>) =>
  values ? `${key} ${JSON.stringify(values)}` : key;

export interface AppHarness {
  controller: AppController;
  backend: FakeBackend;
  card: FakeCardPort;
  pf: PfClient;
  shown: ScreenSpec[];
  toasts: string[];
  status: () => HeaderStatus | null;
  exitAsked: () => number;
  preferences: () => Preferences;
  last: () => ScreenSpec;
  /** Waits until the screen on top is `name` (shown after `afterCount` screens, when given). */
  until: (name: string, afterCount?: number) => Promise<ScreenSpec>;
  /** OK on the choice labelled `label` (exactly, or starting with it). */
  choose: (label: string) => void;
  /** Moves focus to choice `index` as the arrows would (the screen tells the navigation), then OK. */
  select: (index: number) => void;
  /** All the words on the screen on top. */
  words: () => string;
  close: () => Promise<void>;
}

export function choicesOf(spec: ScreenSpec): Choice[] {
  if ("choices" in spec) return spec.choices;
  if ("tiles" in spec) return spec.tiles;
  return [];
}

export async function startAppHarness(
  options: { now?: Date; polling?: { intervalMs: number; forMs: number }; enrolled?: string[] } = {},
): Promise<AppHarness> {
  const backend = await startFakeBackend({
    registrationDelayMs: 0,
    enrolled: options.enrolled ?? ["facility-booking", "healthcare"],
  });
  const shown: ScreenSpec[] = [];
  const toasts: string[] = [];
  let status: HeaderStatus | null = null;
  let exitAsked = 0;
  const host: ScreenHost = {
    show: (spec) => shown.push(spec),
    setStatus: (s) => {
      status = s;
    },
    toast: (message) => toasts.push(message),
    askExit: () => {
      exitAsked += 1;
    },
  };
  const card = new FakeCardPort();
  const pf = new PfClient({ baseUrl: backend.url, assert: async () => "terminal-assertion" });
  let prefs = defaultPreferences();
  const controller = new AppController({
    pf,
    card,
    host,
    t: fakeTranslate,
    preferences: {
      get: () => prefs,
      set: async (p) => {
        prefs = p;
      },
    },
    householdLinkPolling: options.polling ?? { intervalMs: 5, forMs: 2_000 },
    ...(options.now ? { now: () => options.now! } : {}),
  });
  const last = () => {
    const spec = shown.at(-1);
    if (!spec) throw new Error("no screen shown yet");
    return spec;
  };
  const until = async (name: string, afterCount = 0) => {
    for (let i = 0; i < 400; i++) {
      if (shown.length > afterCount && shown.at(-1)?.name === name) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(shown.at(-1)?.name).toBe(name);
    return last();
  };
  const choose = (label: string) => {
    const spec = last();
    const choice =
      choicesOf(spec).find((c) => c.label === label) ??
      choicesOf(spec).find((c) => c.label.startsWith(label));
    if (!choice)
      throw new Error(`no choice ${label} on ${spec.name}: ${choicesOf(spec).map((c) => c.label)}`);
    choice.onSelect();
  };
  const select = (index: number) => {
    const spec = last();
    spec.onFocus?.(index);
    const choice = choicesOf(spec)[index];
    if (!choice) throw new Error(`no choice ${index} on ${spec.name}`);
    choice.onSelect();
  };
  const words = () => {
    const spec = last();
    const parts: string[] = [];
    if ("title" in spec) parts.push(spec.title);
    if (spec.kind === "message") parts.push(...spec.paragraphs.map((p) => p.text));
    if (spec.kind === "pin") parts.push(spec.body, spec.problem ?? "");
    if (spec.kind === "qr") parts.push(spec.userCode, spec.status.text, spec.countdown);
    parts.push(...choicesOf(spec).flatMap((c) => [c.label, c.sub ?? ""]));
    return parts.join("\n");
  };
  return {
    controller,
    backend,
    card,
    pf,
    shown,
    toasts,
    status: () => status,
    exitAsked: () => exitAsked,
    preferences: () => prefs,
    last,
    until,
    choose,
    select,
    words,
    close: () => backend.close(),
  };
}

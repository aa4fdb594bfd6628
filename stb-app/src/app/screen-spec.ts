/**
 * @module What the controller asks the screen host to show. Plain data plus callbacks, so flows are decided
 * in TypeScript modules and the Lightning screens only draw and forward keys.
 */
import type { SlotGrid } from "../lib/booking/booking-flow.ts";
import type { HealthSummary, Notice, Steps, Trend } from "../lib/providers/healthcare-client.ts";

export interface Choice {
  label: string;
  sub?: string;
  disabled?: boolean;
  value?: string;
  accent?: number;
  onSelect: () => void;
}

export type Tone = "info" | "error" | "success" | "warn";

interface Base {
  /** Stable name for e2e tests and screenshots ("portal", "pin", "error-wrong_pin" …). */
  name: string;
  /** Back from this screen; default: the previous screen. */
  onBack?: () => void;
}

export type ScreenSpec =
  | (Base & {
      kind: "portal";
      title: string;
      subtitle: string;
      tiles: Choice[];
      loading: boolean;
    })
  | (Base & {
      kind: "message";
      title: string;
      tone: Tone;
      paragraphs: { text: string; tone?: Tone; size?: number }[];
      choices: Choice[];
      footnote?: string;
    })
  | (Base & { kind: "progress"; title: string; step: string })
  | (Base & {
      kind: "pin";
      title: string;
      body: string;
      triesLeft: number | null;
      problem: string | null;
      onSubmit: (pin: string) => void;
    })
  | (Base & {
      kind: "password";
      triesLeft: number | null;
      problem: string | null;
      onSubmit: (password: string) => void;
    })
  | (Base & { kind: "list"; title: string; choices: Choice[]; empty: string; cols?: number; note?: string })
  | (Base & { kind: "dates"; title: string; choices: Choice[] })
  | (Base & {
      kind: "slots";
      title: string;
      grid: SlotGrid;
      dateLabel: (date: string) => string;
      onPick: (row: number, col: number) => void;
    })
  | (Base & {
      kind: "health";
      summary: HealthSummary;
      steps: Steps;
      notices: Notice[];
      loadTrend: (item: string) => Promise<Trend>;
    })
  | (Base & { kind: "settings"; title: string; choices: Choice[]; focus: number });

export interface HeaderStatus {
  operatorName: string;
  login: string;
  household: string;
  primaryColor: number;
}

/** What the Lightning App offers the controller. */
export interface ScreenHost {
  show(spec: ScreenSpec): void;
  setStatus(status: HeaderStatus): void;
  toast(message: string): void;
  askExit(): void;
  /** Reload the page: the firmware data is injected into index.html, so a late bridge needs a fresh load. */
  reload?(): void;
}

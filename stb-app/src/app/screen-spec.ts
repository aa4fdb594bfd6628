/**
 * @module What the controller asks the screen host to show. Plain data plus callbacks, so flows are decided
 * in TypeScript modules and the Lightning screens only draw and forward keys.
 */
import type { SlotGrid } from "../lib/booking/booking-flow.ts";
import type { Flag, Trend } from "../lib/providers/healthcare-client.ts";

export interface Choice {
  label: string;
  sub?: string;
  disabled?: boolean;
  value?: string;
  accent?: number;
  onSelect: () => void;
}

export type Tone = "info" | "error" | "success" | "warn";

/** One paragraph of a message screen; `size` in 1080p design pixels before the viewer's text scale. */
export interface Paragraph {
  text: string;
  tone?: Tone;
  size?: number;
}

interface Base {
  /** Stable name for e2e tests and screenshots ("portal", "pin", "error-wrong_pin" …). */
  name: string;
  /** Back from this screen; default: the previous screen. */
  onBack?: () => void;
  /** The control focused when the screen is shown: a flow's default, or where the viewer left it. */
  focus?: number;
  /** Told where focus goes as the viewer moves it, so Back returns there (set by the navigation). */
  onFocus?: (index: number) => void;
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
      paragraphs: Paragraph[];
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
      /** Another way to give the PIN (スマートフォンで), on the Green key, its hint shown on the pad. */
      alternative?: Choice;
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
      legend: string;
      /** Days down, slots across: what focus moves over. */
      grid: SlotGrid;
      rowLabels: { text: string; dimmed: boolean }[];
      colLabels: string[];
      /** One per grid cell, row by row. */
      cells: { label: string; sub?: string; disabled: boolean }[];
      onPick: (row: number, col: number) => void;
    })
  | (Base & {
      kind: "health";
      title: string;
      /** 最新の健診結果（2026年6月12日）, or that there is none yet. */
      checkup: string;
      /** Flagged items first. */
      items: HealthItem[];
      stepsTitle: string;
      /** Up to six months, oldest first; `ratio` of the chart's top, which leaves room above the goal. */
      steps: { month: string; average: string; ratio: number; reached: boolean }[];
      goalRatio: number;
      /** The newest notice: its heading (with the date) and title; null when there is none. */
      notice: { heading: string; title: string } | null;
      noNotices: string;
      /** The trend of one item over the years. */
      loadTrend: (item: string) => Promise<Trend>;
    })
  | (Base & { kind: "settings"; title: string; choices: Choice[] })
  | (Base & {
      kind: "qr";
      title: string;
      /** What the QR code encodes: the phone page with the user code filled in. */
      qrText: string;
      /** XXXX-XXXX, to compare on the phone. */
      userCode: string;
      /** Numbered instructions, in order. */
      steps: string[];
      /** Where the request is (waiting, a phone is on it, a new code was made, the network is down). */
      status: Paragraph;
      /** 有効期限 あと 4分32秒 */
      countdown: string;
      /** For typing the code instead: the page's address. */
      manual: string;
      choices: Choice[];
    });

/** One checkup item as the health screen lists it. */
export interface HealthItem {
  item: string;
  label: string;
  /** 142 mmHg */
  value: string;
  /** 受診をおすすめします　基準 130未満 */
  status: string;
  flag: Flag;
  /** 収縮期血圧の推移（mmHg）: the title of its trend chart. */
  trendTitle: string;
}

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

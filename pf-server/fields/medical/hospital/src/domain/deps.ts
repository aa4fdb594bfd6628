/**
 * @module What every use case receives: storage, the PF client, the clock, IDs, the logger, the institution's
 * terminals (whose assertions this system checks before relaying them), the retry policy, and `changed`, which
 * tells the reception desk's screens that something happened at a terminal.
 */
import type { ReceptionPfClient } from "@catv/reception-kit";
import type { Logger } from "@catv/service-kit";
import type { RetryPolicy } from "../config.ts";
import type { HospitalStore } from "./ports.ts";
import type { TerminalRegistry } from "./verify-terminal-assertion.ts";

export interface HospitalDeps {
  store: HospitalStore;
  pf: ReceptionPfClient;
  now: () => Date;
  newId: () => string;
  logger: Logger;
  institution: { id: string; name: string; apiKey: string };
  terminals: TerminalRegistry;
  retry: RetryPolicy;
  /** Called after every change the desk screens show (a visit, a check, a terminal event). */
  changed: () => void;
}

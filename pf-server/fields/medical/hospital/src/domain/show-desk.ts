/**
 * @module What the reception desk's screen shows: per terminal, the latest thing that happened there (a visit with
 * its check, or a refusal by code) and its reader's state; today's visits, newest first; the registrations made at
 * the desk. A visit still waiting for a retry after its recognition ended reads as expired.
 */
import { jstDate } from "@catv/contracts";
import type { HospitalDeps } from "./deps.ts";
import type { CheckRecord, DeskRegistration, LogEntry, Patient, Visit } from "./ports.ts";

export interface DeskVisit {
  visit: Visit;
  patient: Patient;
  /** The visit's latest check, if the PF answered one. */
  check: CheckRecord | undefined;
}

export interface DeskTerminal {
  terminalId: string;
  /** The newest event at the terminal, with its visit when it concerns one. */
  latest: (LogEntry & { visit?: DeskVisit }) | undefined;
  /** The reader as the terminal last reported it: `ok` (connected) or a reader code. */
  reader: string | undefined;
}

export interface DeskView {
  terminals: DeskTerminal[];
  today: DeskVisit[];
  registrations: DeskRegistration[];
}

export function effectiveState(visit: Visit, now: Date): Visit["state"] {
  return visit.state === "retrying" && Date.parse(visit.expiresAt) <= now.getTime() ? "expired" : visit.state;
}

export async function showDesk(deps: HospitalDeps): Promise<DeskView> {
  const now = deps.now();
  const { store } = deps;
  const deskVisit = async (visit: Visit): Promise<DeskVisit> => ({
    visit: { ...visit, state: effectiveState(visit, now) },
    patient: (await store.patients.byId(visit.patientId))!,
    check: (await store.checks.forVisit(visit.id))[0],
  });
  const today = jstDate(now);
  const visits: DeskVisit[] = [];
  for (const visit of await store.visits.recent(100)) {
    if (jstDate(visit.recognisedAt) === today) visits.push(await deskVisit(visit));
  }
  const terminals: DeskTerminal[] = [];
  for (const terminalId of deps.terminals.ids()) {
    const latest = await store.log.latestFor(terminalId);
    const latestVisit = latest?.visitId ? await store.visits.byId(latest.visitId) : undefined;
    const visit = latestVisit ? await deskVisit(latestVisit) : undefined;
    terminals.push({
      terminalId,
      latest: latest ? { ...latest, ...(visit ? { visit } : {}) } : undefined,
      reader: (await store.log.latestFor(terminalId, ["reader"]))?.code,
    });
  }
  return { terminals, today: visits, registrations: await store.registrations.recent(10) };
}

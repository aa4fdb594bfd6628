/**
 * @module The PF's Prometheus metrics (the list, with what each means, is in pf-server/README.md §Metrics):
 * security events read off the audit rows as they are committed (logins and registrations by kind and outcome,
 * every other audited event by name and code), revocation checks by certificate kind, policy and outcome, OCSP
 * cache lookups, webhook attempts per destination, and — read when scraped — the outbox backlog per destination,
 * the CRLs held and the database's table sizes.
 *
 * Labels are event names, error codes, policies and tenant IDs: never a cable ID, serial, terminal or request ID.
 */
import {
  Counter,
  createServiceMetrics,
  Gauge,
  Histogram,
  LATENCY_BUCKETS,
  type ServiceMetrics,
} from "@catv/service-kit/metrics";
import type { CrlStatus } from "../revocation/crl-checker.ts";
import type { RevocationStatus } from "../revocation/revocation-checker.ts";
import type {
  AuditEntry,
  CertificateKind,
  OutboxDestination,
  OutboxDestinationStats,
  RevocationPolicy,
} from "../storage/repositories.ts";

export type WebhookOutcome = "delivered" | "failed" | "dead";
export type RevocationOutcome = RevocationStatus["status"] | "unavailable";

export interface PfMetrics {
  service: ServiceMetrics;
  /** Audit rows just committed: logins, registrations and every other security event are counted from them. */
  auditCommitted(entries: readonly AuditEntry[]): void;
  revocationCheck(
    kind: CertificateKind,
    policy: RevocationPolicy,
    outcome: RevocationOutcome,
    seconds: number,
  ): void;
  ocspCacheLookup(hit: boolean): void;
  webhookAttempt(destination: OutboxDestination, outcome: WebhookOutcome, seconds: number): void;
  /** Where the scrape-time gauges read from (set once the store and the CRL checker exist). */
  readFrom(sources: {
    outbox?: () => Promise<OutboxDestinationStats[]>;
    crls?: () => CrlStatus[];
    now?: () => Date;
  }): void;
}

/** Audit events that are logins, and the `kind` label each gets. */
const LOGIN_KINDS: Record<string, string> = {
  "login.pin": "pin",
  "login.pinless.start": "pinless_start",
  "login.pinless": "pinless",
  "session.step-up": "step_up",
  "session.refresh": "refresh",
};

export function createPfMetrics(options: { defaultMetrics?: boolean } = {}): PfMetrics {
  const service = createServiceMetrics("pf-server", options);
  const registers = [service.registry];
  const logins = new Counter({
    name: "pf_logins_total",
    help: "Logins (and PIN-less starts, step-ups, refreshes) by kind and outcome (success or the error code).",
    labelNames: ["kind", "outcome"],
    registers,
  });
  const registrations = new Counter({
    name: "pf_registrations_total",
    help: "Registrations by kind (new, renewed, existing; refused when refused) and outcome (success or the error code).",
    labelNames: ["kind", "outcome"],
    registers,
  });
  const securityEvents = new Counter({
    name: "pf_audit_events_total",
    help: "Every audited event by name, outcome and error code (empty when none).",
    labelNames: ["event", "outcome", "code"],
    registers,
  });
  const jpkiChecks = new Counter({
    name: "pf_jpki_revocation_checks_total",
    help: "Revocation checks of a JPKI certificate by certificate kind (sign, auth), operator policy (ocsp, crl) and outcome.",
    labelNames: ["kind", "policy", "outcome"],
    registers,
  });
  const jpkiCheckSeconds = new Histogram({
    name: "pf_jpki_revocation_check_duration_seconds",
    help: "Time of a revocation check, by policy.",
    labelNames: ["policy"],
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const ocspCache = new Counter({
    name: "pf_ocsp_cache_lookups_total",
    help: "OCSP answer cache lookups, by result (hit, miss).",
    labelNames: ["result"],
    registers,
  });
  const webhooks = new Counter({
    name: "pf_outbox_deliveries_total",
    help: "Webhook delivery attempts by destination and outcome (delivered, failed = will retry, dead = gave up).",
    labelNames: ["target_kind", "target_id", "outcome"],
    registers,
  });
  const webhookSeconds = new Histogram({
    name: "pf_outbox_delivery_duration_seconds",
    help: "Time of a webhook delivery attempt, by destination.",
    labelNames: ["target_kind", "target_id"],
    buckets: LATENCY_BUCKETS,
    registers,
  });

  let sources: Parameters<PfMetrics["readFrom"]>[0] = {};
  const now = () => (sources.now ?? (() => new Date()))();
  const outboxStats = () => sources.outbox?.() ?? Promise.resolve([]);
  const byDestination = (s: OutboxDestinationStats) => ({ target_kind: s.targetKind, target_id: s.targetId });
  new Gauge({
    name: "pf_outbox_backlog",
    help: "Outbox events not delivered, by destination and state (pending, retrying = pending after a failure, dead).",
    labelNames: ["target_kind", "target_id", "state"],
    registers,
    async collect() {
      this.reset();
      for (const s of await outboxStats()) {
        this.set({ ...byDestination(s), state: "pending" }, s.pending);
        this.set({ ...byDestination(s), state: "retrying" }, s.retrying);
        this.set({ ...byDestination(s), state: "dead" }, s.dead);
      }
    },
  });
  new Gauge({
    name: "pf_outbox_oldest_pending_age_seconds",
    help: "Age of the oldest pending outbox event, by destination (0 when none is pending).",
    labelNames: ["target_kind", "target_id"],
    registers,
    async collect() {
      this.reset();
      const at = now().getTime();
      for (const s of await outboxStats()) {
        const oldest = s.oldestPendingAt ? (at - Date.parse(s.oldestPendingAt)) / 1000 : 0;
        this.set(byDestination(s), Math.max(0, oldest));
      }
    },
  });
  new Gauge({
    name: "pf_crl_age_seconds",
    help: "Seconds since the thisUpdate of the CRL the PF holds, by certificate kind.",
    labelNames: ["kind"],
    registers,
    collect() {
      this.reset();
      for (const crl of sources.crls?.() ?? [])
        this.set({ kind: crl.kind }, (now().getTime() - crl.thisUpdate.getTime()) / 1000);
    },
  });
  new Gauge({
    name: "pf_crl_seconds_until_next_update",
    help: "Seconds until the held CRL's nextUpdate (negative: stale, checks by CRL are refused), by kind.",
    labelNames: ["kind"],
    registers,
    collect() {
      this.reset();
      for (const crl of sources.crls?.() ?? [])
        this.set({ kind: crl.kind }, (crl.nextUpdate.getTime() - now().getTime()) / 1000);
    },
  });
  new Gauge({
    name: "pf_crl_entries",
    help: "Revoked certificates listed in the held CRL, by kind.",
    labelNames: ["kind"],
    registers,
    collect() {
      this.reset();
      for (const crl of sources.crls?.() ?? []) this.set({ kind: crl.kind }, crl.entries);
    },
  });

  return {
    service,
    auditCommitted(entries) {
      for (const entry of entries) {
        const outcome = entry.outcome === "success" ? "success" : (entry.code ?? "failure");
        securityEvents.inc({ event: entry.event, outcome: entry.outcome, code: entry.code ?? "" });
        const loginKind = LOGIN_KINDS[entry.event];
        if (loginKind) logins.inc({ kind: loginKind, outcome });
        if (entry.event === "registration") registrations.inc({ kind: "refused", outcome });
        else if (/^registration\.(new|renewed|existing)$/.test(entry.event))
          registrations.inc({ kind: entry.event.slice("registration.".length), outcome });
      }
    },
    revocationCheck(kind, policy, outcome, seconds) {
      jpkiChecks.inc({ kind, policy, outcome });
      jpkiCheckSeconds.observe({ policy }, seconds);
    },
    ocspCacheLookup(hit) {
      ocspCache.inc({ result: hit ? "hit" : "miss" });
    },
    webhookAttempt(destination, outcome, seconds) {
      const labels = { target_kind: destination.targetKind, target_id: destination.targetId };
      webhooks.inc({ ...labels, outcome });
      webhookSeconds.observe(labels, seconds);
    },
    readFrom(next) {
      sources = { ...sources, ...next };
    },
  };
}

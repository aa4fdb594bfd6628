/**
 * @module Watches what the PF's store commits: every repository method that takes side effects (audit rows,
 * outbox events, meters) writes them in its transaction, so once its promise resolves they are committed and can
 * be counted — in one place, without each use case remembering a metric beside its audit row. A method that
 * answers `false` wrote nothing (a revocation already recorded, an assisted session already used).
 */
import type { PfStore, SideEffects } from "../storage/repositories.ts";

const EFFECT_KEYS = new Set(["events", "audit", "meters"]);

function isSideEffects(value: unknown): value is SideEffects {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => EFFECT_KEYS.has(k));
}

/**
 * The same store, telling `committed` about the side effects of every write that succeeded.
 * @example const store = observeSideEffects(sqliteStore, (e) => metrics.auditCommitted(e.audit ?? []));
 */
export function observeSideEffects(store: PfStore, committed: (effects: SideEffects) => void): PfStore {
  const wrapped = new Map<PropertyKey, unknown>();
  const wrapRepository = (repository: object) =>
    new Proxy(repository, {
      get(target, property, receiver) {
        const member = Reflect.get(target, property, receiver);
        if (typeof member !== "function") return member;
        return (...args: unknown[]) => {
          const result = member.apply(target, args);
          const effects = args.filter(isSideEffects);
          if (effects.length === 0 || !(result instanceof Promise)) return result;
          return result.then((answer: unknown) => {
            if (answer !== false) for (const e of effects) committed(e);
            return answer;
          });
        };
      },
    });
  return new Proxy(store, {
    get(target, property, receiver) {
      const member = Reflect.get(target, property, receiver);
      if (typeof member === "function") return member.bind(target);
      if (typeof member !== "object" || member === null) return member;
      if (!wrapped.has(property)) wrapped.set(property, wrapRepository(member));
      return wrapped.get(property);
    },
  });
}

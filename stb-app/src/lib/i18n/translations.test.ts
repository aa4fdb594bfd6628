import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  crossDevicePurposeSchema,
  facilityKindSchema,
  flagSchema,
  householdLinkSchema,
  registrationResponseSchema,
} from "@catv/contracts";
import { describe, expect, it } from "vitest";
import { CHECKUP_ITEMS } from "../../app/flows/health.ts";
import { ERROR_KINDS } from "../errors/error-guide.ts";
import { TEXT_SIZES } from "../settings/preferences.ts";

const ROOT = resolve(import.meta.dirname, "../../..");
const read = (language: string) =>
  JSON.parse(readFileSync(join(ROOT, "public/static/translations", `${language}.json`), "utf8")) as Record<
    string,
    string
  >;
const ja = read("ja");
const en = read("en");
const namespaces = new Set(Object.keys(ja).map((key) => key.split(".")[0]));

/** Every source file of the app (not its tests). */
function sources(dir = join(ROOT, "src")): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    if (!name.endsWith(".ts") || name.endsWith(".test.ts") || path.includes("/testing/")) return [];
    return [{ path, text: readFileSync(path, "utf8") }];
  });
}

/**
 * The keys the code builds from a value (`error.${guide.kind}.title`), as they are written in the source, with
 * every value they can take. A new template key fails the test until it is listed here.
 */
const TEMPLATE_KEYS: Record<string, string[]> = {
  "`error.${guide.kind}.title`": ERROR_KINDS.map((k) => `error.${k}.title`),
  "`error.${guide.kind}.body`": ERROR_KINDS.map((k) => `error.${k}.body`),
  "`error.${guide.kind}.action`": ERROR_KINDS.map((k) => `error.${k}.action`),
  "`settings.textSize.${prefs.textSize}`": TEXT_SIZES.map((s) => `settings.textSize.${s}`),
  "`health.flag.${item.flag}`": flagSchema.options.map((f) => `health.flag.${f}`),
  "`health.item.${item}`": CHECKUP_ITEMS.map((i) => `health.item.${i}`),
  "`progress.${step}`": ["challenge", "card", "platform"].map((s) => `progress.${s}`),
  "`result.title.${result.outcome}`": registrationResponseSchema.shape.outcome.options.map(
    (o) => `result.title.${o}`,
  ),
  "`portal.household.${this.#me.householdLink}`": householdLinkSchema.options.map(
    (l) => `portal.household.${l}`,
  ),
  "`facility.kind.${f.kind}`": facilityKindSchema.options.map((k) => `facility.kind.${k}`),
  "`phone.title.${purpose}`": crossDevicePurposeSchema.options.map((p) => `phone.title.${p}`),
  "`phone.step.card.${purpose}`": crossDevicePurposeSchema.options.map((p) => `phone.step.card.${p}`),
};

/** Keys whose languages use different placeholders on purpose. */
const PLACEHOLDER_EXCEPTIONS: Record<string, string> = {
  // English names a slot by its times alone; Japanese says 午前 and then the times.
  "facility.confirm.time": "{slot}",
};

const placeholders = (value: string) => new Set(value.match(/\{[a-zA-Z]+\}/g) ?? []);

describe("translations", () => {
  it("have the same keys in Japanese and English", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
  });

  it("have no empty value in either language", () => {
    const empty = [...Object.entries(ja), ...Object.entries(en)].filter(([, v]) => v.trim() === "");
    expect(empty).toEqual([]);
  });

  it("leave no Japanese in the English texts", () => {
    const japanese = Object.entries(en).filter(([, v]) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(v));
    expect(japanese.map(([k]) => k)).toEqual([]);
  });

  it("use the same placeholders in both languages", () => {
    const differing = Object.keys(ja).filter((key) => {
      const a = placeholders(ja[key]!);
      const b = placeholders(en[key] ?? "");
      const skip = PLACEHOLDER_EXCEPTIONS[key];
      if (skip) a.delete(skip);
      return a.size !== b.size || [...a].some((p) => !b.has(p));
    });
    expect(differing).toEqual([]);
  });

  it("have every key the code names, in both languages", () => {
    const literal = /"([a-z][a-zA-Z]*(?:\.[a-zA-Z_]+)+)"/g;
    const missing: string[] = [];
    const named = new Set<string>();
    for (const { path, text } of sources()) {
      for (const [, key] of text.matchAll(literal)) {
        if (!namespaces.has(key!.split(".")[0]!)) continue;
        named.add(key!);
        if (!ja[key!] || !en[key!]) missing.push(`${key} (${path.slice(ROOT.length + 1)})`);
      }
    }
    expect(missing).toEqual([]);
    // The scan itself works: the app names well over a hundred keys.
    expect(named.size).toBeGreaterThan(100);
  });

  it("have every key the code builds from a value, for every value it can take", () => {
    const template = /`[a-z]+(?:\.[A-Za-z_]+)*\.\$\{[^`]+`/g;
    const unknown: string[] = [];
    const missing: string[] = [];
    for (const { text } of sources()) {
      for (const [found] of text.matchAll(template)) {
        const keys = TEMPLATE_KEYS[found];
        if (!keys) unknown.push(found);
        for (const key of keys ?? []) if (!ja[key] || !en[key]) missing.push(key);
      }
    }
    expect(unknown, "list these in TEMPLATE_KEYS").toEqual([]);
    expect(missing).toEqual([]);
  });
});

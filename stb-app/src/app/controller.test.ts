import { describe, expect, it, vi } from "vitest";
import { FakeCardPort } from "../lib/card/fake-card-port.ts";
import { PfClient } from "../lib/pf/pf-client.ts";
import { defaultPreferences } from "../lib/settings/preferences.ts";
import { AppController, BOOT_GRACE_MS } from "./controller.ts";
import type { ScreenHost, ScreenSpec } from "./screen-spec.ts";

const services = [
  {
    serviceId: "healthcare",
    providerId: "prov-healthcare",
    name: "ヘルスケア情報",
    nameEn: "Healthcare",
    requiresPin: false,
  },
];
const tokens = (acr: string) => ({
  accessToken: "a",
  refreshToken: "r",
  expiresIn: 900,
  acr,
  cableId: "AB12-CD34-EF56-GH78",
});

/** Each failure happens once, unless its path is listed in `repeatable`. */
function setUp(
  fail: Record<string, string> = {},
  repeatable = new Set<string>(),
  /** Paths whose answer waits for the promise (to act while a PF call is on its way). */
  hold: Record<string, Promise<void>> = {},
) {
  const shown: ScreenSpec[] = [];
  let exitAsked = 0;
  const host: ScreenHost = {
    show: (spec) => shown.push(spec),
    setStatus: () => {},
    toast: () => {},
    askExit: () => {
      exitAsked += 1;
    },
  };
  const fetch = (async (url: string) => {
    const path = new URL(url).pathname;
    await hold[path];
    const reply = (status: number, body: unknown) => new Response(JSON.stringify(body), { status });
    const failure = fail[path];
    if (failure && !repeatable.has(path)) delete fail[path];
    if (failure) return reply(401, { error: { code: failure, message: "x", requestId: "r" } });
    if (path === "/v1/portal")
      return reply(200, {
        operatorId: "op",
        town: "t",
        branding: {
          operatorName: "さくらCATV",
          portalTitle: "ポータル",
          primaryColor: "#123456",
          accentColor: "#654321",
        },
        services,
      });
    if (path === "/v1/challenges")
      return reply(201, { challengeId: "c", nonce: "n", toBeSigned: btoa("x"), expiresAt: "" });
    if (path === "/v1/pinless/start")
      return reply(200, { challengeId: "c", challenge: btoa("y"), birthDateKey: "620315", expiresAt: "" });
    if (path === "/v1/pinless/sessions") return reply(201, tokens("urn:catv:acr:pinless"));
    if (path === "/v1/sessions") return reply(201, tokens("urn:catv:acr:pin"));
    if (path === "/v1/sessions/step-up") return reply(200, tokens("urn:catv:acr:pin"));
    if (path === "/v1/me")
      return reply(200, {
        cableId: "AB12-CD34-EF56-GH78",
        acr: "urn:catv:acr:pin",
        householdLink: "linked",
        services: services.map((s) => ({ ...s, enrolled: true })),
      });
    if (path.endsWith("/summary")) return reply(200, { latestCheckup: null });
    if (path.endsWith("/steps")) return reply(200, { goalDaily: 8000, months: [] });
    if (path.endsWith("/notices")) return reply(200, { notices: [] });
    return reply(404, { error: { code: "not_found", message: "x", requestId: "r" } });
  }) as unknown as typeof globalThis.fetch;
  const card = new FakeCardPort();
  const pf = new PfClient({ baseUrl: "http://pf", assert: async () => "jws", fetch });
  let prefs = defaultPreferences();
  const controller = new AppController({
    pf,
    card,
    host,
    t: (key) => key,
    preferences: {
      get: () => prefs,
      set: async (p) => {
        prefs = p;
      },
    },
  });
  const last = () => shown.at(-1)!;
  const until = async (name: string) => {
    for (let i = 0; i < 50 && last()?.name !== name; i++) await new Promise((r) => setTimeout(r, 1));
    expect(last().name).toBe(name);
    return last();
  };
  const choose = (label: string) => {
    const spec = last();
    const choices = "choices" in spec ? spec.choices : "tiles" in spec ? spec.tiles : [];
    const choice = choices.find((c) => c.label === label);
    if (!choice) throw new Error(`no choice ${label} on ${spec.name}`);
    choice.onSelect();
  };
  return { controller, card, pf, last, until, choose, shown, exitAsked: () => exitAsked };
}

describe("app controller", () => {
  it("goes straight to the portal when the request started at boot answers within the grace period", async () => {
    const { controller, pf, shown } = setUp();
    await controller.start(pf.portal());
    expect(shown.map((s) => s.name)).toEqual(["portal"]);
  });

  it("shows the loading screen while the request started at boot is slower than the grace period", async () => {
    vi.useFakeTimers();
    try {
      const { controller, pf, shown } = setUp();
      let answer: (value: Awaited<ReturnType<PfClient["portal"]>>) => void = () => {};
      const slow = new Promise<Awaited<ReturnType<PfClient["portal"]>>>((resolve) => {
        answer = resolve;
      });
      const started = controller.start(slow);
      await vi.advanceTimersByTimeAsync(BOOT_GRACE_MS);
      expect(shown.map((s) => s.name)).toEqual(["loading"]);
      answer(await pf.portal());
      await started;
      expect(shown.map((s) => s.name)).toEqual(["loading", "portal"]);
    } finally {
      vi.useRealTimers();
    }
  });

  it("asks before closing when Back is pressed on the portal", async () => {
    const { controller, until, exitAsked } = setUp();
    await controller.start();
    await until("portal");
    controller.back();
    expect(exitAsked()).toBe(1);
  });

  it("logs in without a PIN for a service that allows it and opens it", async () => {
    const { controller, until, choose, pf } = setUp();
    await controller.start();
    choose("ヘルスケア情報");
    await until("health");
    expect(pf.session?.acr).toBe("urn:catv:acr:pinless");
  });

  it("asks for the PIN when the card's PIN-less proof fails", async () => {
    const { controller, until, choose } = setUp({ "/v1/pinless/sessions": "card_genuineness_failed" });
    await controller.start();
    choose("ヘルスケア情報");
    const pin = await until("pin");
    if (pin.kind !== "pin") throw new Error("not the PIN pad");
    pin.onSubmit("1234");
    await until("health");
  });

  it("asks for the PIN, saying why, when no card is bound for PIN-less yet, and that PIN login binds the card", async () => {
    const { controller, until, choose, card } = setUp({ "/v1/pinless/start": "pinless_card_not_bound" });
    await controller.start();
    choose("ヘルスケア情報");
    const pin = await until("pin");
    expect(pin).toMatchObject({ problem: "error.pinless_not_bound.action" });
    if (pin.kind !== "pin") throw new Error("not the PIN pad");
    pin.onSubmit("1234");
    await until("health");
    expect(card.boundCard).toEqual([true]);
  });

  it("asks for the PIN of a renewed card that is not the bound one, and binds it", async () => {
    const { controller, until, choose, card } = setUp({ "/v1/pinless/start": "pinless_card_mismatch" });
    await controller.start();
    choose("ヘルスケア情報");
    const pin = await until("pin");
    expect(pin).toMatchObject({ problem: "error.pinless_other_card.action" });
    if (pin.kind !== "pin") throw new Error("not the PIN pad");
    pin.onSubmit("1234");
    await until("health");
    expect(card.boundCard).toEqual([true]);
  });

  it("tells a viewer of another cable operator that this TV cannot serve them", async () => {
    const { controller, until, choose } = setUp({ "/v1/pinless/start": "viewer_of_other_operator" });
    await controller.start();
    choose("ヘルスケア情報");
    const shown = await until("error-other_operator");
    expect(shown).toMatchObject({ title: "error.other_operator.title" });
  });

  it("shows the tries left after a wrong PIN and stays on the PIN pad", async () => {
    const { controller, until, choose } = setUp({ "/v1/pinless/sessions": "card_genuineness_failed" });
    await controller.start();
    choose("ヘルスケア情報");
    const pin = await until("pin");
    if (pin.kind !== "pin") throw new Error("not the PIN pad");
    pin.onSubmit("0000");
    await new Promise((r) => setTimeout(r, 5));
    const again = await until("pin");
    expect(again).toMatchObject({ triesLeft: 2, problem: "error.wrong_pin.body" });
  });

  it("steps a PIN-less session up with the PIN when the service asks, after a wrong PIN, and retries the call", async () => {
    const summary = "/v1/services/healthcare/api/summary";
    const { controller, until, choose, pf } = setUp({ [summary]: "step_up_required" });
    await controller.start();
    choose("ヘルスケア情報");
    const pad = await until("step-up");
    if (pad.kind !== "pin") throw new Error("not the PIN pad");
    expect(pad.triesLeft).toBe(3);
    pad.onSubmit("0000");
    await new Promise((r) => setTimeout(r, 5));
    const again = await until("step-up");
    if (again.kind !== "pin") throw new Error("not the PIN pad");
    expect(again).toMatchObject({ triesLeft: 2, problem: "error.wrong_pin.body" });
    again.onSubmit("1234");
    await until("health");
    expect(pf.session?.acr).toBe("urn:catv:acr:pin");
  });

  it("goes back to the portal when the viewer declines the step-up a service's first screen asked for", async () => {
    const summary = "/v1/services/healthcare/api/summary";
    const { controller, until, choose, pf, exitAsked } = setUp({ [summary]: "step_up_required" });
    await controller.start();
    choose("ヘルスケア情報");
    await until("step-up");
    controller.back();
    await until("portal");
    expect(controller.current?.name).toBe("portal");
    expect(pf.session?.acr).toBe("urn:catv:acr:pinless");
    controller.back();
    expect(exitAsked()).toBe(1);
  });

  it("logs the viewer out when the card is pulled at the step-up PIN pad", async () => {
    const summary = "/v1/services/healthcare/api/summary";
    const { controller, until, choose, card, pf } = setUp({ [summary]: "step_up_required" });
    await controller.start();
    choose("ヘルスケア情報");
    await until("step-up");
    card.pull();
    await until("portal");
    expect(pf.session).toBeNull();
  });

  it("keeps no session from a PIN-less login the PF answers after the card was pulled", async () => {
    let answer = () => {};
    const held = new Promise<void>((resolve) => {
      answer = resolve;
    });
    const { controller, until, choose, card, pf, last } = setUp({}, new Set(), {
      "/v1/pinless/sessions": held,
    });
    await controller.start();
    choose("ヘルスケア情報");
    await until("login-progress");
    await new Promise((r) => setTimeout(r, 5));
    card.pull();
    await until("error-card_removed");
    answer();
    await new Promise((r) => setTimeout(r, 10));
    expect(pf.session).toBeNull();
    expect(last().name).toBe("error-card_removed");
  });

  it("offers registration when the card is not registered", async () => {
    const { controller, until, choose } = setUp({ "/v1/pinless/start": "card_not_registered" });
    await controller.start();
    choose("ヘルスケア情報");
    await until("error-not_registered");
    choose("portal.menu.register");
    await until("consent");
  });

  it("offers to try the same service again when J-LIS could not be reached", async () => {
    const { controller, until, choose } = setUp({ "/v1/pinless/start": "revocation_unavailable" });
    await controller.start();
    choose("ヘルスケア情報");
    const error = await until("error-service_unavailable");
    expect("choices" in error && error.choices.map((c) => c.label)).toEqual([
      "common.retry",
      "common.toPortal",
    ]);
    choose("common.retry");
    await until("health");
  });

  it("stops registration with card_removed when the card is pulled at the password step", async () => {
    const { controller, until, choose, card } = setUp();
    await controller.start();
    choose("portal.menu.register");
    choose("consent.agree");
    await until("password");
    card.pull();
    await until("error-card_removed");
  });

  it("logs the viewer out when the card is pulled after login", async () => {
    const { controller, until, choose, card, pf } = setUp();
    await controller.start();
    choose("ヘルスケア情報");
    await until("health");
    card.pull();
    await until("portal");
    expect(pf.session).toBeNull();
  });
});

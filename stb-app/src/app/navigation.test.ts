import { describe, expect, it } from "vitest";
import { Navigation } from "./navigation.ts";
import type { ScreenHost, ScreenSpec } from "./screen-spec.ts";

function setUp() {
  const shown: ScreenSpec[] = [];
  const host: ScreenHost = {
    show: (s) => shown.push(s),
    setStatus: () => {},
    toast: () => {},
    askExit: () => {},
  };
  return { nav: new Navigation(host), shown };
}

const list = (name: string, words: () => string, focus?: number): ScreenSpec => ({
  kind: "list",
  name,
  title: words(),
  empty: "",
  choices: [
    { label: "a", onSelect: () => {} },
    { label: "b", onSelect: () => {} },
    { label: "c", onSelect: () => {} },
  ],
  ...(focus === undefined ? {} : { focus }),
});

describe("navigation", () => {
  it("rebuilds the screen Back returns to, so it speaks the language chosen meanwhile", () => {
    const { nav, shown } = setUp();
    let language = "ja";
    nav.go(() => list("portal", () => `portal-${language}`));
    nav.go(() => list("settings", () => `settings-${language}`));
    language = "en";
    nav.redraw();
    expect(shown.at(-1)).toMatchObject({ title: "settings-en" });
    expect(nav.back()).toBe(true);
    expect(shown.at(-1)).toMatchObject({ name: "portal", title: "portal-en" });
  });

  it("returns focus on Back to the entry the viewer left, not to the first one", () => {
    const { nav, shown } = setUp();
    nav.go(() => list("towns", () => "towns"));
    shown.at(-1)?.onFocus?.(2);
    nav.go(() => list("facilities", () => "facilities"));
    nav.back();
    expect(shown.at(-1)).toMatchObject({ name: "towns", focus: 2 });
  });

  it("keeps a flow's default focus until the viewer moves", () => {
    const { nav, shown } = setUp();
    nav.go(() => list("towns", () => "towns", 1));
    nav.go(() => list("facilities", () => "facilities"));
    nav.back();
    expect(shown.at(-1)).toMatchObject({ name: "towns", focus: 1 });
  });

  it("steps over progress screens on Back", () => {
    const { nav, shown } = setUp();
    nav.go(() => list("confirm", () => "confirm"));
    nav.go(() => ({ kind: "progress", name: "loading", title: "", step: "" }));
    nav.go(() => list("error", () => "error"));
    nav.back();
    expect(shown.at(-1)?.name).toBe("confirm");
  });

  it("answers false on Back from the only screen, so the app asks before closing", () => {
    const { nav } = setUp();
    nav.go(() => list("portal", () => "portal"));
    expect(nav.back()).toBe(false);
  });

  it("lets a flow tell whether the screen it showed is still on top", () => {
    const { nav } = setUp();
    const loading = nav.go(() => ({ kind: "progress", name: "loading", title: "", step: "" }));
    expect(nav.isCurrent(loading)).toBe(true);
    nav.redraw();
    expect(nav.isCurrent(loading)).toBe(true);
    nav.go(() => list("next", () => "next"));
    expect(nav.isCurrent(loading)).toBe(false);
  });
});

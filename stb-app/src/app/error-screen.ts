/**
 * @module Every error the viewer meets, as one kind of screen: what happened, what to do, and the one next step
 * the error guide names (try again, register, the portal), with the code small for the help desk. The wording
 * lives in the translations (`error.<kind>.*`), the choice of next step in lib/errors/error-guide.ts.
 */
import { toAppError } from "../lib/errors/app-error.ts";
import { guideFor } from "../lib/errors/error-guide.ts";
import type { AppContext, ErrorOptions } from "./app-context.ts";
import type { Choice } from "./screen-spec.ts";

/**
 * Shows `error` over whatever flow raised it. `lastEntry` is the menu entry the viewer last chose: "try again"
 * starts it over from the portal.
 */
export function showErrorScreen(
  app: AppContext,
  error: unknown,
  options: ErrorOptions,
  lastEntry: (() => void) | null,
): void {
  const { t, nav } = app;
  const e = toAppError(error);
  app.cards.cancel();
  const guide = guideFor(e, options);
  if (guide.next === "login" || e.code === "session_expired") app.pf.setSession(null);
  const tries = guide.triesLeft ?? "?";
  const restartAt = (open: () => void) => {
    app.home();
    open();
  };
  const retry = options.retry ?? (lastEntry ? () => restartAt(lastEntry) : undefined);
  const nextStep = guide.next === "registration" ? "registration" : guide.next === "retry" ? retry : null;
  nav.popProgress();
  nav.go(() => {
    const toPortal: Choice = { label: t("common.toPortal"), onSelect: () => app.home() };
    const next: Choice | null =
      nextStep === "registration"
        ? { label: t("portal.menu.register"), onSelect: () => restartAt(() => app.startRegistration()) }
        : nextStep
          ? { label: t("common.retry"), onSelect: nextStep }
          : null;
    return {
      kind: "message",
      name: `error-${guide.kind}`,
      title: t(`error.${guide.kind}.title`),
      tone: "error",
      paragraphs: [
        { text: t(`error.${guide.kind}.body`, { tries }) },
        { text: t(`error.${guide.kind}.action`), tone: "warn" },
      ],
      choices: next ? [next, toPortal] : [toPortal],
      footnote: t("error.code", { code: e.requestId ? `${e.code} / ${e.requestId}` : e.code }),
      onBack: () => (options.retry ? options.retry() : app.home()),
    };
  });
}

/**
 * The reception terminal's screens as a state machine, driven with a scripted card and backend (the browser test
 * drives the same controller with the real reader path).
 */
import { describe, expect, it } from "vitest";
import { BackendError } from "./backend-client.ts";
import type { CardPort } from "./card-port.ts";
import { type ControllerOptions, ReceptionController, type Screen } from "./reception-controller.ts";

class ReaderCodeError extends Error {
  readonly code: string;
  readonly remainingTries: number | undefined;
  constructor(code: string, remainingTries?: number) {
    super(code);
    this.code = code;
    this.remainingTries = remainingTries;
  }
}

const bytes = (text: string) => new TextEncoder().encode(text);

function fakeCard(
  options: { pin?: string; password?: string; removeDuringFirstRead?: boolean } = {},
): CardPort {
  let reads = 0;
  let pinTries = 3;
  return {
    async readPinlessStart() {
      reads += 1;
      if (options.removeDuringFirstRead && reads === 1) throw new ReaderCodeError("card_removed");
      return { authenticationCertificate: bytes("cert"), cardVerifiableCertificate: bytes("cvc") };
    },
    async provePinless() {
      return { dateOfBirthRecord: bytes("dob"), signature: bytes("sig") };
    },
    async signLogin(pin, _toBeSigned, bindCard) {
      if (pin !== (options.pin ?? "1234")) {
        pinTries -= 1;
        throw pinTries === 0
          ? new ReaderCodeError("pin_blocked")
          : new ReaderCodeError("pin_incorrect", pinTries);
      }
      return {
        authenticationCertificate: bytes("cert"),
        signature: bytes("sig"),
        ...(bindCard ? { cardVerifiableCertificate: bytes("cvc"), cardSignature: bytes("csig") } : {}),
      };
    },
    async signRegistration(password) {
      if (password !== (options.password ?? "ABC123")) throw new ReaderCodeError("pin_incorrect", 4);
      return {
        signatureCertificate: bytes("sign-cert"),
        authenticationCertificate: bytes("cert"),
        signature: bytes("sig"),
        cardVerifiableCertificate: bytes("cvc"),
        cardSignature: bytes("csig"),
      };
    },
    async triesLeft() {
      return 3;
    },
  };
}

type Backend = ControllerOptions["backend"] & { calls: { name: string; body?: unknown }[]; events: string[] };

function fakeBackend(
  overrides: Partial<Record<keyof ControllerOptions["backend"], () => Promise<unknown>>> = {},
): Backend {
  const calls: Backend["calls"] = [];
  const events: string[] = [];
  const answer = <T>(name: string, value: T, body?: unknown): Promise<T> => {
    calls.push({ name, body });
    const override = overrides[name as keyof typeof overrides];
    return override ? (override() as Promise<T>) : Promise.resolve(value);
  };
  return {
    calls,
    events,
    site: () =>
      answer("site", {
        institutionName: "病院",
        siteName: "外来受付",
        verifiers: [
          { verifierId: "ins-a", name: "A国保" },
          { verifierId: "ins-b", name: "B健保" },
        ],
      }),
    createChallenge: (purpose) =>
      answer("createChallenge", { challengeId: `chl-${purpose}`, toBeSigned: btoa("to-be-signed") }, purpose),
    startPinless: (body) =>
      answer(
        "startPinless",
        { challengeId: "chl-pinless", challenge: btoa("challenge"), birthDateKey: "330401" },
        body,
      ),
    recognise: (body) =>
      answer(
        "recognise",
        {
          recognitionId: "rcg-1",
          expiresAt: new Date(Date.now() + 300_000).toISOString(),
          patientNumber: "0000001-8",
          newPatient: true,
          registrations: [],
          warnings: [],
        },
        body,
      ),
    checkEligibility: (recognitionId, consent) =>
      answer(
        "checkEligibility",
        { outcome: "valid" as const, patientNumber: "0000001-8" },
        { recognitionId, consent },
      ),
    register: (body) =>
      answer(
        "register",
        {
          verifierId: "ins-b",
          verifierName: "B健保",
          outcome: "new" as const,
          linkStatus: "pending" as const,
        },
        body,
      ),
    reportEvent: async (kind, code) => {
      events.push(`${kind}:${code}`);
      return undefined;
    },
  };
}

function controllerWith(card: CardPort, backend: Backend, method: "pinless" | "pin" = "pinless") {
  const controller = new ReceptionController({ card, backend, method, settleMs: 10 });
  const seen: Screen[] = [];
  controller.subscribe((screen) => seen.push(screen));
  return { controller, seen };
}

async function until(controller: ReceptionController, name: Screen["name"]): Promise<Screen> {
  for (let i = 0; i < 200; i++) {
    if (controller.screen.name === name) return controller.screen;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`never reached ${name}; at ${JSON.stringify(controller.screen)}`);
}

const refusal = (code: string) => () => Promise.reject(new BackendError(code, 400, code));

describe("the reception terminal's screens", () => {
  it("checks a patient in without a PIN: card, consent, done; taking the card ends the turn", async () => {
    const backend = fakeBackend();
    const { controller } = controllerWith(fakeCard(), backend);
    controller.presenceChanged("no-card");
    expect(controller.screen.name).toBe("idle");
    controller.presenceChanged("card-present");
    expect(await until(controller, "consent")).toMatchObject({
      patientNumber: "0000001-8",
      newPatient: true,
    });
    await controller.answerConsent(true);
    expect(controller.screen).toMatchObject({ name: "done", outcome: "valid" });
    expect(backend.calls.find((c) => c.name === "checkEligibility")?.body).toEqual({
      recognitionId: "rcg-1",
      consent: true,
    });
    controller.presenceChanged("no-card");
    await until(controller, "idle");
  });

  it("asks for the PIN when the PF does not know the card for PIN-less use, and binds it with the PIN recognition", async () => {
    const backend = fakeBackend({ startPinless: refusal("pinless_card_not_bound") });
    const { controller } = controllerWith(fakeCard(), backend);
    controller.presenceChanged("no-card");
    controller.presenceChanged("card-present");
    expect(await until(controller, "pin")).toMatchObject({ reason: "pinless_card_not_bound" });
    await controller.submitPin("1234");
    expect(controller.screen.name).toBe("consent");
    const recognition = backend.calls.find((c) => c.name === "recognise")?.body as Record<string, unknown>;
    expect(recognition.method).toBe("pin");
    expect(recognition.cardKeyProof).toBeDefined();
  });

  it("shows the tries left after a wrong PIN, and the lock after the last", async () => {
    const { controller } = controllerWith(fakeCard(), fakeBackend(), "pin");
    controller.presenceChanged("no-card");
    controller.presenceChanged("card-present");
    expect(await until(controller, "pin")).toMatchObject({ reason: "method" });
    await controller.submitPin("0000");
    expect(controller.screen).toMatchObject({ name: "pin", wrong: true, triesLeft: 2 });
    await controller.submitPin("0000");
    await controller.submitPin("0000");
    expect(controller.screen).toMatchObject({ name: "problem", code: "pin_blocked" });
  });

  it("offers registration for a card registered nowhere, and registers it with the insurer chosen", async () => {
    const backend = fakeBackend({ startPinless: refusal("card_not_registered") });
    const { controller } = controllerWith(fakeCard(), backend);
    controller.presenceChanged("no-card");
    controller.presenceChanged("card-present");
    await until(controller, "not_registered");
    await controller.startRegistration();
    expect(controller.screen).toMatchObject({ name: "register_insurer" });
    controller.chooseInsurer("ins-b");
    controller.acceptRegistrationConsent();
    await controller.submitSignaturePassword("WRONG1");
    expect(controller.screen).toMatchObject({ name: "register_password", wrong: true, triesLeft: 4 });
    await controller.submitSignaturePassword("ABC123");
    expect(controller.screen).toMatchObject({ name: "registered", linkStatus: "pending", existing: false });
    const registration = backend.calls.find((c) => c.name === "register")?.body as Record<string, unknown>;
    expect(registration).toMatchObject({ verifierId: "ins-b", challengeId: "chl-registration" });
  });

  it("asks for the card again when it is pulled mid-read, tells the desk, and goes on when it is back", async () => {
    const backend = fakeBackend();
    const { controller } = controllerWith(fakeCard({ removeDuringFirstRead: true }), backend);
    controller.presenceChanged("no-card");
    controller.presenceChanged("card-present");
    expect(await until(controller, "problem")).toMatchObject({ code: "card_removed" });
    expect(backend.events).toContain("card:card_removed");
    controller.presenceChanged("no-card");
    controller.presenceChanged("card-present");
    await until(controller, "consent");
  });

  it("says the reader is unplugged, tells the desk, and is ready when it is back", () => {
    const backend = fakeBackend();
    const { controller } = controllerWith(fakeCard(), backend);
    controller.presenceChanged("no-card");
    controller.presenceChanged("no-reader");
    expect(controller.screen).toEqual({ name: "no_reader", code: "reader_unplugged" });
    controller.presenceChanged("no-card");
    expect(controller.screen.name).toBe("idle");
    expect(backend.events).toEqual(["reader:ok", "reader:reader_unplugged", "reader:ok"]);
  });

  it("ends on the insurer-down screen with the patient's number when no insurer answers", async () => {
    const backend = fakeBackend({
      checkEligibility: () => Promise.reject(new BackendError("insurer_unavailable", 503, "down")),
    });
    const { controller } = controllerWith(fakeCard(), backend);
    controller.presenceChanged("no-card");
    controller.presenceChanged("card-present");
    await until(controller, "consent");
    await controller.answerConsent(false);
    expect(controller.screen).toEqual({
      name: "problem",
      code: "insurer_unavailable",
      patientNumber: "0000001-8",
    });
  });

  it("does not start a second recognition while one runs", async () => {
    const backend = fakeBackend();
    const { controller } = controllerWith(fakeCard(), backend);
    controller.presenceChanged("no-card");
    controller.presenceChanged("card-present");
    controller.presenceChanged("card-present");
    await until(controller, "consent");
    expect(backend.calls.filter((c) => c.name === "startPinless")).toHaveLength(1);
  });
});

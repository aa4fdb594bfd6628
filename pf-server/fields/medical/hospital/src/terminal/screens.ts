/**
 * @module The reception terminal's patient screens, drawn from the controller's `Screen`: large Japanese with the
 * English below, big touch targets, and the same actions from a keyboard (digits and Backspace/Enter on the PIN pad
 * and the password keyboard, 1/2 for yes/no, Escape to go back). Every element is built with textContent, never
 * HTML strings. Stable `data-screen` / `data-action` attributes let tests and staff scripts find them.
 */
import { messageFor, receptionMessages } from "../shared/reception-messages.ts";
import type { ReceptionController, Screen } from "./reception-controller.ts";

type Child = Node | string | false | undefined;

function h(tag: string, attributes: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) {
    if (child === false || child === undefined) continue;
    element.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return element;
}

const button = (
  action: string,
  label: string,
  english: string,
  kind = "primary",
  extra: Record<string, string> = {},
) =>
  h(
    "button",
    { type: "button", class: `big-button ${kind}`, "data-action": action, ...extra },
    h("span", { class: "ja" }, label),
    h("span", { class: "en" }, english),
  );

const heading = (ja: string, en: string) =>
  h("div", { class: "message" }, h("h1", { class: "ja" }, ja), h("p", { class: "en" }, en));

/**
 * A message of several sentences: the first in large type, the rest (take the card, speak to staff) below it, so the
 * headline fits the screen in two lines at most.
 */
function told(message: { ja: string; en: string }): Node[] {
  const ja = /^(.+?。)(.*)$/.exec(message.ja);
  const en = /^(.+?[.?!])\s+(.*)$/.exec(message.en);
  if (!ja?.[2] || !en?.[2]) return [heading(message.ja, message.en)];
  return [
    heading(ja[1]!, en[1]!),
    h("p", { class: "hint" }, h("span", { class: "ja" }, ja[2]), h("span", { class: "en" }, en[2])),
  ];
}

const icon = (kind: "card" | "ok" | "warn" | "bad" | "wait") => {
  if (kind === "card") {
    return h(
      "div",
      { class: "illustration card-on-reader", "aria-hidden": "true" },
      h("div", { class: "reader" }),
      h("div", { class: "card" }, "マイナンバーカード"),
    );
  }
  if (kind === "wait") return h("div", { class: "illustration spinner", "aria-hidden": "true" });
  const symbol = { ok: "✓", warn: "!", bad: "×" }[kind];
  return h("div", { class: `illustration badge ${kind}`, "aria-hidden": "true" }, symbol);
};

const patientNumberBox = (patientNumber: string, newPatient: boolean) =>
  h(
    "div",
    { class: "patient-number", "data-patient-number": patientNumber },
    h("span", { class: "label" }, newPatient ? "診察券番号（新しく発行しました）" : "診察券番号"),
    h("span", { class: "value" }, patientNumber),
    h("span", { class: "en" }, newPatient ? "Your new patient number" : "Patient number"),
  );

/** Local state of the keypad screens (what has been typed), kept while the same screen is shown. */
interface Entry {
  screen: Screen | undefined;
  value: string;
}

export interface ScreenContext {
  controller: ReceptionController;
}

export function mountScreens(root: HTMLElement, context: ScreenContext): () => void {
  const entry: Entry = { screen: undefined, value: "" };
  let current: Screen = context.controller.screen;

  const draw = (screen: Screen) => {
    // A new screen (a wrong PIN shows the pad afresh) starts with nothing typed.
    if (entry.screen !== screen) entry.value = "";
    entry.screen = screen;
    current = screen;
    root.replaceChildren(screenOf(screen, entry));
    root.dataset.screen = screen.name;
    const first = root.querySelector<HTMLElement>("[autofocus], button");
    first?.focus();
  };

  const onClick = (event: Event) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>("[data-action]");
    if (!target) return;
    act(target.dataset.action ?? "", target.dataset);
  };

  const act = (action: string, data: DOMStringMap) => {
    const controller = context.controller;
    switch (action) {
      case "digit":
      case "key":
        if (entry.value.length < (current.name === "pin" ? 4 : 16)) entry.value += data.value ?? "";
        refreshEntry();
        break;
      case "erase":
        entry.value = entry.value.slice(0, -1);
        refreshEntry();
        break;
      case "pin-submit":
        if (entry.value.length === 4) void controller.submitPin(entry.value);
        break;
      case "password-submit":
        if (entry.value.length >= 6) void controller.submitSignaturePassword(entry.value);
        break;
      case "consent-yes":
        void controller.answerConsent(true);
        break;
      case "consent-no":
        void controller.answerConsent(false);
        break;
      case "register":
        void controller.startRegistration();
        break;
      case "choose-insurer":
        controller.chooseInsurer(data.verifierId ?? "");
        break;
      case "accept-registration":
        controller.acceptRegistrationConsent();
        break;
      case "continue":
        void controller.continueAfterRegistration();
        break;
      case "cancel":
        controller.cancel();
        break;
    }
  };

  const refreshEntry = () => {
    const display = root.querySelector<HTMLElement>("[data-entry]");
    if (!display) return;
    display.textContent =
      current.name === "pin" ? "●".repeat(entry.value.length).padEnd(4, "○") : "●".repeat(entry.value.length);
    display.dataset.length = String(entry.value.length);
    const submit = root.querySelector<HTMLButtonElement>(
      '[data-action="pin-submit"], [data-action="password-submit"]',
    );
    if (submit) submit.disabled = current.name === "pin" ? entry.value.length !== 4 : entry.value.length < 6;
  };

  const onKey = (event: KeyboardEvent) => {
    const key = event.key;
    if (current.name === "pin" && /^[0-9]$/.test(key)) act("digit", { value: key });
    else if (current.name === "register_password" && /^[A-Za-z0-9]$/.test(key))
      act("key", { value: key.toUpperCase() });
    else if ((current.name === "pin" || current.name === "register_password") && key === "Backspace")
      act("erase", {});
    else if (current.name === "pin" && key === "Enter") act("pin-submit", {});
    else if (current.name === "register_password" && key === "Enter") act("password-submit", {});
    else if (current.name === "consent" && key === "1") act("consent-yes", {});
    else if (current.name === "consent" && key === "2") act("consent-no", {});
    else if (key === "Escape") act("cancel", {});
    else return;
    event.preventDefault();
  };

  root.addEventListener("click", onClick);
  document.addEventListener("keydown", onKey);
  const unsubscribe = context.controller.subscribe(draw);
  return () => {
    unsubscribe();
    root.removeEventListener("click", onClick);
    document.removeEventListener("keydown", onKey);
  };
}

function screenOf(screen: Screen, entry: Entry): HTMLElement {
  const section = (tone: string, ...children: Child[]) =>
    h("section", { class: `screen tone-${tone}`, "data-screen": screen.name }, ...children);
  switch (screen.name) {
    case "starting":
      return section("neutral", icon("wait"), heading("準備しています…", "Starting…"));
    case "no_reader": {
      const message = messageFor(
        screen.code === "reader_unplugged" ? "reader_unplugged" : "hospital_unreachable",
      );
      const text =
        screen.code === "reader_unplugged"
          ? message.patient
          : {
              ja: "カードリーダーの管理機能に接続できません。受付職員にお声がけください。",
              en: "The card reader is not available. Please speak to the reception staff.",
            };
      return withCode(section("bad", icon("bad"), ...told(text)), screen.code);
    }
    case "idle":
      return section(
        "neutral",
        icon("card"),
        heading(
          "マイナンバーカードを カードリーダーに置いてください",
          "Please place your My Number card on the card reader.",
        ),
        h(
          "p",
          { class: "hint" },
          h("span", { class: "ja" }, "暗証番号の入力は不要です。置いたまま、画面の案内をお待ちください。"),
          h("span", { class: "en" }, "No PIN is needed. Leave the card on the reader and follow the screen."),
        ),
      );
    case "reading":
      return section(
        "neutral",
        icon("wait"),
        heading(
          "確認しています。カードを置いたままお待ちください",
          "Checking… Please leave the card on the reader.",
        ),
      );
    case "pin":
      return h(
        "section",
        { class: `screen layout-pin tone-${screen.wrong ? "warn" : "neutral"}`, "data-screen": "pin" },
        h(
          "div",
          { class: "pin-side" },
          heading(
            screen.wrong
              ? "暗証番号が違います。もう一度入力してください"
              : "暗証番号（数字4桁）を入力してください",
            screen.wrong ? "The PIN is incorrect. Please enter it again." : "Please enter your 4-digit PIN.",
          ),
          screen.reason !== "method" &&
            h("p", { class: "hint" }, h("span", { class: "ja" }, messageFor(screen.reason).patient.ja)),
          screen.triesLeft !== undefined &&
            h(
              "p",
              { class: "tries", "data-tries-left": String(screen.triesLeft) },
              `あと ${screen.triesLeft} 回間違えるとロックされます / ${screen.triesLeft} tries left`,
            ),
          h(
            "div",
            { class: "entry", "data-entry": "pin", "data-length": String(entry.value.length) },
            "●".repeat(entry.value.length).padEnd(4, "○"),
          ),
          h("div", { class: "actions" }, button("cancel", "やめる", "Cancel", "secondary")),
        ),
        pinGrid(entry.value),
      );
    case "consent":
      return section(
        "neutral",
        patientNumberBox(screen.patientNumber, screen.newPatient),
        heading(
          "限度額適用認定証の情報を 病院に提供しますか？",
          "Do you agree to share your High-Cost Medical Expense Benefit (限度額) information with the hospital?",
        ),
        h(
          "p",
          { class: "hint" },
          h(
            "span",
            { class: "ja" },
            "提供すると、窓口でのお支払いが自己負担限度額までになります。提供しなくても受診できます。",
          ),
          h(
            "span",
            { class: "en" },
            "If you agree, you pay at most your monthly limit at the counter. You can be seen either way.",
          ),
        ),
        h(
          "div",
          { class: "actions two" },
          button("consent-yes", "1  提供する", "Agree", "primary"),
          button("consent-no", "2  提供しない", "Do not agree", "secondary"),
        ),
      );
    case "checking":
      return section(
        "neutral",
        icon("wait"),
        heading("保険の資格を確認しています…", "Checking your health insurance…"),
      );
    case "done": {
      const message = messageFor(screen.outcome);
      return withCode(
        section(
          message.tone,
          icon(message.tone === "ok" ? "ok" : message.tone),
          ...told(message.patient),
          patientNumberBox(screen.patientNumber, screen.newPatient),
          h(
            "p",
            { class: "hint" },
            h("span", { class: "ja" }, "カードをお取りください。"),
            h("span", { class: "en" }, "Please take your card."),
          ),
        ),
        screen.outcome,
      );
    }
    case "problem": {
      const message = messageFor(screen.code);
      return withCode(
        section(message.tone, icon(message.tone === "ok" ? "ok" : message.tone), ...told(message.patient)),
        screen.code,
      );
    }
    case "not_registered": {
      const message = receptionMessages.card_not_registered!;
      return section(
        "warn",
        icon("warn"),
        ...told(message.patient),
        h(
          "div",
          { class: "actions two" },
          button("register", "利用登録する", "Register now", "primary"),
          button("cancel", "今回は登録しない", "Not now", "secondary"),
        ),
      );
    }
    case "register_insurer":
      return section(
        "neutral",
        heading("加入している保険者を選んでください", "Please choose your health insurer."),
        h(
          "div",
          { class: "actions list" },
          ...screen.verifiers.map((v) =>
            button("choose-insurer", v.name, "", "primary", { "data-verifier-id": v.verifierId }),
          ),
          button("cancel", "やめる", "Cancel", "secondary"),
        ),
      );
    case "register_consent":
      return section(
        "neutral",
        heading(`${screen.verifier.name} に利用登録します`, `Registering with ${screen.verifier.name}`),
        h(
          "div",
          { class: "consent-text" },
          h(
            "p",
            { class: "ja" },
            "署名用電子証明書で本人確認を行い、基本4情報（氏名・住所・生年月日・性別）を共通的PF経由で選んだ保険者にお送りします。保険者が被保険者の記録と照合して登録を完了します。個人番号（マイナンバー）は読み取りません。",
          ),
          h(
            "p",
            { class: "en" },
            "Your signature certificate confirms who you are; your name, address, date of birth and sex are sent to the chosen insurer through the common platform so it can link your record. Your My Number is never read.",
          ),
        ),
        h(
          "div",
          { class: "actions two" },
          button("accept-registration", "同意して進む", "Agree and continue", "primary"),
          button("cancel", "やめる", "Cancel", "secondary"),
        ),
      );
    case "register_password":
      return compact(
        section(
          screen.wrong ? "warn" : "neutral",
          heading(
            screen.wrong
              ? "パスワードが違います。もう一度入力してください"
              : "署名用電子証明書のパスワード（英数字6〜16文字）を入力してください",
            screen.wrong
              ? "The password is incorrect. Please enter it again."
              : "Please enter your signature certificate password (6–16 letters and digits).",
          ),
          screen.triesLeft !== undefined &&
            h(
              "p",
              { class: "tries", "data-tries-left": String(screen.triesLeft) },
              `あと ${screen.triesLeft} 回間違えるとロックされます / ${screen.triesLeft} tries left`,
            ),
          passwordKeyboard(entry.value),
        ),
      );
    case "registering":
      return section(
        "neutral",
        icon("wait"),
        heading(
          "登録しています。カードを置いたままお待ちください",
          "Registering… Please leave the card on the reader.",
        ),
      );
    case "registered":
      return section(
        screen.linkStatus === "linked" ? "ok" : "warn",
        icon(screen.linkStatus === "linked" ? "ok" : "warn"),
        heading(
          screen.existing
            ? `${screen.verifierName} への登録は済んでいます`
            : `${screen.verifierName} への利用登録を受け付けました`,
          screen.existing
            ? `You are already registered with ${screen.verifierName}.`
            : `Your registration with ${screen.verifierName} has been received.`,
        ),
        h(
          "p",
          { class: "hint" },
          screen.linkStatus === "linked"
            ? h("span", { class: "ja" }, "続けて受付を行います。")
            : h(
                "span",
                { class: "ja" },
                "保険者が確認したあと、次回の受付から保険証としてご利用いただけます。今回は資格確認書（保険証）を受付職員にお見せください。",
              ),
          screen.linkStatus === "linked"
            ? h("span", { class: "en" }, "Let us continue with your check-in.")
            : h(
                "span",
                { class: "en" },
                "Once your insurer has confirmed it, the card works from your next visit. Today, please show your insurance certificate to the staff.",
              ),
        ),
        screen.linkStatus === "linked" &&
          h("div", { class: "actions" }, button("continue", "続けて受付する", "Continue", "primary")),
      );
  }
}

function compact(element: HTMLElement): HTMLElement {
  element.classList.add("compact");
  return element;
}

function withCode(element: HTMLElement, code: string): HTMLElement {
  element.dataset.code = code;
  element.append(h("p", { class: "code" }, `コード: ${code}`));
  return element;
}

function pinGrid(value: string): HTMLElement {
  const keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9"];
  return h(
    "div",
    { class: "pin-grid" },
    ...keys.map((k) =>
      h("button", { type: "button", class: "key", "data-action": "digit", "data-value": k }, k),
    ),
    h("button", { type: "button", class: "key secondary", "data-action": "erase" }, "訂正"),
    h("button", { type: "button", class: "key", "data-action": "digit", "data-value": "0" }, "0"),
    h(
      "button",
      {
        type: "button",
        class: "key primary",
        "data-action": "pin-submit",
        ...(value.length === 4 ? {} : { disabled: "" }),
      },
      "確定",
    ),
  );
}

function passwordKeyboard(value: string): HTMLElement {
  const rows = ["1234567890", "ABCDEFGHIJ", "KLMNOPQRST", "UVWXYZ"];
  return h(
    "div",
    { class: "keypad" },
    h(
      "div",
      { class: "entry password", "data-entry": "password", "data-length": String(value.length) },
      "●".repeat(value.length),
    ),
    ...rows.map((row) =>
      h(
        "div",
        { class: "key-row" },
        ...[...row].map((k) =>
          h("button", { type: "button", class: "key small", "data-action": "key", "data-value": k }, k),
        ),
      ),
    ),
    h(
      "div",
      { class: "actions three" },
      button("erase", "訂正", "Delete", "secondary"),
      button("password-submit", "確定", "OK", "primary", value.length >= 6 ? {} : { disabled: "" }),
      button("cancel", "やめる", "Cancel", "secondary"),
    ),
  );
}

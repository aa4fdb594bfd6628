/**
 * @module The registration page's script, in the person's browser (bundled by build-browser-script.ts): it reaches
 * the card reader through the reader firmware's browser API (`@catv/firmware-shims/browser`: a standard
 * `navigator.usb` over the reader software's local WebSocket) and runs the card flow with the same driver and JPKI
 * client the TV app uses (`@catv/firmware-shims/driver`): read both certificates, verify the 署名用パスワード, sign
 * the PF's challenge with the signature key and prove the card key. It asks this insurer's backend for the
 * challenge and hands it the card's answer; it never sees the insurer's credentials, and nothing of the card is
 * kept in the page.
 */
import { connectFirmwareBridge } from "@catv/firmware-shims/browser";
import {
  isReaderError,
  MemoryCertificateCache,
  PinIncorrectError,
  ReaderMonitor,
  type ReaderPresence,
  signRegistrationChallenge,
} from "@catv/firmware-shims/driver";

interface PageConfig {
  insurerId: string;
  csrfToken: string;
  challengePath: string;
  completePath: string;
  reader: { wsUrl: string; token: string } | null;
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const config = JSON.parse(byId("registration-config").textContent ?? "{}") as PageConfig;
const readerStatus = byId<HTMLParagraphElement>("reader-status");
const result = byId<HTMLParagraphElement>("result");
const button = byId<HTMLButtonElement>("register");
const consent = byId<HTMLInputElement>("consent");
const password = byId<HTMLInputElement>("sign-password");

let monitor: ReaderMonitor | undefined;
let busy = false;

const PRESENCE_TEXT: Record<ReaderPresence, string> = {
  "no-reader": "カードリーダーが見つかりません。カードリーダーをパソコンに接続してください。",
  "no-card": "カードリーダーの準備ができました。マイナンバーカードを置いてください。",
  "card-present": "マイナンバーカードを読み取れます。",
};

function show(element: HTMLElement, state: string, text: string): void {
  element.hidden = false;
  element.dataset.state = state;
  element.textContent = text;
}

function refresh(): void {
  const presence = monitor?.presence;
  if (presence)
    show(readerStatus, presence === "card-present" ? "ready" : "waiting", PRESENCE_TEXT[presence]);
  button.disabled = busy || !monitor || !consent.checked || !/^[A-Za-z0-9]{6,16}$/.test(password.value);
}

const toBase64 = (bytes: Uint8Array) => {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
};
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function post(path: string, body: unknown): Promise<{ ok: boolean; json: Record<string, unknown> }> {
  const response = await fetch(path, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-csrf-token": config.csrfToken,
      accept: "application/json",
    },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { ok: response.ok, json };
}

function messageOf(json: Record<string, unknown>): string {
  const error = json.error as { message?: string } | undefined;
  return error?.message ?? "登録できませんでした。もう一度お試しください。";
}

function cardMessage(error: unknown): string {
  if (error instanceof PinIncorrectError) {
    return `署名用電子証明書のパスワードが違います（あと${error.remainingTries}回間違えるとロックされます）。`;
  }
  if (isReaderError(error)) {
    if (error.code === "pin_blocked") {
      return "署名用電子証明書のパスワードがロックされています。お住まいの市区町村の窓口で初期化してください。";
    }
    return error.plainJa;
  }
  return "カードを読み取れませんでした。カードを置き直して、もう一度お試しください。";
}

async function register(): Promise<void> {
  if (!monitor || busy) return;
  busy = true;
  refresh();
  const consentAcceptedAt = new Date().toISOString();
  try {
    show(result, "working", "共通的PFに接続しています…");
    const challenge = await post(config.challengePath, {});
    if (!challenge.ok) {
      show(result, "error", messageOf(challenge.json));
      return;
    }
    show(result, "working", "カードを読み取っています。カードを動かさないでください…");
    const toBeSigned = fromBase64(String(challenge.json.toBeSigned));
    let signed: Awaited<ReturnType<typeof signRegistrationChallenge>>;
    try {
      signed = await monitor.withCard((card) =>
        signRegistrationChallenge(card, {
          toBeSigned,
          signPassword: password.value.toUpperCase(),
          cache: new MemoryCertificateCache(),
        }),
      );
    } catch (error) {
      show(result, "error", cardMessage(error));
      return;
    }
    show(result, "working", "登録しています…");
    const completed = await post(config.completePath, {
      challengeId: challenge.json.challengeId,
      signatureCertificate: toBase64(signed.signatureCertificate),
      authenticationCertificate: toBase64(signed.authenticationCertificate),
      signature: toBase64(signed.signature),
      cardKeyProof: {
        cardVerifiableCertificate: toBase64(signed.cardVerifiableCertificate),
        signature: toBase64(signed.cardSignature),
      },
      consentAcceptedAt,
    });
    if (!completed.ok) {
      show(result, "error", messageOf(completed.json));
      return;
    }
    show(
      result,
      "ready",
      completed.json.outcome === "new"
        ? "登録しました。保険者が被保険者の記録と照合して紐づけたあと、医療機関でカードをかざして資格確認ができます。"
        : "このカードは既に登録されています。",
    );
    password.value = "";
  } catch {
    show(result, "error", "通信に失敗しました。しばらく待ってからもう一度お試しください。");
  } finally {
    busy = false;
    refresh();
  }
}

async function start(): Promise<void> {
  consent.addEventListener("change", refresh);
  password.addEventListener("input", refresh);
  button.addEventListener("click", () => void register());
  if (!config.reader) {
    show(
      readerStatus,
      "error",
      "このパソコンでカードリーダーのソフトが動いていません。カードリーダーのソフトを起動してから、このページを開き直してください。",
    );
    return;
  }
  try {
    const bridge = await connectFirmwareBridge(config.reader);
    monitor = await ReaderMonitor.start(bridge.usb);
    monitor.onChange(refresh);
    refresh();
  } catch {
    show(
      readerStatus,
      "error",
      "カードリーダーのソフトに接続できません。ソフトが起動しているか確かめてから、このページを開き直してください。",
    );
  }
}

void start();

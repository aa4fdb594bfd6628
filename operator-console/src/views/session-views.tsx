/**
 * @module ログイン履歴: the newest viewer sessions with where the card was read (STB reader or the viewer's phone).
 */
import type { FC } from "hono/jsx";
import type { OperatorSessions } from "../domain/pf-client.ts";
import { dateTime } from "./layout.tsx";
import { Table } from "./parts.tsx";

const ACR_LABEL: Record<OperatorSessions[number]["acr"], string> = {
  "urn:catv:acr:pin": "暗証番号",
  "urn:catv:acr:pin-phone": "暗証番号（スマートフォン）",
  "urn:catv:acr:pinless": "暗証番号なし（かざし）",
};

export const SessionsPage: FC<{ sessions: OperatorSessions; error?: string }> = ({ sessions, error }) => (
  <>
    <p class="muted">
      共通的PFの最新のログイン（最大200件）。「読み取り」は、カードをSTBのカードリーダーで読んだか、視聴者のスマートフォンで読んだか（スマートフォンで）を示します。
    </p>
    {error && <p class="flash error">{error}</p>}
    <Table
      head={["開始", "ケーブルID", "STB", "読み取り", "本人確認", "終了"]}
      rows={sessions}
      empty="ログインはまだありません。"
      row={(s) => (
        <tr>
          <td>{dateTime(s.startedAt)}</td>
          <td class="mono">{s.cableId}</td>
          <td class="mono">{s.terminalId}</td>
          <td>
            <span class={`tag source-${s.source}`}>
              {s.source === "phone" ? "スマートフォン" : "STBのカードリーダー"}
            </span>
          </td>
          <td>{ACR_LABEL[s.acr]}</td>
          <td>{s.endedAt ? dateTime(s.endedAt) : "—"}</td>
        </tr>
      )}
    />
  </>
);

/**
 * @module The linking screen (参考１－２): ① the application's verified 4情報 and the search conditions taken from
 * them, ② the candidates from the 被保険者DB with each field marked 一致／相違, then the confirmation step — the
 * application and the record side by side, ④ corrections of the record where it differs, an explicit confirmation
 * of the differences — and ③ the link. Unlinking, with a reason, is on the same screen.
 */
import type { FC } from "hono/jsx";
import type { SearchCriteria } from "../domain/matching.ts";
import { correctableFieldLabels } from "../domain/matching.ts";
import type { CorrectableField, InsuredPerson } from "../domain/ports.ts";
import type { Candidate } from "../domain/search-insured-persons.ts";
import type { LinkConfirmation, LinkingView } from "../domain/show-linking.ts";
import { Layout, type PageContext } from "./layout.tsx";
import {
  Agreement,
  Alert,
  Csrf,
  channelLabel,
  dateJa,
  dateTime,
  numberOf,
  RegistrationState,
  relationshipLabel,
  sexLabel,
} from "./parts.tsx";

const deliveryLabel = (view: LinkingView) => {
  const d = view.delivery;
  if (!d) return "—";
  const state = d.status === "linked" ? "紐づけ済" : "紐づけ待ち";
  if (d.outcome === "accepted") return `共通的PFに「${state}」を通知済み（${dateTime(d.doneAt)}）`;
  if (d.outcome === "refused") return `共通的PFが「${state}」を受け付けませんでした（${d.lastError ?? ""}）`;
  if (d.outcome === "superseded") return "—";
  return `共通的PFへ「${state}」を送信待ち（${d.attempts}回試行${d.lastError ? `、直近: ${d.lastError}` : ""}）`;
};

export const ApplicationCard: FC<{ view: Pick<LinkingView, "registration"> }> = ({ view }) => {
  const r = view.registration;
  return (
    <div class="card" id="application">
      <h2>
        <span class="step">1</span>申請情報（署名用電子証明書で確認済み）
      </h2>
      <dl class="kv">
        <dt>共通的PFID</dt>
        <dd class="mono">{r.accountId}</dd>
        <dt>氏名</dt>
        <dd>
          {r.fourInfo.name}
          {r.fourInfo.nameAlternativeFlags?.includes("1") && (
            <span class="tag warn">代替文字を含む（該当の文字はどの文字とも一致とみなします）</span>
          )}
        </dd>
        <dt>生年月日</dt>
        <dd>{dateJa(r.fourInfo.dateOfBirth)}</dd>
        <dt>性別</dt>
        <dd>{sexLabel(r.fourInfo.gender)}</dd>
        <dt>住所</dt>
        <dd>{r.fourInfo.address}</dd>
        <dt>登録</dt>
        <dd>
          {dateTime(r.registeredAt)}・{channelLabel(r)}・同意文書 {r.consentVersion}
        </dd>
        {r.status === "revoked" && (
          <>
            <dt>失効</dt>
            <dd>
              <span class="tag bad">利用者証明用電子証明書の失効</span> {dateTime(r.revokedAt)}（
              {r.revocationReason}）
            </dd>
          </>
        )}
        {r.revokedCertificate === "signature" && r.status === "active" && (
          <>
            <dt>署名用電子証明書</dt>
            <dd>
              失効 {dateTime(r.revokedAt)}（{r.revocationReason}）— カードは引き続き使えます
            </dd>
          </>
        )}
      </dl>
    </div>
  );
};

export const LinkingPage: FC<{
  ctx: PageContext;
  view: LinkingView;
  criteria: SearchCriteria;
  candidates: Candidate[] | undefined;
  message?: { kind: "ok" | "error" | "warn"; text: string } | undefined;
}> = ({ ctx, view, criteria, candidates, message }) => {
  const r = view.registration;
  return (
    <Layout ctx={ctx} title="被保険者の特定と紐づけ">
      {message && <Alert kind={message.kind}>{message.text}</Alert>}
      {r.reviewPending && (
        <Alert kind="warn">
          電子証明書の{r.updateReason === "renewed" ? "更新" : "再発行"}により4情報が変わりました（
          {dateTime(r.updatedAt)}）。 紐づけている被保険者の記録と見比べてください。
          <form method="post" action={`/intake/${r.accountId}/review`} class="inline">
            <Csrf token={ctx.csrfToken} /> <button type="submit">確認済みにする</button>
          </form>
        </Alert>
      )}
      <ApplicationCard view={view} />
      <div class="card" id="links">
        <h2>紐づけ</h2>
        <p>
          <RegistrationState registration={r} linked={view.linked.length} />{" "}
          <span class="muted">{deliveryLabel(view)}</span>
        </p>
        {view.linked.length > 1 && (
          <Alert kind="warn">
            この共通的PFIDは{view.linked.length}
            人分の記録に紐づいています。資格確認は「複数該当」になります。誤っている記録の紐づけを解除してください。
          </Alert>
        )}
        {view.linked.length > 0 && (
          <table>
            <thead>
              <tr>
                <th>記号・番号・枝番</th>
                <th>氏名</th>
                <th>生年月日</th>
                <th>本人・家族</th>
                <th>紐づけ</th>
                <th>解除</th>
              </tr>
            </thead>
            <tbody>
              {view.linked.map(({ link, person }) => (
                <tr>
                  <td class="nowrap">
                    <a href={`/persons/${person.id}`}>{numberOf(person)}</a>
                  </td>
                  <td>{person.name}</td>
                  <td class="nowrap">{dateJa(person.birthDate)}</td>
                  <td>{relationshipLabel(person.relationship)}</td>
                  <td class="small">
                    {dateTime(link.linkedAt)} {link.linkedBy}（{link.method === "csv" ? "CSV" : "画面"}）
                    {link.mismatchConfirmed && <span class="tag warn">相違を確認して紐づけ</span>}
                  </td>
                  <td>
                    <form method="post" action={`/intake/${r.accountId}/unlink`} class="search">
                      <Csrf token={ctx.csrfToken} />
                      <input type="hidden" name="personId" value={person.id} />
                      <input
                        type="text"
                        name="reason"
                        placeholder="解除の理由"
                        required
                        aria-label="解除の理由"
                      />
                      <button type="submit" class="danger">
                        紐づけを解除
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {view.history.length > 0 && (
          <details>
            <summary>解除した紐づけ（{view.history.length}件）</summary>
            <ul class="small">
              {view.history.map(({ link, person }) => (
                <li>
                  {person ? numberOf(person) : link.personId}: {dateTime(link.linkedAt)} 紐づけ →{" "}
                  {dateTime(link.unlinkedAt)} 解除（{link.unlinkedBy}、理由: {link.unlinkReason}）
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
      {r.status === "active" && (
        <div class="card" id="search">
          <h2>
            <span class="step">2</span>被保険者の検索（申請情報を検索条件に）
          </h2>
          <form method="get" action={`/intake/${r.accountId}`} class="search">
            <input type="hidden" name="search" value="1" />
            <div class="field">
              <label for="q-name">氏名</label>
              <input id="q-name" type="text" name="name" value={criteria.name ?? ""} />
            </div>
            <div class="field">
              <label for="q-kana">カナ（申請にはありません）</label>
              <input id="q-kana" type="text" name="kana" value={criteria.kana ?? ""} />
            </div>
            <div class="field">
              <label for="q-birth">生年月日</label>
              <input id="q-birth" type="date" name="birthDate" value={criteria.birthDate ?? ""} />
            </div>
            <div class="field">
              <label for="q-address">住所</label>
              <input id="q-address" type="text" name="address" value={criteria.address ?? ""} size={36} />
            </div>
            <div class="field">
              <label for="q-sex">性別</label>
              <select id="q-sex" name="sex">
                <option value="">指定しない</option>
                {(["1", "2", "3"] as const).map((s) => (
                  <option value={s} selected={criteria.sex === s}>
                    {sexLabel(s)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">検索</button>
          </form>
          <p class="muted small">
            氏名は全角・半角、空白、異体字（髙・﨑・齋など）の違いを、住所は都道府県の有無、漢数字、「丁目・番地・号」とハイフンの違いを無視して比べます。
          </p>
          {candidates && <CandidateTable accountId={r.accountId} candidates={candidates} />}
        </div>
      )}
    </Layout>
  );
};

const CandidateTable: FC<{ accountId: string; candidates: Candidate[] }> = ({ accountId, candidates }) => {
  const fullMatches = candidates.filter(
    (c) => c.score === 5 || (c.comparison.kana === "unknown" && c.score === 4),
  );
  return (
    <>
      <h3>検索結果（{candidates.length}件）</h3>
      {fullMatches.length > 1 && (
        <Alert kind="warn">
          申請情報と一致する被保険者が{fullMatches.length}
          件あります（記録の重複の可能性）。どちらに紐づけるか確認してください。
        </Alert>
      )}
      <table id="candidates">
        <thead>
          <tr>
            <th>記号・番号・枝番</th>
            <th>氏名</th>
            <th>カナ</th>
            <th>生年月日</th>
            <th>性別</th>
            <th>住所</th>
            <th>資格</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {candidates.length === 0 && (
            <tr>
              <td colspan={8} class="muted">
                該当する被保険者はいません。条件を変えて検索してください（当保険者の被保険者でない方は紐づけできません）。
              </td>
            </tr>
          )}
          {candidates.map((c) => (
            <tr data-person-id={c.person.id}>
              <td class="nowrap">{numberOf(c.person)}</td>
              <td class={c.comparison.name === "differ" ? "differ" : ""}>
                {c.person.name} <Agreement value={c.comparison.name} />
              </td>
              <td class={c.comparison.kana === "differ" ? "differ" : ""}>
                {c.person.nameKana} <Agreement value={c.comparison.kana} />
              </td>
              <td class={`nowrap ${c.comparison.birthDate === "differ" ? "differ" : ""}`}>
                {dateJa(c.person.birthDate)} <Agreement value={c.comparison.birthDate} />
              </td>
              <td class={c.comparison.sex === "differ" ? "differ" : ""}>
                {sexLabel(c.person.sex)} <Agreement value={c.comparison.sex} />
              </td>
              <td class={c.comparison.address === "differ" ? "differ" : ""}>
                {c.person.address} <Agreement value={c.comparison.address} />
              </td>
              <td class="nowrap">
                {c.coveredToday ? <span class="tag ok">有効</span> : <span class="tag bad">資格なし</span>}{" "}
                {relationshipLabel(c.person.relationship)}
              </td>
              <td class="nowrap">
                {c.linkedAccountId === accountId ? (
                  <span class="tag ok">紐づけ済</span>
                ) : c.linkedAccountId ? (
                  <span class="tag bad" title={c.linkedAccountId}>
                    別のIDに紐づけ済
                  </span>
                ) : (
                  <a class="button" href={`/intake/${accountId}/link/${c.person.id}`}>
                    この方を選ぶ
                  </a>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
};

const value = (person: InsuredPerson, field: CorrectableField | "kana") =>
  field === "name"
    ? person.name
    : field === "kana"
      ? person.nameKana
      : field === "address"
        ? person.address
        : field === "birthDate"
          ? dateJa(person.birthDate)
          : sexLabel(person.sex);

export const ConfirmLinkPage: FC<{
  ctx: PageContext;
  confirmation: LinkConfirmation;
  error?: string | undefined;
}> = ({ ctx, confirmation, error }) => {
  const { registration: r, person, comparison, differences } = confirmation;
  const application: Record<CorrectableField | "kana", string> = {
    name: r.fourInfo.name,
    kana: "（申請にはありません）",
    birthDate: dateJa(r.fourInfo.dateOfBirth),
    sex: sexLabel(r.fourInfo.gender),
    address: r.fourInfo.address,
  };
  const rows: (CorrectableField | "kana")[] = ["name", "kana", "birthDate", "sex", "address"];
  const blocked = confirmation.personLinkedTo !== undefined || r.status === "revoked";
  return (
    <Layout ctx={ctx} title="紐づけの確認">
      {error && <Alert kind="error">{error}</Alert>}
      {differences.length === 0 ? (
        <Alert kind="ok">申請情報と被保険者情報は一致しています。</Alert>
      ) : (
        <Alert kind="warn">
          申請情報と被保険者情報が{differences.length}項目で異なります（
          {differences.map((f) => correctableFieldLabels[f]).join("・")}
          ）。本人であることを確認してから紐づけてください。
        </Alert>
      )}
      {confirmation.personLinkedTo && (
        <Alert kind="error">
          この被保険者には別の共通的PFID（<span class="mono">{confirmation.personLinkedTo}</span>
          ）が紐づいています。先にその紐づけを解除してください。
        </Alert>
      )}
      <div class="card">
        <h2>
          <span class="step">2</span>申請情報と被保険者情報の比較
        </h2>
        <form method="post" action={`/intake/${r.accountId}/link`} id="link-form">
          <Csrf token={ctx.csrfToken} />
          <input type="hidden" name="personId" value={person.id} />
          <table class="compare" id="comparison">
            <thead>
              <tr>
                <th>項目</th>
                <th>申請情報（電子証明書）</th>
                <th>被保険者DB（{numberOf(person)}）</th>
                <th>判定</th>
                <th>
                  <span class="step">4</span>被保険者DBを修正
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((f) => {
                const agreement = f === "kana" ? comparison.kana : comparison[f];
                const correctable =
                  f !== "kana" && differences.includes(f) && (f !== "name" || confirmation.nameCorrectable);
                return (
                  <tr class={agreement === "differ" ? "differ" : ""} data-field={f}>
                    <th>{f === "kana" ? "カナ" : correctableFieldLabels[f]}</th>
                    <td class="value">{application[f]}</td>
                    <td class="value">{value(person, f)}</td>
                    <td>
                      <Agreement value={agreement} />
                    </td>
                    <td>
                      {correctable && (
                        <label class="check">
                          <input type="checkbox" name="correct" value={f} />
                          申請情報の値に修正する
                        </label>
                      )}
                      {f === "name" && differences.includes("name") && !confirmation.nameCorrectable && (
                        <span class="muted small">代替文字を含むため修正できません</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p class="muted small">
            {relationshipLabel(person.relationship)}・資格取得 {dateJa(person.qualificationDate)}
            {person.disqualificationDate && `・資格喪失 ${dateJa(person.disqualificationDate)}`}
          </p>
          {confirmation.alreadyLinkedTo.length > 0 && (
            <div class="confirm-box">
              <p>
                この共通的PFIDは既に {confirmation.alreadyLinkedTo.map((p) => numberOf(p)).join("、")}{" "}
                に紐づいています。両方に紐づけると、医療機関での資格確認は「複数該当」になります。
              </p>
              <label class="check">
                <input type="checkbox" name="confirmSecondLink" value="1" id="confirm-second" />
                複数の記録に紐づけることを確認しました
              </label>
            </div>
          )}
          {differences.length > 0 && (
            <div class="confirm-box">
              <p>
                相違点: {differences.map((f) => correctableFieldLabels[f]).join("・")}
                。氏名・生年月日・住所・性別の違いを本人確認書類や住民記録で確かめてください。
              </p>
              <label class="check">
                <input type="checkbox" name="confirmMismatch" value="1" id="confirm-mismatch" />
                相違点を確認し、申請者と被保険者が同一人物であることを確認しました
              </label>
            </div>
          )}
          <div class="actions">
            <button type="submit" id="link-submit" disabled={blocked}>
              <span class="step">3</span>共通的PFIDを紐づける
            </button>
            <a class="button secondary" href={`/intake/${r.accountId}?search=1`}>
              検索結果に戻る
            </a>
          </div>
        </form>
      </div>
      <ApplicationCard view={{ registration: r }} />
    </Layout>
  );
};

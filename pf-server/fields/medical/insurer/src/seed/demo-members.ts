/**
 * @module The demo 被保険者DB of the two demo insurers: fictional households written the way each register would
 * hold them, fixed (deterministic) so tests and journeys can name them, chosen so that every answer of a 資格確認
 * occurs:
 *
 * | 資格有効性 | who |
 * | --- | --- |
 * | 1 有効, 3割 | 山田 太郎 (健保), and most others |
 * | 1 有効, 2割 高齢受給者 | 水谷 誠 (国保, 住所地特例), 佐々木 トシ子 |
 * | 1 有効, 3割 高齢受給者 (現役並み) | 阿部 健司 |
 * | 1 有効, 2割 未就学 | 本間 陽菜, 佐藤 悠真 |
 * | 1 有効, 短期被保険者証 (03) | 本間 家 |
 * | 2 無効, 喪失事由 99 その他 | 服部 あおい (国保: 転出), 伊藤 健太 (健保: 退職) |
 * | 2 無効, 01 死亡 / 02 生活保護受給開始 | 遠藤 勝 / 高橋 隆 |
 * | 3 無効（新しい資格あり）, 03 医療保険等の資格取得 | 池田 美穂 (国保 → 健保: switched insurer), 石黒 健一 and 佐々木 清 (75歳: 後期高齢者医療) |
 * | 5 複数該当 (two records in force) | 北村 翔太 (健保: 本人, and still 家族 of his father), 菅原 裕子 (国保: 世帯分離 without closing the old record) |
 *
 * The demo residents of the J-LIS simulator (`pf-server/src/jlis/seed/residents.ts`: their names, readings,
 * birth dates, sexes and certificate addresses are copied here, since this system may not import the PF's) are
 * members so that a card can be registered and linked: most at 庄内ものづくり健康保険組合, a 総合健保 of 庄内
 * manufacturers whose member companies have plants in 南砺市, 須坂市 and いなべ市 (記号 = 事業所); 水谷 誠 at 酒田市国保
 * under the 住所地特例 (he moved from 酒田 into a care home in いなべ市 and stays insured by the city he left); 服部 あおい
 * was in 酒田市国保 until she moved to いなべ市. 丸山 千代 (100) and anyone else aged 75 or over are in 後期高齢者医療,
 * neither insurer's: their registration waits unlinked.
 *
 * Some records differ from the certificates as registers do: 小林 一郎 is 小林 一朗 in the 健保's records (a typo),
 * 服部 あおい's record keeps her 酒田 address, 松本 さくら's and 髙橋 家's addresses are typed in another notation, 齋藤
 * 幸子 is written with the variant 齋. 髙橋 美咲's certificate flags 髙 as a 代替文字.
 */
import type { LimitBracket, ReasonOfLoss, RelationshipCode, SexCode } from "../domain/vocabulary.ts";

export interface SeedMember {
  branch: string;
  relationship: RelationshipCode;
  name: string;
  kana: string;
  sex: SexCode;
  birthDate: string;
  address: string;
  qualificationDate: string;
  loss?: { date: string; reason: ReasonOfLoss };
  /** The J-LIS demo resident this member is (`residents.ts` key), when there is one. */
  resident?: string;
  note?: string;
}

export interface SeedHousehold {
  symbol: string | null;
  number: string;
  incomeBracket: LimitBracket;
  cardClassification?: "01" | "03";
  members: SeedMember[];
}

export const DEMO_INSURER_IDS = { kokuho: "ins-sakata-kokuho", kenpo: "ins-shonai-kenpo" } as const;

/** 酒田市国民健康保険: 記号 酒田, 番号 per 世帯, 枝番 per person; 本人 = 世帯主. */
export const SAKATA_KOKUHO: readonly SeedHousehold[] = [
  {
    symbol: "酒田",
    number: "210345",
    incomeBracket: "middle",
    members: [
      {
        branch: "01",
        relationship: "1",
        name: "斎藤 正雄",
        kana: "サイトウ マサオ",
        sex: "1",
        birthDate: "1962-07-15",
        address: "山形県酒田市本町二丁目3番4号",
        qualificationDate: "2022-08-01",
        note: "退職後に国保へ",
      },
      {
        branch: "02",
        relationship: "2",
        name: "斎藤 典子",
        kana: "サイトウ ノリコ",
        sex: "2",
        birthDate: "1964-03-02",
        address: "山形県酒田市本町二丁目3番4号",
        qualificationDate: "2022-08-01",
      },
      {
        branch: "03",
        relationship: "2",
        name: "斎藤 航",
        kana: "サイトウ ワタル",
        sex: "1",
        birthDate: "2003-11-20",
        address: "山形県酒田市本町二丁目3番4号",
        qualificationDate: "2022-08-01",
      },
    ],
  },
  {
    symbol: "酒田",
    number: "210388",
    incomeBracket: "general",
    members: [
      {
        branch: "01",
        relationship: "1",
        name: "佐々木 清",
        kana: "ササキ キヨシ",
        sex: "1",
        birthDate: "1951-09-30",
        address: "山形県酒田市亀ケ崎三丁目5番12号",
        qualificationDate: "2011-10-01",
        loss: { date: "2026-09-30", reason: "03" },
        note: "75歳到達で後期高齢者医療へ",
      },
      {
        branch: "02",
        relationship: "2",
        name: "佐々木 トシ子",
        kana: "ササキ トシコ",
        sex: "2",
        birthDate: "1953-05-05",
        address: "山形県酒田市亀ケ崎三丁目5番12号",
        qualificationDate: "2011-10-01",
        note: "高齢受給者（一般: 2割）",
      },
    ],
  },
  {
    symbol: "酒田",
    number: "210412",
    incomeBracket: "upper",
    members: [
      {
        branch: "01",
        relationship: "1",
        name: "阿部 健司",
        kana: "アベ ケンジ",
        sex: "1",
        birthDate: "1956-01-20",
        address: "山形県酒田市中町1-4-10",
        qualificationDate: "2021-02-01",
        note: "高齢受給者（現役並み: 3割）",
      },
      {
        branch: "02",
        relationship: "2",
        name: "阿部 由紀",
        kana: "アベ ユキ",
        sex: "2",
        birthDate: "1958-08-08",
        address: "山形県酒田市中町1-4-10",
        qualificationDate: "2021-02-01",
      },
    ],
  },
  {
    symbol: "酒田",
    number: "210455",
    incomeBracket: "low",
    cardClassification: "03",
    members: [
      {
        branch: "01",
        relationship: "1",
        name: "本間 大輔",
        kana: "ホンマ ダイスケ",
        sex: "1",
        birthDate: "1979-04-11",
        address: "山形県酒田市若浜町12番8号",
        qualificationDate: "2019-04-01",
        note: "短期被保険者証（保険料の滞納）",
      },
      {
        branch: "02",
        relationship: "2",
        name: "本間 彩",
        kana: "ホンマ アヤ",
        sex: "2",
        birthDate: "1982-12-01",
        address: "山形県酒田市若浜町12番8号",
        qualificationDate: "2019-04-01",
      },
      {
        branch: "03",
        relationship: "2",
        name: "本間 蒼",
        kana: "ホンマ アオイ",
        sex: "1",
        birthDate: "2018-02-20",
        address: "山形県酒田市若浜町12番8号",
        qualificationDate: "2019-04-01",
      },
      {
        branch: "04",
        relationship: "2",
        name: "本間 陽菜",
        kana: "ホンマ ヒナ",
        sex: "2",
        birthDate: "2021-06-15",
        address: "山形県酒田市若浜町12番8号",
        qualificationDate: "2021-06-15",
        note: "未就学（2割）",
      },
    ],
  },
  {
    symbol: "酒田",
    number: "210501",
    incomeBracket: "general",
    members: [
      {
        branch: "01",
        relationship: "1",
        name: "池田 美穂",
        kana: "イケダ ミホ",
        sex: "2",
        birthDate: "1988-10-10",
        address: "山形県酒田市日吉町二丁目6番21号",
        qualificationDate: "2020-04-01",
        loss: { date: "2026-07-01", reason: "03" },
        note: "就職して庄内ものづくり健保へ（保険者の異動）",
      },
    ],
  },
  {
    symbol: "酒田",
    number: "210537",
    incomeBracket: "general",
    members: [
      {
        branch: "01",
        relationship: "1",
        name: "遠藤 京子",
        kana: "エンドウ キョウコ",
        sex: "2",
        birthDate: "1960-06-06",
        address: "山形県酒田市浜田一丁目7番3号",
        qualificationDate: "2019-01-01",
        note: "夫の死亡で世帯主に",
      },
      {
        branch: "02",
        relationship: "2",
        name: "遠藤 勝",
        kana: "エンドウ マサル",
        sex: "1",
        birthDate: "1958-12-25",
        address: "山形県酒田市浜田一丁目7番3号",
        qualificationDate: "2019-01-01",
        loss: { date: "2026-08-15", reason: "01" },
        note: "死亡",
      },
    ],
  },
  {
    symbol: "酒田",
    number: "210580",
    incomeBracket: "lowest",
    members: [
      {
        branch: "01",
        relationship: "1",
        name: "高橋 隆",
        kana: "タカハシ タカシ",
        sex: "1",
        birthDate: "1970-05-05",
        address: "山形県酒田市光ケ丘四丁目2番15号",
        qualificationDate: "2018-06-01",
        loss: { date: "2026-10-01", reason: "02" },
        note: "生活保護受給開始",
      },
    ],
  },
  {
    symbol: "酒田",
    number: "210623",
    incomeBracket: "low",
    members: [
      {
        branch: "01",
        relationship: "1",
        name: "服部 あおい",
        kana: "ハットリ アオイ",
        sex: "2",
        birthDate: "2001-07-31",
        address: "山形県酒田市東泉町三丁目9番1号",
        qualificationDate: "2023-04-01",
        loss: { date: "2026-04-01", reason: "99" },
        resident: "inabe-hattori-aoi",
        note: "いなべ市へ転出（記録の住所は転出前のまま）",
      },
    ],
  },
  {
    symbol: "酒田",
    number: "210666",
    incomeBracket: "general",
    members: [
      {
        branch: "01",
        relationship: "1",
        name: "菅原 洋子",
        kana: "スガワラ ヨウコ",
        sex: "2",
        birthDate: "1952-11-11",
        address: "山形県酒田市東町一丁目15番2号",
        qualificationDate: "2012-12-01",
      },
      {
        branch: "02",
        relationship: "2",
        name: "菅原 裕子",
        kana: "スガワラ ユウコ",
        sex: "2",
        birthDate: "1975-01-30",
        address: "山形県酒田市東町一丁目15番2号",
        qualificationDate: "2016-04-01",
        note: "世帯分離後も喪失処理がされていない（複数該当）",
      },
    ],
  },
  {
    symbol: "酒田",
    number: "210702",
    incomeBracket: "middle",
    members: [
      {
        branch: "01",
        relationship: "1",
        name: "菅原 裕子",
        kana: "スガワラ ユウコ",
        sex: "2",
        birthDate: "1975-01-30",
        address: "山形県酒田市京田二丁目1番7号",
        qualificationDate: "2025-04-01",
        note: "世帯分離で新しい世帯（複数該当）",
      },
    ],
  },
  {
    symbol: "酒田",
    number: "210745",
    incomeBracket: "general",
    members: [
      {
        branch: "01",
        relationship: "1",
        name: "齋藤 幸子",
        kana: "サイトウ サチコ",
        sex: "2",
        birthDate: "1966-09-09",
        address: "山形県酒田市上安町一丁目8番地の5",
        qualificationDate: "2024-10-01",
        note: "異体字（齋）で登録",
      },
    ],
  },
  {
    symbol: "酒田",
    number: "210788",
    incomeBracket: "general",
    members: [
      {
        branch: "01",
        relationship: "1",
        name: "後藤 陸",
        kana: "ゴトウ リク",
        sex: "1",
        birthDate: "1999-03-03",
        address: "山形県酒田市北新町二丁目2番2号",
        qualificationDate: "2024-04-01",
      },
    ],
  },
  {
    symbol: "酒田",
    number: "210811",
    incomeBracket: "top",
    members: [
      {
        branch: "01",
        relationship: "1",
        name: "今井 誠一",
        kana: "イマイ セイイチ",
        sex: "1",
        birthDate: "1968-02-29",
        address: "山形県酒田市緑ケ丘一丁目3番30号",
        qualificationDate: "2015-04-01",
        note: "閏日生まれ",
      },
      {
        branch: "02",
        relationship: "2",
        name: "今井 恵",
        kana: "イマイ メグミ",
        sex: "2",
        birthDate: "1971-07-07",
        address: "山形県酒田市緑ケ丘一丁目3番30号",
        qualificationDate: "2015-04-01",
      },
    ],
  },
  {
    symbol: "酒田",
    number: "210854",
    incomeBracket: "general",
    members: [
      {
        branch: "01",
        relationship: "1",
        name: "水谷 誠",
        kana: "ミズタニ マコト",
        sex: "1",
        birthDate: "1952-09-09",
        address: "三重県いなべ市大安町大井田2705番地",
        qualificationDate: "2012-10-01",
        resident: "inabe-mizutani-makoto",
        note: "住所地特例（いなべ市の介護施設に入所）、高齢受給者（一般: 2割）",
      },
    ],
  },
];

/** 庄内ものづくり健康保険組合: 記号 = 事業所, 番号 = 被保険者, 枝番 00 本人, 01… 家族. */
export const SHONAI_KENPO: readonly SeedHousehold[] = [
  {
    symbol: "3101",
    number: "12",
    incomeBracket: "middle",
    members: [
      {
        branch: "00",
        relationship: "1",
        name: "山田 太郎",
        kana: "ヤマダ タロウ",
        sex: "1",
        birthDate: "1958-04-12",
        address: "富山県南砺市福光1234番地",
        qualificationDate: "1981-04-01",
        resident: "nanto-yamada-taro",
        note: "南砺工場",
      },
      {
        branch: "01",
        relationship: "2",
        name: "山田 和子",
        kana: "ヤマダ カズコ",
        sex: "2",
        birthDate: "1960-10-03",
        address: "富山県南砺市福光1234番地",
        qualificationDate: "1985-06-01",
      },
    ],
  },
  {
    symbol: "3101",
    number: "27",
    incomeBracket: "upper",
    members: [
      {
        branch: "00",
        relationship: "1",
        name: "髙橋 健",
        kana: "タカハシ ケン",
        sex: "1",
        birthDate: "1978-06-05",
        address: "富山県南砺市井波３１１０－２",
        qualificationDate: "2001-04-01",
      },
      {
        branch: "01",
        relationship: "2",
        name: "髙橋 美咲",
        kana: "タカハシ ミサキ",
        sex: "2",
        birthDate: "1980-02-17",
        address: "富山県南砺市井波３１１０－２",
        qualificationDate: "2006-05-01",
        resident: "nanto-takahashi-misaki",
        note: "証明書では髙が代替文字",
      },
      {
        branch: "02",
        relationship: "2",
        name: "髙橋 陸斗",
        kana: "タカハシ リクト",
        sex: "1",
        birthDate: "2012-09-01",
        address: "富山県南砺市井波３１１０－２",
        qualificationDate: "2012-09-01",
      },
    ],
  },
  {
    symbol: "3101",
    number: "31",
    incomeBracket: "general",
    members: [
      {
        branch: "00",
        relationship: "1",
        name: "石黒 健一",
        kana: "イシグロ ケンイチ",
        sex: "1",
        birthDate: "1947-11-03",
        address: "富山県南砺市城端521番地",
        qualificationDate: "1970-04-01",
        loss: { date: "2022-11-03", reason: "03" },
        resident: "nanto-ishiguro-kenichi",
        note: "75歳到達で後期高齢者医療へ",
      },
    ],
  },
  {
    symbol: "3101",
    number: "45",
    incomeBracket: "general",
    members: [
      {
        branch: "00",
        relationship: "1",
        name: "松本 さくら",
        kana: "マツモト サクラ",
        sex: "2",
        birthDate: "1993-03-28",
        address: "南砺市福野一丁目８－１５",
        qualificationDate: "2015-04-01",
        resident: "nanto-matsumoto-sakura",
      },
    ],
  },
  {
    symbol: "4101",
    number: "8",
    incomeBracket: "middle",
    members: [
      {
        branch: "00",
        relationship: "1",
        name: "小林 一朗",
        kana: "コバヤシ イチロウ",
        sex: "1",
        birthDate: "1965-08-30",
        address: "須坂市大字須坂1528-1",
        qualificationDate: "1988-04-01",
        resident: "suzaka-kobayashi-ichiro",
        note: "須坂工場。氏名の誤記（一郎→一朗）",
      },
    ],
  },
  {
    symbol: "4101",
    number: "19",
    incomeBracket: "general",
    members: [
      {
        branch: "00",
        relationship: "1",
        name: "宮沢 由美子",
        kana: "ミヤザワ ユミコ",
        sex: "2",
        birthDate: "1972-12-24",
        address: "長野県須坂市墨坂2丁目5番12号",
        qualificationDate: "1995-04-01",
        resident: "suzaka-miyazawa-yumiko",
      },
    ],
  },
  {
    symbol: "4101",
    number: "33",
    incomeBracket: "middle",
    members: [
      {
        branch: "00",
        relationship: "1",
        name: "北村 修",
        kana: "キタムラ オサム",
        sex: "1",
        birthDate: "1966-02-14",
        address: "長野県須坂市臥竜3丁目1番7号",
        qualificationDate: "1989-04-01",
      },
      {
        branch: "01",
        relationship: "2",
        name: "北村 翔太",
        kana: "キタムラ ショウタ",
        sex: "1",
        birthDate: "1995-06-18",
        address: "長野県須坂市臥竜3丁目1番7号",
        qualificationDate: "1995-06-18",
        resident: "suzaka-kitamura-shota",
        note: "就職後も被扶養者の削除漏れ（複数該当）",
      },
    ],
  },
  {
    symbol: "4101",
    number: "52",
    incomeBracket: "general",
    members: [
      {
        branch: "00",
        relationship: "1",
        name: "北村 翔太",
        kana: "キタムラ ショウタ",
        sex: "1",
        birthDate: "1995-06-18",
        address: "長野県須坂市臥竜3丁目1番7号",
        qualificationDate: "2018-04-01",
        resident: "suzaka-kitamura-shota",
        note: "本人として加入（複数該当）",
      },
    ],
  },
  {
    symbol: "5101",
    number: "5",
    incomeBracket: "general",
    members: [
      {
        branch: "00",
        relationship: "1",
        name: "伊藤 健太",
        kana: "イトウ ケンタ",
        sex: "1",
        birthDate: "1989-01-07",
        address: "三重県いなべ市北勢町阿下喜2005番地",
        qualificationDate: "2011-04-01",
        loss: { date: "2026-10-01", reason: "99" },
        resident: "inabe-ito-kenta",
        note: "いなべ工場。退職",
      },
    ],
  },
  {
    symbol: "5101",
    number: "14",
    incomeBracket: "general",
    members: [
      {
        branch: "00",
        relationship: "1",
        name: "佐藤 花子",
        kana: "サトウ ハナコ",
        sex: "2",
        birthDate: "1985-03-15",
        address: "三重県いなべ市員弁町笠田新田1234番地",
        qualificationDate: "2007-04-01",
        resident: "inabe-sato-hanako",
      },
      {
        branch: "01",
        relationship: "2",
        name: "佐藤 悠真",
        kana: "サトウ ユウマ",
        sex: "1",
        birthDate: "2020-08-08",
        address: "三重県いなべ市員弁町笠田新田1234番地",
        qualificationDate: "2020-08-08",
        note: "未就学（2割）",
      },
    ],
  },
  {
    symbol: "1201",
    number: "101",
    incomeBracket: "general",
    members: [
      {
        branch: "00",
        relationship: "1",
        name: "池田 美穂",
        kana: "イケダ ミホ",
        sex: "2",
        birthDate: "1988-10-10",
        address: "山形県酒田市日吉町二丁目6番21号",
        qualificationDate: "2026-07-01",
        note: "酒田本社工場。国保から加入（保険者の異動）",
      },
    ],
  },
  {
    symbol: "1201",
    number: "102",
    incomeBracket: "middle",
    members: [
      {
        branch: "00",
        relationship: "1",
        name: "今野 雄一",
        kana: "コンノ ユウイチ",
        sex: "1",
        birthDate: "1983-05-19",
        address: "山形県酒田市若竹町一丁目4番9号",
        qualificationDate: "2005-04-01",
      },
      {
        branch: "01",
        relationship: "2",
        name: "今野 舞",
        kana: "コンノ マイ",
        sex: "2",
        birthDate: "1985-12-03",
        address: "山形県酒田市若竹町一丁目4番9号",
        qualificationDate: "2010-11-01",
      },
      {
        branch: "02",
        relationship: "2",
        name: "今野 颯太",
        kana: "コンノ ソウタ",
        sex: "1",
        birthDate: "2015-04-01",
        address: "山形県酒田市若竹町一丁目4番9号",
        qualificationDate: "2015-04-01",
        note: "4月1日生まれ（早生まれの学年）",
      },
    ],
  },
  {
    symbol: "1201",
    number: "103",
    incomeBracket: "upper",
    members: [
      {
        branch: "00",
        relationship: "1",
        name: "土門 英樹",
        kana: "ドモン ヒデキ",
        sex: "1",
        birthDate: "1961-11-30",
        address: "山形県酒田市高砂二丁目10番5号",
        qualificationDate: "1984-04-01",
      },
    ],
  },
];

export const DEMO_REGISTERS: Record<string, readonly SeedHousehold[]> = {
  [DEMO_INSURER_IDS.kokuho]: SAKATA_KOKUHO,
  [DEMO_INSURER_IDS.kenpo]: SHONAI_KENPO,
};

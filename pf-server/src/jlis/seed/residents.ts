/**
 * @module The demo residents the simulated J-LIS issues cards to on first run: fictional people of the three
 * towns of the 2015 CATV demonstration. Other packages' tests and seeds refer to them by `key`, name and town
 * (the operator console seeds its households from the same list). Their decoy 個人番号 are generated at seed
 * time and exist only in `jlis.sqlite`; they are not here.
 *
 * Card IDs are `card-<key>` and resident IDs `res-<key>`, so the card image of 山田 太郎 is
 * `$CATV_DATA_DIR/cards/card-nanto-yamada-taro.json`.
 */

export interface DemoResident {
  key: string;
  name: string;
  /** One 0/1 per character of the name; 1 = printed with a substitute character (代替文字). */
  nameAlternativeFlags?: string;
  /** Reading, for people; not on the certificate. */
  kana: string;
  address: string;
  birthDate: string;
  /** JIS X 0303: 1 male, 2 female. */
  gender: "1" | "2";
  town: "南砺市" | "須坂市" | "いなべ市";
  /** 利用者証明用暗証番号 (4 digits, 3 tries). */
  authPin: string;
  /** 署名用パスワード (6–16 of A–Z0–9, 5 tries). */
  signPassword: string;
  /**
   * Whether the operator's household records list this person at this address. `false` for the one resident who
   * moved in recently and whose cable contract is still under the previous tenant: registration must not link
   * them to a household automatically.
   */
  matchesOperatorHousehold: boolean;
  /** Why this resident is in the seed. */
  note: string;
}

export const DEMO_RESIDENTS: readonly DemoResident[] = [
  {
    key: "nanto-yamada-taro",
    name: "山田 太郎",
    kana: "やまだ たろう",
    address: "富山県南砺市福光1234番地",
    birthDate: "1958-04-12",
    gender: "1",
    town: "南砺市",
    authPin: "1234",
    signPassword: "YAMADA2015",
    matchesOperatorHousehold: true,
    note: "番地 form; the default demo viewer",
  },
  {
    key: "nanto-takahashi-misaki",
    name: "髙橋 美咲",
    nameAlternativeFlags: "10000",
    kana: "たかはし みさき",
    address: "富山県南砺市井波3110番地2",
    birthDate: "1980-02-17",
    gender: "2",
    town: "南砺市",
    authPin: "5802",
    signPassword: "MISAKI0217",
    matchesOperatorHousehold: true,
    note: "髙 is printed with a substitute character (name flag 1); birth-date key 550217 as in kenkaku.md",
  },
  {
    key: "nanto-ishiguro-kenichi",
    name: "石黒 健一",
    kana: "いしぐろ けんいち",
    address: "富山県南砺市城端５２１番地",
    birthDate: "1947-11-03",
    gender: "1",
    town: "南砺市",
    authPin: "4711",
    signPassword: "JOHANA521",
    matchesOperatorHousehold: true,
    note: "full-width digits in the address (as some registers hold them)",
  },
  {
    key: "nanto-matsumoto-sakura",
    name: "松本 さくら",
    kana: "まつもと さくら",
    address: "富山県南砺市福野1丁目8番15号",
    birthDate: "1993-03-28",
    gender: "2",
    town: "南砺市",
    authPin: "9328",
    signPassword: "SAKURA93",
    matchesOperatorHousehold: true,
    note: "丁目/番/号 form",
  },
  {
    key: "suzaka-kobayashi-ichiro",
    name: "小林 一郎",
    kana: "こばやし いちろう",
    address: "長野県須坂市大字須坂1528番地1",
    birthDate: "1965-08-30",
    gender: "1",
    town: "須坂市",
    authPin: "6508",
    signPassword: "SUZAKA1528",
    matchesOperatorHousehold: true,
    note: "大字 … 番地 form",
  },
  {
    key: "suzaka-miyazawa-yumiko",
    name: "宮沢 由美子",
    kana: "みやざわ ゆみこ",
    address: "長野県須坂市墨坂2丁目5番12号",
    birthDate: "1972-12-24",
    gender: "2",
    town: "須坂市",
    authPin: "7212",
    signPassword: "YUMIKO1224",
    matchesOperatorHousehold: true,
    note: "丁目/番/号 form",
  },
  {
    key: "suzaka-kitamura-shota",
    name: "北村 翔太",
    kana: "きたむら しょうた",
    address: "長野県須坂市臥竜3丁目1番7号",
    birthDate: "1995-06-18",
    gender: "1",
    town: "須坂市",
    authPin: "9506",
    signPassword: "SHOTA0618",
    matchesOperatorHousehold: true,
    note: "平成 birth (era digit 4)",
  },
  {
    key: "suzaka-maruyama-chiyo",
    name: "丸山 千代",
    kana: "まるやま ちよ",
    address: "長野県須坂市大字米持410番地",
    birthDate: "1926-12-20",
    gender: "2",
    town: "須坂市",
    authPin: "2612",
    signPassword: "CHIYO1926",
    matchesOperatorHousehold: true,
    note: "大正 birth (era digit 2, birth-date key 151220)",
  },
  {
    key: "inabe-ito-kenta",
    name: "伊藤 健太",
    kana: "いとう けんた",
    address: "三重県いなべ市北勢町阿下喜2005番地",
    birthDate: "1989-01-07",
    gender: "1",
    town: "いなべ市",
    authPin: "8901",
    signPassword: "KENTA6401",
    matchesOperatorHousehold: true,
    note: "born on 昭和64年1月7日, the last day of 昭和 (birth-date key 640107)",
  },
  {
    key: "inabe-sato-hanako",
    name: "佐藤 花子",
    kana: "さとう はなこ",
    address: "三重県いなべ市員弁町笠田新田1234番地",
    birthDate: "1985-03-15",
    gender: "2",
    town: "いなべ市",
    authPin: "8503",
    signPassword: "HANAKO315",
    matchesOperatorHousehold: true,
    note: "番地 form",
  },
  {
    key: "inabe-mizutani-makoto",
    name: "水谷 誠",
    kana: "みずたに まこと",
    address: "三重県いなべ市大安町大井田2705番地",
    birthDate: "1952-09-09",
    gender: "1",
    town: "いなべ市",
    authPin: "5209",
    signPassword: "MAKOTO0909",
    matchesOperatorHousehold: true,
    note: "番地 form",
  },
  {
    key: "inabe-hattori-aoi",
    name: "服部 あおい",
    kana: "はっとり あおい",
    address: "三重県いなべ市藤原町市場123番地",
    birthDate: "2001-07-31",
    gender: "2",
    town: "いなべ市",
    authPin: "0131",
    signPassword: "AOI20010731",
    matchesOperatorHousehold: false,
    note: "moved in recently: the operator's household at this address is still under the previous tenant",
  },
];

export const demoResidentIds = (key: string) => ({ residentId: `res-${key}`, cardId: `card-${key}` });

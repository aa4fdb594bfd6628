/**
 * @module The three municipalities of the 2015 CATV demonstration, with their 全国地方公共団体コード (the last
 * digit is the check digit): the office code at the end of a 署名用 certificate's CN and DF34 of the card info.
 */

export interface DemoTown {
  town: string;
  prefecture: string;
  municipalityCode: string;
}

export const DEMO_TOWNS: readonly DemoTown[] = [
  { town: "南砺市", prefecture: "富山県", municipalityCode: "162108" },
  { town: "須坂市", prefecture: "長野県", municipalityCode: "202070" },
  { town: "いなべ市", prefecture: "三重県", municipalityCode: "242144" },
];

export const findDemoTown = (town: string) => DEMO_TOWNS.find((t) => t.town === town);

/**
 * @module The medical field's journey fixtures: the hospital's reception terminal (a 1280×800 touch screen), the
 * hand at its card reader (the reception bridge's demo page in its own window), the hospital's reception staff at
 * the desk screen, and each insurer's staff at the insurers' system. Every journey starts and ends with the
 * reception's reader plugged in and empty.
 */
import { CardReader } from "./card-reader.ts";
import { HospitalDesk } from "./hospital-desk.ts";
import { InsurerStaff, SAKATA_KOKUHO, SHONAI_KENPO } from "./insurer-staff.ts";
import { test as base } from "./journey.ts";
import { ReceptionTerminal, TERMINAL_VIEWPORT } from "./reception-terminal.ts";

export interface MedicalFixtures {
  terminal: ReceptionTerminal;
  receptionReader: CardReader;
  desk: HospitalDesk;
  /** Staff of 酒田市国民健康保険. */
  kokuhoStaff: InsurerStaff;
  /** Staff of 庄内ものづくり健康保険組合. */
  kenpoStaff: InsurerStaff;
}

const desktop = { viewport: { width: 1440, height: 900 }, locale: "ja-JP", timezoneId: "Asia/Tokyo" };

export const test = base.extend<MedicalFixtures>({
  // The reader first: the page asks its bridge for the reader as it starts.
  receptionReader: async ({ browser }, use) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "ja-JP" });
    const reader = new CardReader(await context.newPage(), "reception-bridge");
    await reader.open();
    await reader.ensureEmpty();
    await use(reader);
    await reader.ensureEmpty();
    await context.close();
  },
  terminal: async ({ browser, receptionReader }, use) => {
    await receptionReader.ensureEmpty();
    const context = await browser.newContext({
      viewport: TERMINAL_VIEWPORT,
      hasTouch: true,
      locale: "ja-JP",
      timezoneId: "Asia/Tokyo",
    });
    const terminal = new ReceptionTerminal(await context.newPage());
    await terminal.open();
    await use(terminal);
    await context.close();
  },
  desk: async ({ browser }, use) => {
    const context = await browser.newContext(desktop);
    const desk = new HospitalDesk(await context.newPage());
    await desk.logIn();
    await use(desk);
    await context.close();
  },
  kokuhoStaff: async ({ browser }, use) => {
    const context = await browser.newContext({ ...desktop, acceptDownloads: true });
    await use(new InsurerStaff(await context.newPage(), SAKATA_KOKUHO.id));
    await context.close();
  },
  kenpoStaff: async ({ browser }, use) => {
    const context = await browser.newContext({ ...desktop, acceptDownloads: true });
    await use(new InsurerStaff(await context.newPage(), SHONAI_KENPO.id));
    await context.close();
  },
});

export { expect, resident } from "./journey.ts";

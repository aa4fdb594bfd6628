/**
 * @module The QR code the TV shows for スマートフォンで: the modules of the phone page's URL, encoded by `qrcode`
 * (a well-kept encoder: byte mode, Reed–Solomon, masks, ISO/IEC 18004), drawn by the TV itself. Error correction M
 * (15 %) keeps the code small — fewer, larger modules read better from the sofa — while surviving glare on a screen.
 */
import { create } from "qrcode";

export interface QrMatrix {
  /** Modules per side (without the quiet zone). */
  size: number;
  /** Row-major, true = dark. */
  dark: boolean[];
}

/** ISO/IEC 18004 asks for 4 light modules around the code. */
export const QUIET_ZONE_MODULES = 4;

export function qrMatrix(text: string): QrMatrix {
  const { modules } = create(text, { errorCorrectionLevel: "M" });
  const dark: boolean[] = [];
  for (let row = 0; row < modules.size; row++)
    for (let col = 0; col < modules.size; col++) dark.push(modules.get(row, col) === 1);
  return { size: modules.size, dark };
}

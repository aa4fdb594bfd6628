/**
 * @module The run's shared clock: preloaded into every service process of an e2e run (NODE_OPTIONS --import), it
 * adds the offset stored in `$CATV_DATA_DIR/e2e-clock.json` to Date, as libfaketime would. A journey moves the
 * whole system's time forward with `advanceSystemClock()` (support/system.ts) — to close a billing month, which
 * the console allows only once the month is over. Without that file (every normal run) Date is untouched.
 */
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const file = join(process.env.CATV_DATA_DIR ?? ".data", "e2e-clock.json");
const RealDate = globalThis.Date;
let offsetMs = 0;
let seenMtime = -1;
let checkedAt = -Infinity;

function offset() {
  const now = RealDate.now();
  // At most every 200 ms: Date is hot in servers, and the file changes a handful of times in a run.
  if (now - checkedAt < 200) return offsetMs;
  checkedAt = now;
  try {
    const { mtimeMs } = statSync(file);
    if (mtimeMs !== seenMtime) {
      seenMtime = mtimeMs;
      offsetMs = Number(JSON.parse(readFileSync(file, "utf8")).offsetMs) || 0;
    }
  } catch {
    offsetMs = 0;
  }
  return offsetMs;
}

function ShiftedDate(...args) {
  if (!new.target) return new RealDate(RealDate.now() + offset()).toString();
  return args.length === 0 ? new RealDate(RealDate.now() + offset()) : new RealDate(...args);
}
Object.setPrototypeOf(ShiftedDate, RealDate);
ShiftedDate.prototype = RealDate.prototype;
ShiftedDate.now = () => RealDate.now() + offset();
globalThis.Date = ShiftedDate;

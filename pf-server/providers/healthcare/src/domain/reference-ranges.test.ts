import { describe, expect, it } from "vitest";
import { judge } from "./reference-ranges.ts";

describe("特定健診 judgement", () => {
  it("flags blood pressure at the guidance and the see-a-doctor values", () => {
    expect(judge("systolicBp", 129, "1").flag).toBe("normal");
    expect(judge("systolicBp", 130, "1").flag).toBe("caution");
    expect(judge("systolicBp", 140, "1").flag).toBe("see_doctor");
  });

  it("uses the waist threshold of the viewer's sex", () => {
    expect(judge("waistCm", 87, "1").flag).toBe("caution");
    expect(judge("waistCm", 87, "2").flag).toBe("normal");
    expect(judge("waistCm", 87, "2").reference).toBe("90未満");
  });

  it("flags low HDL, not high", () => {
    expect(judge("hdl", 70, "2").flag).toBe("normal");
    expect(judge("hdl", 38, "2").flag).toBe("caution");
    expect(judge("hdl", 30, "2").flag).toBe("see_doctor");
  });

  it("flags HbA1c from 5.6% and 6.5%", () => {
    expect(judge("hba1c", 5.5, "1").flag).toBe("normal");
    expect(judge("hba1c", 5.6, "1").flag).toBe("caution");
    expect(judge("hba1c", 6.5, "1").flag).toBe("see_doctor");
  });
});

// The second factor's edges: codes of the wrong shape, and base32 of any length (RFC 4648).
import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, matchTotp, totpCode } from "../../src/domain/accounts/totp.ts";

const secret = base32Encode(Buffer.from("12345678901234567890"));
const now = 1_234_567_890_000; // RFC 6238: "005924" at this time

describe("second-factor codes", () => {
  it("accepts the code with spaces, and nothing that is not six digits", () => {
    expect(totpCode(secret, now)).toBe("005924");
    expect(matchTotp(secret, "005924", now)).toBeDefined();
    expect(matchTotp(secret, " 005 924 ", now)).toBeDefined();
    for (const code of ["05924", "0059240", "x005924", "005924x", "", "00592a", "٠٠٥٩٢٤"])
      expect(matchTotp(secret, code, now), code).toBeUndefined();
  });

  it("encodes and decodes base32 of every length", () => {
    const vectors: [string, string][] = [
      ["", ""],
      ["f", "MY"],
      ["fo", "MZXQ"],
      ["foo", "MZXW6"],
      ["foob", "MZXW6YQ"],
      ["fooba", "MZXW6YTB"],
      ["foobar", "MZXW6YTBOI"],
    ];
    for (const [plain, encoded] of vectors) {
      expect(base32Encode(Buffer.from(plain)), plain).toBe(encoded);
      expect(base32Decode(encoded).toString(), encoded).toBe(plain);
    }
    expect(base32Decode("mzxw 6ytb oi==").toString()).toBe("foobar");
    expect(() => base32Decode("MZXW1")).toThrow();
  });
});

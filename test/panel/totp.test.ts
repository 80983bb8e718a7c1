import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, matchTotp, totpCode } from "../../src/domain/accounts/totp.ts";

// RFC 6238 appendix B: SHA-1 secret "12345678901234567890"; the 8-digit codes end in these 6 digits.
const secret = base32Encode(Buffer.from("12345678901234567890"));

describe("TOTP (RFC 6238)", () => {
  it("matches the RFC's test vectors", () => {
    expect(totpCode(secret, 59_000)).toBe("287082");
    expect(totpCode(secret, 1_111_111_109_000)).toBe("081804");
    expect(totpCode(secret, 1_234_567_890_000)).toBe("005924");
    expect(totpCode(secret, 2_000_000_000_000)).toBe("279037");
  });

  it("round-trips base32 and accepts one step of drift, not more", () => {
    expect(base32Decode(secret).toString()).toBe("12345678901234567890");
    const now = 1_700_000_000_000;
    expect(matchTotp(secret, totpCode(secret, now - 30_000), now)).toBeDefined();
    expect(matchTotp(secret, totpCode(secret, now + 30_000), now)).toBeDefined();
    expect(matchTotp(secret, totpCode(secret, now - 90_000), now)).toBeUndefined();
    expect(matchTotp(secret, "12ab56", now)).toBeUndefined();
    expect(hotp(secret, 1)).toMatch(/^\d{6}$/);
  });
});

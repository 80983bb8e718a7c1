// The sign-in limit holds under parallel bursts, and the second factor counts toward it: a wrong code
// is a failure, and a code that signed in once never signs in again.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { authenticate, createOperator, enableTotp } from "../../src/domain/accounts/accounts.ts";
import { LOGIN_LIMITS } from "../../src/domain/accounts/rate-limit.ts";
import { generateTotpSecret, totpCode } from "../../src/domain/accounts/totp.ts";
import { useFreshDatabase } from "../helpers/database.ts";

const database = useFreshDatabase();
const PASSWORD = "the right passphrase";

const outcomes = (results: Awaited<ReturnType<typeof authenticate>>[]) => ({
  // A password was checked and found wrong.
  checked: results.filter((r) => !r.ok && r.error.code === "unauthorized").length,
  refused: results.filter((r) => !r.ok && r.error.code === "rate_limited").length,
  ok: results.filter((r) => r.ok).length,
});

describe("the sign-in limit under parallel bursts", () => {
  it("checks at most the account's limit of passwords, however many guesses arrive at once", async () => {
    const db = database().db;
    await createOperator(db, { username: "burst", password: PASSWORD, role: "admin" });
    const all: Awaited<ReturnType<typeof authenticate>>[] = [];
    for (let burst = 0; burst < 3; burst++) {
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          authenticate(db, {
            username: "burst",
            password: `guess ${burst}-${i}`,
            address: `192.0.2.${burst * 30 + i}`,
          }),
        ),
      );
      all.push(...results);
    }
    expect(outcomes(all)).toEqual({ checked: LOGIN_LIMITS.account, refused: 90 - LOGIN_LIMITS.account, ok: 0 });
    // The right password is refused too while the account is locked.
    const right = await authenticate(db, { username: "burst", password: PASSWORD, address: "198.51.100.1" });
    expect(right).toMatchObject({ ok: false, error: { code: "rate_limited" } });
  });

  it("checks at most the address's limit, across usernames", async () => {
    const db = database().db;
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        authenticate(db, { username: `nobody${i}`, password: "a guess of some length", address: "203.0.113.9" }),
      ),
    );
    expect(outcomes(results)).toEqual({ checked: LOGIN_LIMITS.address, refused: 60 - LOGIN_LIMITS.address, ok: 0 });
  });

  it("lets parallel right sign-ins through and leaves no failures behind", async () => {
    const db = database().db;
    await createOperator(db, { username: "many", password: PASSWORD, role: "editor" });
    // An attempt counts as a failure until it has succeeded, so as many as the account's limit at once.
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(
        Array.from({ length: LOGIN_LIMITS.account }, () =>
          authenticate(db, { username: "many", password: PASSWORD, address: "203.0.113.20" }),
        ),
      );
      expect(outcomes(results)).toEqual({ checked: 0, refused: 0, ok: LOGIN_LIMITS.account });
    }
    const [row] = await database().rows<{ n: number }>(
      sql`select count(*)::int as n from login_failures where key in ('account:many', 'address:203.0.113.20')`,
    );
    expect(row!.n).toBe(0);
  });
});

describe("a successful sign-in", () => {
  it("clears the account's failures, so its owner does not lock themselves out by typos", async () => {
    const db = database().db;
    await createOperator(db, { username: "typo", password: PASSWORD, role: "editor" });
    const attempt = (password: string, i: number) =>
      authenticate(db, { username: "typo", password, address: `198.51.100.${100 + i}` });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < LOGIN_LIMITS.account - 1; i++)
        expect(await attempt("a wrong passphrase", round * 10 + i)).toMatchObject({ error: { code: "unauthorized" } });
      expect((await attempt(PASSWORD, round * 10 + 9)).ok).toBe(true);
    }
  });
});

describe("the second factor at sign-in", () => {
  it("counts wrong codes toward the account's limit", async () => {
    const db = database().db;
    const created = await createOperator(db, { username: "carol", password: PASSWORD, role: "admin" });
    const secret = generateTotpSecret();
    expect(
      (await enableTotp(db, created.ok ? created.value.id : "", secret, totpCode(secret, Date.now() - 30_000))).ok,
    ).toBe(true);
    const wrong = totpCode(secret, Date.now() + 10 * 60_000);
    for (let i = 0; i < LOGIN_LIMITS.account; i++) {
      const result = await authenticate(db, {
        username: "carol",
        password: PASSWORD,
        code: wrong,
        address: `192.0.2.${i}`,
      });
      expect(result).toMatchObject({ ok: false, error: { code: "unauthorized", fields: { code: expect.anything() } } });
    }
    // The right password and the right code: refused, the wrong codes have used up the account's guesses.
    const locked = await authenticate(db, {
      username: "carol",
      password: PASSWORD,
      code: totpCode(secret),
      address: "192.0.2.99",
    });
    expect(locked).toMatchObject({ ok: false, error: { code: "rate_limited" } });
  });

  it("never accepts a code twice, not even two sign-ins at the same moment", async () => {
    const db = database().db;
    const created = await createOperator(db, { username: "dan", password: PASSWORD, role: "admin" });
    const secret = generateTotpSecret();
    const id = created.ok ? created.value.id : "";
    expect((await enableTotp(db, id, secret, totpCode(secret, Date.now() - 30_000))).ok).toBe(true);
    const code = totpCode(secret);
    const first = await authenticate(db, { username: "dan", password: PASSWORD, code, address: "192.0.2.50" });
    expect(first.ok).toBe(true);
    const again = await authenticate(db, { username: "dan", password: PASSWORD, code, address: "192.0.2.50" });
    expect(again).toMatchObject({ ok: false, error: { code: "unauthorized", fields: { code: expect.anything() } } });

    // Side by side with a fresh code (the next step's): one of them signs in.
    const next = totpCode(secret, Date.now() + 30_000);
    const racing = await Promise.all(
      Array.from({ length: 4 }, () =>
        authenticate(db, { username: "dan", password: PASSWORD, code: next, address: "192.0.2.51" }),
      ),
    );
    expect(outcomes(racing)).toEqual({ checked: 3, refused: 0, ok: 1 });
  });
});

import "temporal-polyfill/global";
import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { enableTotp, findOperator } from "../../src/domain/accounts/accounts.ts";
import { issuePasswordReset } from "../../src/domain/accounts/password-reset.ts";
import { generateTotpSecret, totpCode } from "../../src/domain/accounts/totp.ts";
import { startInstance, stopAll, type TestInstance } from "../helpers/instance.ts";
import { PanelClient, setUpThroughPanel, signIn } from "../helpers/panel-client.ts";

const NEW_PASSWORD = "another long passphrase";

describe("password reset links", () => {
  let instance: TestInstance | undefined;
  afterEach(async () => stopAll(instance));

  async function aliceWithLink(options: { disableTotp?: boolean } = {}) {
    instance = await startInstance({ handle: null });
    const session = await setUpThroughPanel(instance, { username: "alice" });
    const issued = await issuePasswordReset(instance.services.database.db, {
      username: "alice",
      disableTotp: options.disableTotp ?? false,
    });
    if (!issued.ok) throw new Error(issued.error.reason);
    return { session, code: issued.value.secret, operatorId: issued.value.operator.id };
  }

  it("keeps the second factor on and asks for its code; a wrong one changes nothing", async () => {
    const { session, code, operatorId } = await aliceWithLink();
    const db = instance!.services.database.db;
    const secret = generateTotpSecret();
    expect((await enableTotp(db, operatorId, secret, totpCode(secret, Date.now() - 30_000))).ok).toBe(true);

    const user = new PanelClient(instance!.origin);
    expect((await user.get(`/admin/reset?code=${code}`)).html).toContain('name="totp"');
    const wrong = await user.post("/admin/reset", { code, password: NEW_PASSWORD, totp: "000000" });
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('id="f-totp-error"');
    const short = await user.post("/admin/reset", { code, password: "short", totp: totpCode(secret) });
    expect(short.status).toBe(422);
    expect(short.html).toContain('id="f-password-error"');
    // Neither spent the link nor signed anyone out.
    expect((await session.get("/admin")).status).toBe(200);

    const done = await user.post("/admin/reset", { code, password: NEW_PASSWORD, totp: totpCode(secret) });
    expect(done.status).toBe(303);
    expect((await findOperator(db, operatorId))?.totpSecret).toBe(secret);
    expect((await session.get("/admin")).status).toBe(303);
    // The second factor is still asked at sign-in.
    expect((await signIn(instance!.origin, "alice", NEW_PASSWORD)).response.status).toBe(403);
  });

  it("works for an account locked by failed sign-ins, and lifts the lock", async () => {
    const { code } = await aliceWithLink();
    for (let i = 0; i < 5; i++) await signIn(instance!.origin, "alice", "wrong password!!");
    expect((await signIn(instance!.origin, "alice", NEW_PASSWORD)).response.status).toBe(429);
    const user = new PanelClient(instance!.origin);
    await user.get(`/admin/reset?code=${code}`);
    expect((await user.post("/admin/reset", { code, password: NEW_PASSWORD })).status).toBe(303);
    expect((await signIn(instance!.origin, "alice", NEW_PASSWORD)).response.status).toBe(303);
  });

  it("refuses a link replaced by a newer one, an expired link and a made-up one", async () => {
    const { code: first } = await aliceWithLink();
    const db = instance!.services.database.db;
    const second = await issuePasswordReset(db, { username: "alice", disableTotp: false });
    if (!second.ok) throw new Error(second.error.reason);
    const visitor = new PanelClient(instance!.origin);
    expect((await visitor.get(`/admin/reset?code=${first}`)).status).toBe(403);
    expect((await visitor.get(`/admin/reset?code=${second.value.secret}`)).status).toBe(200);
    expect((await visitor.post("/admin/reset", { code: first, password: NEW_PASSWORD })).status).toBe(403);
    expect((await visitor.get("/admin/reset?code=made-up")).status).toBe(403);
    expect((await visitor.get("/admin/reset")).status).toBe(403);

    await instance!.services.database.rows(
      sql`update kv_entries set expires_at = now() - interval '1 second' where key like 'commonhost%'`,
    );
    const expired = await visitor.get(`/admin/reset?code=${second.value.secret}`);
    expect(expired.status).toBe(403);
    expect(expired.html).toContain("npx commonhost account reset");
    expect((await visitor.post("/admin/reset", { code: second.value.secret, password: NEW_PASSWORD })).status).toBe(
      403,
    );
    expect((await signIn(instance!.origin, "alice", NEW_PASSWORD)).response.status).toBe(403);
  });
});

// `commonhost account`: the panel's operator accounts, and a way back in for one who is locked out.
import { serverAddress } from "../server-record.ts";
import { err, out, printable, withDatabase, type Command } from "./command.ts";
import { failureLines } from "./errors.ts";

const usage = "commonhost account list | commonhost account reset --username USERNAME [--disable-totp]";

export const accountCommand: Command = {
  summary: "Operator accounts of the panel: list them, or print a one-time password reset link.",
  usage,
  options: {
    username: { type: "string", description: "With reset: whose password to reset." },
    "disable-totp": {
      type: "boolean",
      description: "With reset: also turn off the account's second factor (a lost phone).",
    },
  },
  async run({ values, positionals, config }) {
    // Loaded here, not with the command line: `serve` has no use for them at start.
    const [{ listOperators }, { issuePasswordReset }, { lastSeenByOperator }] = await Promise.all([
      import("../domain/accounts/accounts.ts"),
      import("../domain/accounts/password-reset.ts"),
      import("../domain/accounts/sessions.ts"),
    ]);
    const [action, ...extra] = positionals;
    const usageError = (message: string) => {
      err(`${message}\nUsage: ${usage}`);
      return 2;
    };
    if (extra.length > 0) return usageError(`Unexpected arguments: ${extra.join(" ")}.`);
    if (action !== "reset" && (values.username !== undefined || values["disable-totp"]))
      return usageError("--username and --disable-totp go with reset only.");

    if (action === "list") {
      const { accounts, lastSeen } = await withDatabase(config(), async (database) => ({
        accounts: await listOperators(database.db),
        lastSeen: await lastSeenByOperator(database.db),
      }));
      if (accounts.length === 0)
        out("No operator accounts yet: open the setup link the server prints on its first start.");
      const width = Math.max(0, ...accounts.map((a) => a.username.length));
      for (const account of accounts) {
        const seen = lastSeen.get(account.id);
        out(
          `${account.username.padEnd(width)}  ${account.role.padEnd(6)}  TOTP ${account.totpSecret ? "on " : "off"}  ` +
            `created ${account.createdAt.toISOString()}  ${seen ? `last seen ${seen.toISOString()}` : "not signed in"}`,
        );
      }
      return 0;
    }

    if (action === "reset") {
      if (typeof values.username !== "string") return usageError("account reset needs --username.");
      const cfg = config();
      const disableTotp = values["disable-totp"] === true;
      const result = await withDatabase(cfg, (database) =>
        issuePasswordReset(database.db, { username: values.username as string, disableTotp }),
      );
      if (!result.ok) {
        for (const line of failureLines(result.error)) err(line);
        return result.error.code === "invalid" ? 2 : 1;
      }
      const { secret, operator, expiresAt } = result.value;
      // The link alone on stdout (for a script or a pipe), the explanation on stderr, like `token create`.
      // The running server's origin, where it recorded one: the link must open there.
      out(`${serverAddress(cfg).origin}/admin/reset?code=${secret}`);
      err(
        `A one-time link to set a new password for ${operator.username}, valid until ${expiresAt.toISOString()}. ` +
          "It replaces any earlier one. Using it signs the account out of every other session" +
          (disableTotp
            ? " and turns its second factor off."
            : operator.totpSecret
              ? "; the second factor stays on and is asked for."
              : "."),
      );
      return 0;
    }

    return usageError(action ? `Unknown account action "${printable(action, 40)}".` : "account needs an action.");
  },
};

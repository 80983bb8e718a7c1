import { issueSetupCode } from "../../domain/accounts/accounts.ts";
import type { Runtime } from "../../runtime.ts";

/**
 * On a fresh instance (no operator yet), issues a one-time setup code and prints the link once, at
 * info level: the only secret that is ever logged (docs/adr/0005-operator-accounts.md).
 */
export async function announceSetupLink(services: Runtime): Promise<string | undefined> {
  const code = await issueSetupCode(services.database.db);
  if (!code) return undefined;
  const url = `${services.config.origin}/admin/setup?code=${code}`;
  services.logger
    .child({ module: "setup" })
    .info({ setupUrl: url }, `Open ${url} to set up this instance (the link works once).`);
  return url;
}

// One probe of the health watch: a GET with the instance's outgoing rules (public addresses only unless
// allowed, a timeout, no body read). 2xx is ok; a redirect is ok only to the same host (it is not followed);
// anything else, a refused address or a timeout, is a failure.
import type { Config } from "../../config.ts";
import { addressPolicyOf, checkUrl } from "../trust/addresses.ts";

type ProbeConfig = Pick<Config, "allowPrivateAddress" | "allowPrivateOrigins" | "origin">;

export async function probe(config: ProbeConfig, url: string, timeoutMs: number): Promise<boolean> {
  let target: URL;
  try {
    target = new URL(url);
    if (target.protocol !== "https:" && target.protocol !== "http:") return false;
    await checkUrl(addressPolicyOf(config), target);
  } catch {
    return false;
  }
  try {
    const response = await fetch(target, {
      headers: { "User-Agent": `Commonhost/0.1.0 (+${config.origin})` },
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) return true;
    if (response.status < 300 || response.status >= 400) return false;
    const location = response.headers.get("location");
    return location !== null && URL.canParse(location, target) && new URL(location, target).host === target.host;
  } catch {
    return false;
  }
}

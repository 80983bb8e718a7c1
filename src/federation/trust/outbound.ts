// Every connection the instance opens is checked when it is opened: deliveries, key and actor
// fetches, directory fetches, the document loader. Fedify and the directory look at a URL before
// fetching it, but the address a name resolves to can change between that look and the connection
// (DNS rebinding), and every redirect hop is a new connection to a new host. So the process-wide
// fetch dispatcher routes each request by the policy of the instance that makes it (an
// AsyncLocalStorage set around the instance's request handling and queue workers):
//   - a host given as an IP address is refused at once if the address is not public;
//   - a host name is connected to through an agent whose DNS lookup refuses non-public answers,
//     so the address checked is the address connected to;
//   - no policy (a test's own requests), ALLOW_PRIVATE_ADDRESS, or an origin in
//     ALLOW_PRIVATE_ORIGINS: the default dispatcher.
// Node does not export its fetch's Agent class; the default dispatcher's constructor is it.
import { AsyncLocalStorage } from "node:async_hooks";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP } from "node:net";
import { type AddressPolicy, isPublicIp, mayReachAnyAddress } from "./addresses.ts";

const DISPATCHER = Symbol.for("undici.globalDispatcher.1");
const policies = new AsyncLocalStorage<AddressPolicy>();
let processPolicy: AddressPolicy | undefined;
let installed: Promise<void> | undefined;

type Dispatcher = { dispatch(options: { origin?: string | URL }, handler: unknown): boolean };
type AgentClass = new (options?: Record<string, unknown>) => Dispatcher;

export class RefusedAddressError extends Error {
  constructor(host: string, address: string) {
    super(`refused to connect to ${host}: ${address} is not a public address`);
    this.name = "RefusedAddressError";
  }
}

type LookupCallback = (err: Error | null, address: string | LookupAddress[], family?: number) => void;

function publicOnlyLookup(hostname: string, options: { all?: boolean }, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const refused = addresses.find((a) => !isPublicIp(a.address));
    if (refused) return callback(new RefusedAddressError(hostname, refused.address), []);
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0]!.address, addresses[0]!.family);
  });
}

async function install(): Promise<void> {
  if (!(globalThis as Record<symbol, unknown>)[DISPATCHER]) await fetch("data:,").catch(() => undefined);
  const base = (globalThis as Record<symbol, unknown>)[DISPATCHER] as Dispatcher;
  const Agent = base.constructor as AgentClass;
  const publicOnly = new Agent({ connect: { lookup: publicOnlyLookup } });
  class Routed extends Agent {
    override dispatch(options: { origin?: string | URL }, handler: unknown): boolean {
      const policy = policies.getStore() ?? processPolicy;
      const origin = options.origin ? new URL(String(options.origin)) : undefined;
      if (!policy || !origin || mayReachAnyAddress(policy, origin)) return base.dispatch(options, handler);
      const host = origin.hostname.replace(/^\[|\]$/g, "");
      if (isIP(host)) {
        if (!isPublicIp(host)) throw new RefusedAddressError(origin.host, host);
        return base.dispatch(options, handler);
      }
      return publicOnly.dispatch(options, handler);
    }
  }
  (globalThis as Record<symbol, unknown>)[DISPATCHER] = new Routed();
}

/** Puts the checking dispatcher in place (once per process). */
export function installOutboundCheck(): Promise<void> {
  installed ??= install();
  return installed;
}

/** Runs `fn` (and everything it starts) under the instance's address policy. */
export function withAddressPolicy<T>(policy: AddressPolicy, fn: () => T): T {
  return policies.run(policy, fn);
}

/** The policy of the code running now, if any. */
export function currentAddressPolicy(): AddressPolicy | undefined {
  return policies.getStore() ?? processPolicy;
}

/** The policy for code outside any instance's requests and workers (a process that runs one instance). */
export function setProcessAddressPolicy(policy: AddressPolicy): void {
  processPolicy = policy;
}

// What two failover or backup partners share upstream, by their profiles.
import { describe, expect, it } from "vitest";
import { sharedUpstream, sharedUpstreamOf } from "../../src/domain/aid/upstream.ts";

describe("shared upstream", () => {
  it("names the datacenter, ASN and upstream provider both state, ignoring case and spacing", () => {
    expect(
      sharedUpstream(
        { datacenter: "FSN1", asn: 24940, provider: "Hetzner" },
        { datacenter: " fsn1 ", asn: 24940, provider: "hetzner" },
      ),
    ).toEqual(["datacenter", "asn", "provider"]);
    expect(sharedUpstream({ asn: 1 }, { asn: 2, datacenter: "x" })).toEqual([]);
    expect(sharedUpstream({ datacenter: "" }, { datacenter: "" })).toEqual([]);
    expect(sharedUpstream({}, {})).toEqual([]);
    expect(sharedUpstream(undefined, { asn: 1 })).toEqual([]);
  });

  it("flags failover and backup space only", async () => {
    const same = async () => ({ provider: "OVH" });
    expect(await sharedUpstreamOf("failover", ["a", "b"], same)).toEqual(["provider"]);
    expect(await sharedUpstreamOf("backup-space", ["a", "b"], same)).toEqual(["provider"]);
    expect(await sharedUpstreamOf("storage", ["a", "b"], same)).toEqual([]);
  });
});

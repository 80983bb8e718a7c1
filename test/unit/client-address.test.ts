import { describe, expect, it } from "vitest";
import { forwardedClientAddress } from "../../src/web/client-address.ts";

describe("the client address behind reverse proxies", () => {
  it("is the socket's when no proxy is trusted, whatever the header says", () => {
    expect(forwardedClientAddress("198.51.100.1", "192.0.2.9", 0)).toBe("192.0.2.9");
    expect(forwardedClientAddress(undefined, undefined, 0)).toBe("unknown");
  });

  it("is the last entry behind one proxy, never one the client sent before it", () => {
    expect(forwardedClientAddress("203.0.113.5", "127.0.0.1", 1)).toBe("203.0.113.5");
    expect(forwardedClientAddress("1.2.3.4, 5.6.7.8,203.0.113.5", "127.0.0.1", 1)).toBe("203.0.113.5");
    expect(forwardedClientAddress(" 203.0.113.5 ,", "127.0.0.1", 1)).toBe("203.0.113.5");
  });

  it("counts back as many entries as there are proxies", () => {
    expect(forwardedClientAddress("1.2.3.4, 203.0.113.5, 10.0.0.2", "127.0.0.1", 2)).toBe("203.0.113.5");
    expect(forwardedClientAddress("1.2.3.4, 203.0.113.5, 10.0.0.2, 10.0.0.3", "127.0.0.1", 3)).toBe("203.0.113.5");
    // Fewer entries than proxies: the leftmost, which a proxy wrote.
    expect(forwardedClientAddress("203.0.113.5", "127.0.0.1", 2)).toBe("203.0.113.5");
  });

  it("falls back to the socket's address without a usable header", () => {
    expect(forwardedClientAddress(undefined, "192.0.2.9", 1)).toBe("192.0.2.9");
    expect(forwardedClientAddress("", "192.0.2.9", 1)).toBe("192.0.2.9");
    expect(forwardedClientAddress(" , ", "192.0.2.9", 1)).toBe("192.0.2.9");
    expect(forwardedClientAddress(undefined, undefined, 1)).toBe("unknown");
  });

  it("keeps at most 100 characters of an entry", () => {
    expect(forwardedClientAddress(`a, ${"x".repeat(300)}`, "192.0.2.9", 1)).toBe("x".repeat(100));
  });
});

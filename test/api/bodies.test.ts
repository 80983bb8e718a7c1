import "temporal-polyfill/global";
import { afterEach, describe, expect, it } from "vitest";
import { countAnnouncements } from "../../src/domain/announcements/announcements.ts";
import { findProvider } from "../../src/domain/provider/provider.ts";
import { MAX_BODY_BYTES } from "../../src/web/api/request-body.ts";
import { stopAll } from "../helpers/instance.ts";
import { startApi, type ApiClient } from "./api-client.ts";

describe("API request bodies", () => {
  let api: ApiClient | undefined;
  afterEach(async () => stopAll(api?.instance));

  it("refuses what is not JSON, too large or malformed with 415, 413 and 400, writing nothing", async () => {
    api = await startApi();
    const db = api.instance.services.database.db;
    const before = await findProvider(db);

    const form = await api.call("POST", "/api/v1/announcements", "content=hello", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(form.status).toBe(415);
    expect(form.body.error.code).toBe("unsupported_media_type");
    const noType = await api.call("POST", "/api/v1/announcements", '{"content":"hello"}');
    expect(noType.status).toBe(415);
    const latin1 = await api.call("POST", "/api/v1/announcements", '{"content":"hello"}', {
      "content-type": "application/json; charset=iso-8859-1",
    });
    expect(latin1.status).toBe(415);

    const big = JSON.stringify({ content: "x".repeat(MAX_BODY_BYTES) });
    const tooLarge = await api.call("POST", "/api/v1/announcements", big, { "content-type": "application/json" });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe("too_large");
    // Without a Content-Length (chunked), the size is counted as the body arrives.
    const bytes = new TextEncoder().encode(
      JSON.stringify({ name: "x", profile: { summary: "y".repeat(MAX_BODY_BYTES) } }),
    );
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 16_384) controller.enqueue(bytes.slice(i, i + 16_384));
        controller.close();
      },
    });
    const chunked = await api.call("PUT", "/api/v1/profile", stream, { "content-type": "application/json" });
    expect(chunked.status).toBe(413);

    const malformed = await api.call("POST", "/api/v1/announcements", '{"content": "hello"', {
      "content-type": "application/json",
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe("bad_request");
    const empty = await api.call("PUT", "/api/v1/profile", "", { "content-type": "application/json" });
    expect(empty.status).toBe(400);
    const notUtf8 = await api.call("POST", "/api/v1/announcements", new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x7d]), {
      "content-type": "application/json",
    });
    expect(notUtf8.status).toBe(400);
    const array = await api.call("POST", "/api/v1/announcements", [1, 2, 3]);
    expect(array.status).toBe(422);
    const nullBody = await api.call("PUT", "/api/v1/profile", "null", { "content-type": "application/json" });
    expect(nullBody.status).toBe(422);

    // application/*+json and an explicit UTF-8 charset are JSON too.
    const ok = await api.call("POST", "/api/v1/announcements", JSON.stringify({ content: "Fine" }), {
      "content-type": "application/merge-patch+json; charset=UTF-8",
    });
    expect(ok.status).toBe(201);

    expect(await countAnnouncements(db)).toBe(1);
    expect(await findProvider(db)).toEqual(before);
  });

  it("translates error messages with Accept-Language", async () => {
    api = await startApi();
    const res = await api.call("POST", "/api/v1/announcements", "{", {
      "content-type": "application/json",
      "accept-language": "fr",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("Le corps n’est pas du JSON valide.");
  });
});

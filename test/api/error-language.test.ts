// The API's errors: `error.code` stays the same in every language, `error.message` and the field
// messages are in the language the request asks for.
import { afterEach, describe, expect, it } from "vitest";
import { stopAll } from "../helpers/instance.ts";
import { startApi, type ApiClient } from "./api-client.ts";

describe("API errors in the request's language", () => {
  let api: ApiClient | undefined;
  afterEach(async () => {
    await stopAll(api?.instance);
    api = undefined;
  });

  it("answers a domain failure in French, and in English without Accept-Language", async () => {
    api = await startApi();
    const french = await api.call("POST", "/api/v1/peers", { target: "not a handle" }, { "accept-language": "fr" });
    expect(french.status).toBe(422);
    expect(french.body.error).toEqual({
      code: "invalid",
      message: "Donnez un identifiant comme @hebergeur@example.org ou l’URL d’un acteur.",
      fields: { target: "Un identifiant comme @hebergeur@example.org, ou une URL https." },
    });
    expect(french.headers.get("content-type")).toMatch(/^application\/json/);

    const english = await api.call("POST", "/api/v1/peers", { target: "not a handle" });
    expect(english.body.error.code).toBe("invalid");
    expect(english.body.error.message).toBe("Give a handle such as @provider@example.org or an actor URL.");

    const missing = await api.call(
      "DELETE",
      `/api/v1/peers?actor=${encodeURIComponent("https://nowhere.example/actors/x")}`,
      undefined,
      { "accept-language": "de-AT, fr;q=0.5" },
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ code: "not_found", message: "Diese Instanz folgt diesem Konto nicht." });
  });

  it("answers a search with parameters that are not valid in Spanish, field by field", async () => {
    api = await startApi();
    const res = await api.call("GET", "/api/v1/directory?kind=bogus&q=a+b+c+d+e+f+g+h+i+j+k+l+m", undefined, {
      "accept-language": "es",
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: "invalid",
      message: "La búsqueda tiene parámetros que no son válidos.",
      fields: { "kind.0": "Elige una de las opciones.", q: "Como máximo 12 palabras." },
    });
  });

  it("says an unknown endpoint in the request's language", async () => {
    api = await startApi();
    const res = await api.call("GET", "/api/v1/nothing-here", undefined, { "accept-language": "pt-BR" });
    expect(res.status).toBe(404);
    expect(res.body.error).toEqual({ code: "not_found", message: "Este endpoint não existe." });
  });
});

// GET/PUT /api/v1/profile: the provider's name and structured profile; PUT/DELETE
// /api/v1/profile/icon and /header: its images.
import {
  ACCEPTED_IMAGE_TYPES,
  IMAGE_LIMITS,
  IMAGE_SIZES,
  type ImageSlot,
  setProviderImage,
} from "../../domain/images/images.ts";
import { findProvider, updateProvider } from "../../domain/provider/provider.ts";
import type { WebDeps } from "../deps.ts";
import { readLimited } from "../../http/read-limited.ts";
import { apiError, failureResponse } from "./errors.ts";
import { defineRoute, type RouteSpec } from "./route-spec.ts";
import { profileUpdateSchema, providerSchema } from "./schemas.ts";
import { providerJson } from "./serialize.ts";

export function profileRoutes({ services }: WebDeps): RouteSpec[] {
  const { db } = services.database;
  const { origin } = services.config;
  const current = async () => {
    const provider = await findProvider(db);
    return provider ? providerJson(provider, origin) : undefined;
  };
  const imageRoutes = (slot: ImageSlot, path: string, name: string, actorTerm: string): RouteSpec[] => {
    const size = IMAGE_SIZES[slot];
    return [
      defineRoute({
        method: "put",
        path,
        operationId: `put${name}`,
        tag: "Profile",
        summary: `Set the provider's ${slot === "icon" ? "icon (logo or avatar)" : "header image"}`,
        description: `The image file is the body. It is decoded (a file that is not a PNG, JPEG, WebP or GIF image is refused whatever its name or type), resized to cover ${size.width}×${size.height}, re-encoded without metadata (EXIF, GPS) as JPEG (photos) or PNG, and published as the actor's \`${actorTerm}\`; followers receive an \`Update\`. At most ${IMAGE_LIMITS.maxBytes} bytes and ${IMAGE_LIMITS.maxPixels} pixels.`,
        rawBody: { contentTypes: ACCEPTED_IMAGE_TYPES, description: "The image file." },
        responses: { 200: { description: "The provider, with the new image.", schema: providerSchema } },
        errors: [404, 413, 415, 422],
        errorNotes: {
          413: `The body is larger than ${IMAGE_LIMITS.maxBytes} bytes, or the image has more than ${IMAGE_LIMITS.maxPixels} pixels.`,
          415: `The Content-Type is not one of ${ACCEPTED_IMAGE_TYPES.join(", ")}.`,
          422: "The body does not decode as an image; `error.message` says why.",
        },
        async handle(c, { t }) {
          const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
          if (!(ACCEPTED_IMAGE_TYPES as readonly string[]).includes(type))
            return apiError(
              c,
              415,
              "unsupported_media_type",
              t("api.error.imageType", { types: ACCEPTED_IMAGE_TYPES.join(", ") }),
            );
          const body = await readLimited(c.req.raw, IMAGE_LIMITS.maxBytes);
          if (body === "too_large")
            return apiError(c, 413, "too_large", t("api.error.imageTooLarge", { max: IMAGE_LIMITS.maxBytes }));
          const result = await setProviderImage(db, slot, body);
          if (!result.ok) return failureResponse(c, result.error);
          return c.json(await current());
        },
      }),
      defineRoute({
        method: "delete",
        path,
        operationId: `delete${name}`,
        tag: "Profile",
        summary: `Remove the provider's ${slot === "icon" ? "icon" : "header image"}`,
        description: `The actor no longer carries \`${actorTerm}\`; followers receive an \`Update\`.`,
        responses: { 200: { description: "The provider, without the image.", schema: providerSchema } },
        errors: [404],
        async handle(c) {
          const result = await setProviderImage(db, slot, null);
          if (!result.ok) return failureResponse(c, result.error);
          return c.json(await current());
        },
      }),
    ];
  };
  return [
    defineRoute({
      method: "get",
      path: "/v1/profile",
      operationId: "getProfile",
      tag: "Profile",
      summary: "The provider's handle, name, profile and images",
      description: "`profile` is the same JSON as the file given to `commonhost setup --profile FILE`.",
      responses: { 200: { description: "The provider.", schema: providerSchema } },
      errors: [404],
      async handle(c, { t }) {
        const provider = await current();
        return provider ? c.json(provider) : apiError(c, 404, "not_found", t("api.error.noProvider"));
      },
    }),
    defineRoute({
      method: "put",
      path: "/v1/profile",
      operationId: "replaceProfile",
      tag: "Profile",
      summary: "Replace the name and the whole profile",
      description:
        "Followers receive an `Update` of the actor. Every field that is not valid is named in `error.fields`; nothing is written then. The images are kept.",
      body: profileUpdateSchema,
      responses: { 200: { description: "The updated provider.", schema: providerSchema } },
      errors: [404],
      async handle(c, { body }) {
        const result = await updateProvider(db, body);
        return result.ok ? c.json(providerJson(result.value, origin)) : failureResponse(c, result.error);
      },
    }),
    ...imageRoutes("icon", "/v1/profile/icon", "ProfileIcon", "icon"),
    ...imageRoutes("header", "/v1/profile/header", "ProfileHeader", "image"),
  ];
}

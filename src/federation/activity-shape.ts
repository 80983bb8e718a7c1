// The minimum an incoming activity must have before any work is spent on it. Fedify answers an
// object without a usable type or actor only after verifying a signature (and then with a bare
// 400), so this check runs first and says what is missing.
import { z } from "zod";

const absoluteUrl = z
  .string()
  .refine((v) => URL.canParse(v) && /^https?:/.test(v), { message: "expected an absolute http(s) URL" });
const reference = z.union([absoluteUrl, z.object({ id: absoluteUrl }).loose()]);

export const activityShape = z
  .object({
    type: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)], { message: "an activity needs a type" }),
    actor: z.union([reference, z.array(reference).min(1)], {
      message: "an activity needs an actor: the URL of who sent it",
    }),
    id: absoluteUrl.optional(),
  })
  .loose();

/** The reason an inbox body is not a usable activity, field by field; null when it is one. */
export function activityShapeProblems(body: unknown): Record<string, string> | null {
  const parsed = activityShape.safeParse(body);
  if (parsed.success) return null;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? "body");
    fields[field] ??=
      issue.code === "invalid_type" && issue.input === undefined ? `${field} is missing` : issue.message;
  }
  return fields;
}

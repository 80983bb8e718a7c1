// What the networks inbox answers: 202 when a network activity is stored (or was already), else a
// status and a reason in the API's error shape.
export type InboxAnswer =
  | { readonly status: 202 }
  | { readonly status: 403 | 404 | 422; readonly code: string; readonly reason: string };

export const refusedWith = (status: 403 | 404 | 422, reason: string): InboxAnswer => ({
  status,
  code: status === 403 ? "forbidden" : status === 404 ? "not_found" : "invalid",
  reason,
});

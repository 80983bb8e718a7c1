export * from "./provider.ts";
export * from "./followers.ts";
export * from "./announcements.ts";
export * from "./tokens.ts";
export * from "./queue.ts";
export * from "./following.ts";
export * from "./accounts.ts";
export * from "./directory.ts";

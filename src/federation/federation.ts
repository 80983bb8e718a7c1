// Fedify wired to the durable store and queue on the project's database.
import { createExponentialBackoffPolicy, createFederation, type Federation } from "@fedify/fedify";
import { kvStoreFor } from "../db/kv-store.ts";
import type { Runtime } from "../runtime.ts";
import { keepParsedKeys } from "./parsed-keys.ts";

export type AppFederation = Federation<Runtime>;

/**
 * Retries for outgoing deliveries: by default 30 s doubling up to 6 h between tries, 16 tries in
 * all, so a peer that is down for a day still gets what was sent (the pauses add up to about two
 * days). DELIVERY_RETRY_INITIAL_MS shortens the first pause (tests use a fraction of a second).
 */
export const outboxRetryPolicy = (initialDelayMs = 30_000) =>
  createExponentialBackoffPolicy({
    initialDelay: { milliseconds: initialDelayMs },
    maxDelay: { hours: 6 },
    maxAttempts: 16,
    factor: 2,
    jitter: true,
  });

export function buildFederation(services: Runtime): AppFederation {
  const { config, database, queue } = services;
  keepParsedKeys();
  return createFederation<Runtime>({
    kv: kvStoreFor(database),
    queue: { outbox: queue, fanout: queue },
    manuallyStartQueue: true,
    origin: config.origin,
    // With a list of allowed private origins, Fedify's own check (all or nothing) is off and the
    // connection-time check (trust/outbound.ts) applies the list.
    allowPrivateAddress: config.allowPrivateAddress || config.allowPrivateOrigins.length > 0,
    // Most servers verify only draft-cavage signatures; knock with those first.
    firstKnock: "draft-cavage-http-signatures-12",
    outboxRetryPolicy: outboxRetryPolicy(config.deliveryRetryInitialMs),
    userAgent: { software: "Commonhost/0.1.0", url: new URL(config.origin) },
    // A peer down for a day must not trip the breaker and drop what we owe it.
    circuitBreaker: false,
  });
}

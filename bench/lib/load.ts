// The load generator: autocannon over keep-alive connections, a fixed number of requests, loopback only.
import autocannon from "autocannon";

export type LoadResult = {
  /** Answered requests per wall-clock second. */
  rps: number;
  /** Answered requests per CPU-second of the server: what one core of it serves, whatever else runs. */
  perCpuSecond: number;
  ok: number;
  failed: number;
  p99Ms: number;
};

export async function load(
  url: string,
  options: {
    requests: number;
    connections: number;
    headers?: Record<string, string>;
    method?: string;
    body?: string;
    serverCpu?: () => number;
  },
): Promise<LoadResult> {
  const cpuBefore = options.serverCpu?.() ?? 0;
  const started = performance.now();
  const result = await autocannon({
    url,
    connections: options.connections,
    amount: options.requests,
    timeout: 10,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.method ? { method: options.method } : {}),
    ...(options.body ? { body: options.body } : {}),
  });
  const seconds = (performance.now() - started) / 1000;
  const ok = result["2xx"];
  const cpu = (options.serverCpu?.() ?? 0) - cpuBefore;
  return {
    rps: ok / seconds,
    perCpuSecond: cpu > 0 ? ok / cpu : Number.NaN,
    ok,
    failed: result.non2xx + result.errors + result.timeouts,
    p99Ms: result.latency.p99,
  };
}

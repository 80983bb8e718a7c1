// The part of autocannon's API the benches use (the package ships no types).
declare module "autocannon" {
  type Options = {
    url: string;
    connections?: number;
    pipelining?: number;
    amount?: number;
    duration?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
  };
  type Result = {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    requests: { total: number; average: number };
    latency: { p50: number; p99: number };
  };
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}

// A plain HTTP listener on 127.0.0.1 that records every request and answers with a fixed status:
// a stand-in for a remote inbox that is gone (410), or a tripwire that must never be hit.
import { createServer, type IncomingMessage } from "node:http";

export type RecordingServer = {
  readonly origin: string;
  readonly hits: { method: string; url: string; body: string }[];
  close(): Promise<void>;
};

export async function recordingServer(
  status = 202,
  respond?: (req: IncomingMessage) => { status: number; body: string; type?: string; location?: string } | undefined,
): Promise<RecordingServer> {
  const hits: RecordingServer["hits"] = [];
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (d: Buffer) => parts.push(d));
    req.on("end", () => {
      hits.push({ method: req.method ?? "", url: req.url ?? "", body: Buffer.concat(parts).toString("utf8") });
      const answer = respond?.(req);
      res.writeHead(answer?.status ?? status, {
        "Content-Type": answer?.type ?? "text/plain",
        ...(answer?.location ? { Location: answer.location } : {}),
      });
      res.end(answer?.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

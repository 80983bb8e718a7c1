// Imported first by the entry point (bin/commonhost.js), before any other module is loaded, because
// what it changes applies only to modules loaded after it. Measured in bench/startup.ts and
// docs/adr/0004-cold-start.md.
import { enableCompileCache, registerHooks } from "node:module";
import { join } from "node:path";
import { loadConfig } from "../config.ts";

// Node reads a module's package.json again for every file it loads from a package, to learn the
// file's format. drizzle-orm's package.json is 180 KB (an exports entry per file) and the package
// has some 450 files: loading it costs over a second and 200 MB of garbage. Inside such a package,
// a relative import is resolved here, as ES module, without that lookup. Packages are listed by
// name; each is plain ESM ("type": "module").
const LARGE_ESM_PACKAGES = ["/node_modules/drizzle-orm/"];
const inLargePackage = (url: string | undefined) => url !== undefined && LARGE_ESM_PACKAGES.some((p) => url.includes(p));

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (inLargePackage(context.parentURL) && (specifier.startsWith("./") || specifier.startsWith("../")) && specifier.endsWith(".js")) {
      return { url: new URL(specifier, context.parentURL).href, format: "module", shortCircuit: true };
    }
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    if (inLargePackage(url) && url.endsWith(".js") && context.format == null) return nextLoad(url, { ...context, format: "module" });
    return nextLoad(url, context);
  },
});

// Compiled code of every module (ours, type-stripped, and the dependencies') is kept under DATA_DIR
// and reused by the next start. A bad configuration is reported by the command itself, later.
try {
  enableCompileCache(join(loadConfig().dataDir, ".cache", "node-compile"));
} catch {
  // no cache then
}

// Registered by the entry point (src/boot/load-main.ts) before the sources are loaded, because hooks
// apply only to modules loaded after them. Measured in bench/startup.ts and docs/adr/0004-cold-start.md.
import { registerHooks } from "node:module";

// Node reads a module's package.json again for every file it loads from a package, to learn the
// file's format. drizzle-orm's package.json is 180 KB (an exports entry per file) and the package
// has some 450 files: loading it costs over a second and 200 MB of garbage. Inside such a package,
// a relative import is resolved here, as ES module, without that lookup. Packages are listed by
// name; each is plain ESM ("type": "module"). Only needed when running the sources, not the bundle.
const LARGE_ESM_PACKAGES = ["/node_modules/drizzle-orm/"];
const inLargePackage = (url: string | undefined) =>
  url !== undefined && LARGE_ESM_PACKAGES.some((p) => url.includes(p));

export function registerSourceHooks(): void {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (
        inLargePackage(context.parentURL) &&
        (specifier.startsWith("./") || specifier.startsWith("../")) &&
        specifier.endsWith(".js")
      ) {
        return { url: new URL(specifier, context.parentURL).href, format: "module", shortCircuit: true };
      }
      return nextResolve(specifier, context);
    },
    load(url, context, nextLoad) {
      if (inLargePackage(url) && url.endsWith(".js") && context.format == null)
        return nextLoad(url, { ...context, format: "module" });
      return nextLoad(url, context);
    },
  });
}

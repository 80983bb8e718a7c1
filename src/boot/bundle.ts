// Our code and its pure-JS dependencies as one esbuild bundle, kept under DATA_DIR/.cache/bundle and
// rebuilt when the sources or the installed dependencies change. Loading ~900 modules one by one is
// most of a cold start; see docs/adr/0008-start-bundle.md. The sources stay the reference: without
// esbuild, or when a build fails, the entry point runs them.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";

const root = join(import.meta.dirname, "..", "..");

// Loaded from node_modules, not bundled: PGlite reads its WebAssembly and data files next to its own
// module; argon2 and sharp are native addons (sharp finds its platform's binary from its own folder).
const EXTERNAL = /^(@electric-sql\/pglite|@node-rs\/argon2|sharp)(\/|$)/;

// Bundle builds kept next to the current one: a process still running an older build may load one of
// its chunks later (the drivers and some pages are imported on first use).
const KEEP_BUILDS = 3;

/** What the bundle is built from: every source file, the dependencies as installed, this checkout's place. */
function fingerprint(): string {
  const hash = createHash("sha256").update(`${root}\0${process.version}\0`);
  const files = readdirSync(join(root, "src"), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") || f.endsWith(".js"))
    .sort()
    .map((f) => join("src", f));
  // npm rewrites node_modules/.package-lock.json whenever it changes what is installed.
  for (const file of [...files, "package.json", "package-lock.json", join("node_modules", ".package-lock.json")]) {
    try {
      const s = statSync(join(root, file));
      hash.update(`${file}\0${s.size}\0${s.mtimeMs}\0`);
    } catch {
      hash.update(`${file}\0-\0`);
    }
  }
  return hash.digest("hex").slice(0, 16);
}

const buildsDir = (dataDir: string) => join(dataDir, ".cache", "bundle");

/** Where the bundle of the current sources has its entry file (built or not). */
export function bundleEntry(dataDir: string): string {
  return join(buildsDir(dataDir), fingerprint(), "main.mjs");
}

/** The bundle's entry file if one is built from the current sources. */
export function currentBundle(dataDir: string): string | undefined {
  const entry = bundleEntry(dataDir);
  return existsSync(entry) ? entry : undefined;
}

/**
 * Builds the bundle from the current sources and returns its entry file, or undefined when esbuild is
 * not installed (e.g. `npm install --omit=dev`). Written to a directory of its own, then renamed into
 * place, so a process never sees half a build, and two processes building at once both succeed.
 */
export async function buildBundle(dataDir: string): Promise<string | undefined> {
  let esbuild: typeof import("esbuild");
  try {
    esbuild = await import("esbuild");
  } catch {
    return undefined;
  }
  const id = fingerprint();
  const dir = join(buildsDir(dataDir), id);
  const temp = `${dir}.${process.pid}.tmp`;
  try {
    await esbuild.build({
      entryPoints: { main: join(root, "src", "main.ts") },
      outdir: temp,
      bundle: true,
      splitting: true,
      format: "esm",
      // .mjs: Node would otherwise first try each file as CommonJS (no package.json says otherwise here).
      outExtension: { ".js": ".mjs" },
      platform: "node",
      target: `node${process.versions.node}`,
      // CommonJS dependencies inside an ES module bundle still call require().
      banner: {
        js: `import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);`,
      },
      plugins: [sourceLocations, externals],
      minifyWhitespace: true,
      minifySyntax: true,
      legalComments: "none",
      logLevel: "silent",
    });
    try {
      renameSync(temp, dir);
    } catch {
      // another process put the same build in place first
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
    await esbuild.stop();
  }
  pruneOldBuilds(dataDir, id);
  return currentBundle(dataDir);
}

/** Our modules find locales/, drizzle/, public/ and package.json from import.meta.dirname: keep each module's own. */
const sourceLocations: import("esbuild").Plugin = {
  name: "source-locations",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => {
      if (!args.path.startsWith(join(root, "src"))) return undefined;
      const contents = readFileSync(args.path, "utf8")
        .replaceAll("import.meta.dirname", JSON.stringify(dirname(args.path)))
        .replaceAll("import.meta.filename", JSON.stringify(args.path))
        .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: "ts" };
    });
  },
};

/** The bundle lives under DATA_DIR, away from node_modules: it imports the external packages by their resolved URL. */
const externals: import("esbuild").Plugin = {
  name: "externals",
  setup(build) {
    build.onResolve({ filter: EXTERNAL }, (args) => ({ path: import.meta.resolve(args.path), external: true }));
  },
};

function pruneOldBuilds(dataDir: string, current: string): void {
  const dir = buildsDir(dataDir);
  try {
    const builds = readdirSync(dir)
      .filter((name) => name !== current)
      .map((name) => ({ name, mtime: statSync(join(dir, name)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const { name } of builds.slice(KEEP_BUILDS - 1)) rmSync(join(dir, name), { recursive: true, force: true });
  } catch {
    // another process is pruning too
  }
}

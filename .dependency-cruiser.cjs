// Import boundaries of the layers (docs/architecture.md). `npm run lint` runs this over every source
// file, named on the command line: TypeScript 7 has no compiler API for dependency-cruiser yet (hence
// its "missing-tsc-transpiler" notice), so it does not pick .ts files from a folder by itself; named,
// they are read by its JavaScript parser, which sees every import, `import type` included.
// Violations that are being removed are listed in .dependency-cruiser-known-violations.json
// (`--ignore-known`); regenerate it only to shrink it.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "domain-not-fedify",
      comment: "The domain decides without Fedify: map ActivityStreams in src/federation, not in the domain.",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { path: "(^|/)node_modules/@fedify/" },
    },
    {
      name: "domain-not-hono",
      comment: "The domain knows nothing of HTTP: requests and responses belong to src/web.",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { path: "(^|/)node_modules/(hono|@hono/)" },
    },
    {
      name: "domain-not-web-or-federation",
      comment: "The domain is called by the edges (web, federation, CLI), never the other way round.",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { path: "^src/(web|federation)/" },
    },
    {
      name: "db-not-domain",
      comment: "src/db is the storage layer under the domain: tables and drivers, no domain types or rules.",
      severity: "error",
      from: { path: "^src/db/" },
      to: { path: "^src/domain/" },
    },
    {
      name: "web-only-from-composition-root",
      comment: "Only the composition root (src/instance.ts) wires the web app in.",
      severity: "error",
      from: { path: "^src/", pathNot: "^src/(web/|instance\\.ts$)" },
      to: { path: "^src/web/" },
    },
    {
      name: "web-not-federation-use-cases",
      comment:
        "Routes call the domain; the inbox, the outbox and directory replication are federation's own. " +
        "What a page needs from the network is a domain use case behind a port (docs/architecture.md).",
      severity: "error",
      from: { path: "^src/web/" },
      to: { path: "^src/federation/(inbox|outbox|directory)/|^src/federation/outbox\\.ts$" },
    },
    {
      name: "no-circular",
      comment: "No import cycles anywhere in src.",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import that resolves to nothing is a typo or a missing package.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: "src-not-to-test",
      comment: "Application code does not import tests or benchmarks.",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(test|bench)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(drizzle|data)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".json"],
    },
  },
};

// The directory search, one box: everything outside src/domain/directory/search imports it from here.
// searchDirectoryFor is the use case (a URL query in, a page of explained results or a failure out);
// the rest is what the indexing side, the instance and the benchmarks need of it.
export { directoryQuerySchema, MAX_PAGE_SIZE, MAX_QUERY_STRING, parseDirectoryQuery } from "./query.ts";
export { emptySearch, explain, searchDirectory, searchDirectoryFor } from "./search.ts";
export { pruneDirectoryChanges, SearchIndexStore, searchIndexFor, syncSql } from "./index-store.ts";
export { pageSql } from "./page.ts";
export { searchText, searchVectorSql } from "./text.ts";
export type * from "./types.ts";
// What the library's search of shared documents reuses (src/domain/docs/library.ts): the same
// stemmers per language, the same query words and their stems, pg_trgm's threshold for typos.
export { configsFor, queryTokens } from "./text.ts";
export { queryTerm, queryWords, readStems, stemsSql, textArray } from "./terms.ts";
export { SIMILARITY_THRESHOLD } from "./vocabulary.ts";

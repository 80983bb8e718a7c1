// jsonld (a dependency of Fedify) ships no types; the tests use only expand().
declare module "jsonld" {
  type RemoteDocument = { contextUrl: string | null; documentUrl: string; document: unknown };
  const jsonld: {
    expand(
      input: unknown,
      options?: { safe?: boolean; documentLoader?: (url: string) => Promise<RemoteDocument> },
    ): Promise<Record<string, unknown>[]>;
  };
  export default jsonld;
}

import type { CodegenConfig } from '@graphql-codegen/cli';

/** Types for the documents of `clients/documents`, as a frontend would generate them (`npm run codegen`). */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: 'clients/documents/*.graphql',
  generates: {
    'clients/generated/graphql.ts': {
      // typescript-operations writes the input and enum types the documents use; the `typescript` plugin
      // beside it would write them a second time.
      plugins: ['typescript-operations', 'typed-document-node'],
      config: {
        // Every custom scalar needs a type: none silently becomes `any`.
        strictScalars: true,
        scalars: {
          PartialDate: 'string',
          JSONLD:
            "{ '@context': Record<string, string>; '@graph': Array<{ '@id': string; '@type': string | string[]; [property: string]: unknown }> }",
        },
        enumsAsTypes: true,
        useTypeImports: true,
        nonOptionalTypename: true,
        onlyOperationTypes: true,
      },
    },
  },
};

export default config;

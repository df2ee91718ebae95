import fs from 'node:fs';
import path from 'node:path';
import { Supergraph } from '@apollo/federation-internals';
import { generate } from '@graphql-codegen/cli';
import { printSchema } from 'graphql';
import { SUPERGRAPH_FILE } from '../schema/compose';
import { ROOT } from './processes';

/**
 * Types the console's GraphQL operations from the supergraph: writes the API schema clients see
 * (no federation directives, no @inaccessible fields) to console/src/gql/schema.graphql, then
 * generates console/src/gql/generated.ts from every operation and fragment of the console and of
 * the agencies' cards (subgraphs/<agency>/console/card.graphql). An operation that no longer fits
 * the schema fails here, and a changed result type fails the console's type check.
 */
export const CONSOLE_GQL_DIR = path.join(ROOT, 'console', 'src', 'gql');

export function writeApiSchema(): string {
  const api = Supergraph.build(fs.readFileSync(SUPERGRAPH_FILE, 'utf8')).apiSchema().toGraphQLJSSchema();
  const file = path.join(CONSOLE_GQL_DIR, 'schema.graphql');
  fs.mkdirSync(CONSOLE_GQL_DIR, { recursive: true });
  fs.writeFileSync(file, printSchema(api));
  return file;
}

export async function generateConsoleTypes(): Promise<void> {
  const schema = writeApiSchema();
  await generate(
    {
      schema,
      documents: [path.join(ROOT, 'console/src/**/*.graphql'), path.join(ROOT, 'subgraphs/*/console/*.graphql')],
      silent: true,
      errorsOnly: true,
      generates: {
        [path.join(CONSOLE_GQL_DIR, 'generated.ts')]: {
          plugins: ['typescript-operations', 'typed-document-node'],
          config: {
            // Operations travel as plain strings: no GraphQL parser in the browser bundle.
            documentMode: 'string',
            enumsAsTypes: true,
            useTypeImports: true,
            skipTypename: true,
            strictScalars: true,
            scalars: { ID: 'string' },
          },
        },
      },
    },
    true,
  );
}

if (require.main === module) {
  generateConsoleTypes().catch((error: unknown) => {
    process.stderr.write(`console codegen failed: ${(error as Error).message}\n`);
    process.exit(1);
  });
}

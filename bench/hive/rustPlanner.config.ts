import { defineConfig } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { forwardingConfig } from './gateway.config';

/**
 * Hive Gateway with the Rust query planner of Hive Router (`@graphql-hive/router-runtime`, a native
 * addon shipped in the package: no network at run time), as Hive documents it: the runtime given
 * as the `unifiedGraphHandler`. Imported here rather than with `--hive-router-runtime`, whose CLI
 * falls back to the JavaScript planner with only a log line when the package cannot load: this
 * config fails instead, so the arm never measures the wrong planner.
 */
export const gatewayConfig = defineConfig({ ...forwardingConfig, unifiedGraphHandler });

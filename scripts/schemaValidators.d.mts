// Types of scripts/schemaValidators.mjs, for test/unit/schema.test.ts (the script stays plain JavaScript so that
// esbuild.mjs runs it without a build).
export const GENERATED_PATH: URL;
export function generateSchemaValidators(): string;
export function writeSchemaValidators(): void;

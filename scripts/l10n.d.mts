// Types of scripts/l10n.mjs, for test/l10n/ (the script itself stays plain JavaScript so it runs without a build).
export type BundleEntry = string | { message: string; comment: string[] };
export type Bundle = Record<string, BundleEntry>;
export const ROOT: string;
export const SOURCE_DIRS: string[];
export const ENGLISH_BUNDLE: string;
export const KOREAN_BUNDLE: string;
export function sourceFiles(root?: string): string[];
export function extractBundle(root?: string): Promise<Bundle>;
export function messageOf(entry: unknown): string | undefined;
export function placeholders(message: string): string[];
export function scanSources(root?: string): { keys: string[]; problems: string[] };
export function compareBundles(
	english: Record<string, unknown>, korean: Record<string, unknown>,
): { missing: string[]; placeholderMismatch: string[]; stale: string[] };
export function readJson(path: string): unknown;
export function formatBundle(bundle: Record<string, unknown>): string;

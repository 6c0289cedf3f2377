// What the client answers when the server pulls its settings in an untrusted workspace. Kept free of the
// `vscode` module so it can be tested on its own.
import { SETTINGS_SECTION } from '../../protocol/ext';

/**
 * The answer to the server's workspace/configuration request, with `resolve.enable` forced off for our section
 * while the workspace is untrusted (a workspace's settings must not turn network access back on).
 */
export function withoutResolutionWhenUntrusted<T>(items: ReadonlyArray<{ section?: string }>, result: T, trusted: boolean): T {
	if (trusted || !Array.isArray(result)) {
		return result;
	}
	return result.map((value: unknown, i) => {
		if (items[i]?.section !== SETTINGS_SECTION) {
			return value;
		}
		const settings = value && typeof value === 'object' ? value as Record<string, unknown> : {};
		return { ...settings, resolve: { ...(settings.resolve as object | undefined), enable: false } };
	}) as T;
}

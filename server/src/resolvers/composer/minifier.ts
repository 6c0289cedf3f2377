// composer/metadata-minifier's expand(): p2 files marked `"minified": "composer/2.0"` list each version as
// the difference from the previous one. Keys are applied shallowly (nested objects replace whole), and the
// string "__unset" removes a key.

export function expandMinified(versions: unknown[]): Array<Record<string, unknown>> {
	const expanded: Array<Record<string, unknown>> = [];
	let current: Record<string, unknown> | null = null;
	for (const v of versions) {
		if (typeof v !== 'object' || v === null || Array.isArray(v)) {
			continue;
		}
		const entry = v as Record<string, unknown>;
		if (current === null) {
			current = { ...entry };
			expanded.push({ ...current });
			continue;
		}
		for (const [key, val] of Object.entries(entry)) {
			if (val === '__unset') {
				delete current[key];
			} else {
				current[key] = val;
			}
		}
		expanded.push({ ...current });
	}
	return expanded;
}

// Decoding JSON from repositories the way Composer's JsonFile::parseJson can: PHP's json_decode refuses containers
// nested more than 511 levels deep (its default depth of 512 counts one level more), with "Maximum stack depth
// exceeded". Checking the depth before JSON.parse also bounds memory: JSON.parse of a 10 MB body of `[[[[…` builds
// millions of nested arrays before it finds the text unterminated (0.6 GB; 3.4 GB for 64 MB).

/** The deepest nesting of arrays and objects json_decode accepts with its default depth. */
export const MAX_JSON_NESTING = 511;

/** PHP's json_last_error_msg() for JSON_ERROR_DEPTH. */
export const DEPTH_ERROR = 'Maximum stack depth exceeded';

/** Whether arrays/objects in `text` (a string or UTF-8 bytes) nest deeper than `max`; strings are skipped. */
export function nestsDeeperThan(text: string | Uint8Array, max = MAX_JSON_NESTING): boolean {
	const at = typeof text === 'string' ? (i: number) => text.charCodeAt(i) : (i: number) => text[i];
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = at(i);
		if (inString) {
			if (c === 0x5c) i++; // backslash: the next character is escaped
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) {
			inString = true;
		} else if (c === 0x5b || c === 0x7b) {
			if (++depth > max) return true;
		} else if (c === 0x5d || c === 0x7d) {
			depth--;
		}
	}
	return false;
}

/** JSON.parse, after refusing (with PHP's message) what json_decode refuses for depth. */
export function decodeJson(text: string | Uint8Array): unknown {
	if (nestsDeeperThan(text)) {
		throw new SyntaxError(DEPTH_ERROR);
	}
	return JSON.parse(typeof text === 'string' ? text : new TextDecoder().decode(text));
}

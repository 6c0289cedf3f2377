// Encoding facts Composer refuses a composer.json for, found without decoding it twice. Composer reads the file
// with json_decode and, when that fails on bytes that are not UTF-8, says "… is not UTF-8, could not parse as
// JSON" (src/Composer/Json/JsonFile.php, validateSyntax); an unpaired `\uD800`-style escape makes json_decode
// return null, which Composer then reports as "NULL value found, but an object is required". Pure.

/**
 * Byte offset of the first sequence that is not UTF-8 as PHP's JSON scanner reads it (no overlong forms, no
 * UTF-16 surrogates, nothing above U+10FFFF: the same rules as a fatal TextDecoder), or undefined.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
	let i = 0;
	while (i < bytes.length) {
		const b = bytes[i];
		if (b < 0x80) {
			i++;
			continue;
		}
		let need: number;
		let lower = 0x80;
		let upper = 0xbf;
		if (b >= 0xc2 && b <= 0xdf) need = 1;
		else if (b >= 0xe0 && b <= 0xef) {
			need = 2;
			if (b === 0xe0) lower = 0xa0;
			if (b === 0xed) upper = 0x9f; // U+D800..U+DFFF encoded: not UTF-8
		} else if (b >= 0xf0 && b <= 0xf4) {
			need = 3;
			if (b === 0xf0) lower = 0x90;
			if (b === 0xf4) upper = 0x8f;
		} else return i;
		for (let k = 1; k <= need; k++) {
			const c = bytes[i + k];
			if (c === undefined || c < (k === 1 ? lower : 0x80) || c > (k === 1 ? upper : 0xbf)) return i;
		}
		i += need + 1;
	}
	return undefined;
}

/** Offset of the first UTF-16 code unit of `text` that is half a surrogate pair (text no UTF-8 file can hold). */
export function loneSurrogateAt(text: string): number | undefined {
	const m = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(text);
	return m ? m.index : undefined;
}

/** Offset and length of the first `\uD8xx`-style escape that is not half of an escaped pair, or undefined. */
export function unpairedSurrogateEscape(text: string): { offset: number; length: number } | undefined {
	const escapes = /\\u([dD][0-9a-fA-F]{3})/g;
	let pendingHigh: { offset: number; end: number } | undefined;
	for (let m = escapes.exec(text); m; m = escapes.exec(text)) {
		// `\\ud800` is an escaped backslash followed by text: count the backslashes before this one (linear overall).
		let before = 0;
		while (m.index - before - 1 >= 0 && text.charCodeAt(m.index - before - 1) === 0x5c) before++;
		if (before % 2 === 1) continue;
		const offset = m.index;
		const unit = parseInt(m[1], 16);
		// A high half must be followed at once by a low one.
		if (pendingHigh && pendingHigh.end !== offset) return { offset: pendingHigh.offset, length: 6 };
		if (unit >= 0xdc00) {
			if (!pendingHigh) return { offset, length: 6 };
			pendingHigh = undefined;
		} else if (unit >= 0xd800) {
			if (pendingHigh) return { offset: pendingHigh.offset, length: 6 };
			pendingHigh = { offset, end: offset + 6 };
		} else if (pendingHigh) {
			return { offset: pendingHigh.offset, length: 6 }; // \uD000-\uD7FF: an ordinary character
		}
	}
	return pendingHigh ? { offset: pendingHigh.offset, length: 6 } : undefined;
}

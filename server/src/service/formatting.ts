// The document's own formatting (indent unit, EOL), so that edits we make look like the user's.
import type { FormattingOptions } from 'jsonc-parser';

export function detectFormatting(text: string): FormattingOptions {
	const eol = text.includes('\r\n') ? '\r\n' : '\n';
	for (const line of text.split(/\r?\n/)) {
		const m = /^([ \t]+)\S/.exec(line);
		if (!m) continue;
		if (m[1].startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
		// The first indented line is one level deep in any normally formatted composer.json.
		return { insertSpaces: true, tabSize: m[1].length, eol };
	}
	return { insertSpaces: true, tabSize: 4, eol };
}

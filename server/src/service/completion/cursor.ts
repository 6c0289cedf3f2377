// Where the cursor is, in terms a completion provider can act on: which token it would replace, which JSON
// "slot" it is in (a property key, a property value or an array element) and whether a comma has to be
// added before or after the inserted text to keep the document valid JSON. Works on broken JSON: the
// scanner and jsonc-parser's getLocation never give up, and the user is usually mid-edit.
import { createScanner, getLocation, SyntaxKind, type JSONPath } from 'jsonc-parser';

export interface Token {
	readonly kind: SyntaxKind;
	readonly start: number;
	readonly end: number;
	/** A string token without its closing quote. */
	readonly unterminated: boolean;
}

export type Slot =
	/** A property name inside the object at `container`. */
	| { readonly kind: 'key'; readonly container: JSONPath }
	/** The value of property `path[path.length - 1]` of the object at `path.slice(0, -1)`. */
	| { readonly kind: 'value'; readonly path: JSONPath }
	/** An element of the array at `container`. */
	| { readonly kind: 'element'; readonly container: JSONPath };

export interface CursorContext {
	readonly slot: Slot;
	/** The range an item replaces: the string or word under the cursor (with its quotes), else empty at the cursor. */
	readonly replaceStart: number;
	readonly replaceEnd: number;
	/** The string or word under the cursor, if any. */
	readonly current?: Token;
	/** A comma is missing between the previous value and the cursor: insert one at this offset. */
	readonly commaBeforeAt?: number;
	/** The first significant token after the replaced range (undefined at the end of the text). */
	readonly next?: Token;
}

function isTrivia(kind: SyntaxKind): boolean {
	return kind === SyntaxKind.Trivia || kind === SyntaxKind.LineBreakTrivia;
}

function isComment(kind: SyntaxKind): boolean {
	return kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia;
}

/** Tokens that end a value: after one of them, a new key or element needs a comma first. */
function endsValue(kind: SyntaxKind): boolean {
	return kind === SyntaxKind.StringLiteral || kind === SyntaxKind.NumericLiteral || kind === SyntaxKind.TrueKeyword
		|| kind === SyntaxKind.FalseKeyword || kind === SyntaxKind.NullKeyword || kind === SyntaxKind.CloseBraceToken
		|| kind === SyntaxKind.CloseBracketToken;
}

/** Words the user may be typing: literals, numbers and unknown identifiers (`tr`, `fals`, `vcs`). */
function isWord(kind: SyntaxKind): boolean {
	return kind === SyntaxKind.TrueKeyword || kind === SyntaxKind.FalseKeyword || kind === SyntaxKind.NullKeyword
		|| kind === SyntaxKind.NumericLiteral || kind === SyntaxKind.Unknown;
}

function tokenAt(scanner: ReturnType<typeof createScanner>, kind: SyntaxKind): Token {
	const start = scanner.getTokenOffset();
	const unterminated = kind === SyntaxKind.StringLiteral
		&& (scanner.getTokenLength() < 2 || scanner.getTokenError() !== 0);
	return { kind, start, end: start + scanner.getTokenLength(), unterminated };
}

/** The first token after `offset` that is neither whitespace nor a comment. */
export function nextSignificantToken(text: string, offset: number): Token | undefined {
	const scanner = createScanner(text, false);
	scanner.setPosition(offset);
	for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
		if (!isTrivia(kind) && !isComment(kind)) return tokenAt(scanner, kind);
	}
	return undefined;
}

interface Around {
	current?: Token;
	previous?: Token;
}

/** The token under the cursor and the significant token before it; undefined inside a comment. */
function tokensAround(text: string, offset: number): Around | undefined {
	const scanner = createScanner(text, false);
	let previous: Token | undefined;
	for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
		const token = tokenAt(scanner, kind);
		if (token.start >= offset) break;
		if (isTrivia(kind)) continue;
		if (isComment(kind)) {
			// A line comment runs to the end of the line, so the cursor at its end is still inside it.
			const inside = kind === SyntaxKind.LineCommentTrivia ? offset <= token.end : offset < token.end;
			if (inside) return undefined;
			continue;
		}
		const under = kind === SyntaxKind.StringLiteral
			? offset < token.end || token.unterminated
			: isWord(kind) && offset <= token.end;
		if (under) return { current: token, previous };
		previous = token;
	}
	return { previous };
}

/** Works out the slot and edit ranges for a completion at `offset`; undefined inside a comment. */
export function analyzeCursor(text: string, offset: number): CursorContext | undefined {
	const around = tokensAround(text, offset);
	if (!around) return undefined;
	const { current, previous } = around;
	const replaceStart = current ? current.start : offset;
	// An unterminated string swallows the rest of its line: replace only what was typed before the cursor.
	const replaceEnd = current ? (current.unterminated ? offset : current.end) : offset;
	const location = getLocation(text, offset);
	const path = location.path;
	let slot: Slot;
	let commaBeforeAt: number | undefined;
	if (location.isAtPropertyKey) {
		slot = { kind: 'key', container: path.slice(0, -1) };
		if (previous && endsValue(previous.kind)) commaBeforeAt = previous.end;
	} else if (previous && endsValue(previous.kind) && path.length > 0) {
		// `"a": 1 <cursor>` or `[{…} <cursor>`: the cursor follows a complete value without a comma, so it
		// is really at the next key or element of the enclosing container.
		const last = path[path.length - 1];
		slot = typeof last === 'number' ? { kind: 'element', container: path.slice(0, -1) } : { kind: 'key', container: path.slice(0, -1) };
		commaBeforeAt = previous.end;
	} else if (path.length > 0 && typeof path[path.length - 1] === 'number') {
		slot = { kind: 'element', container: path.slice(0, -1) };
	} else {
		slot = { kind: 'value', path };
	}
	return { slot, replaceStart, replaceEnd, current, commaBeforeAt, next: nextSignificantToken(text, replaceEnd) };
}

/** Whether text inserted at the cursor must end with a comma to stay valid JSON. */
export function needsCommaAfter(context: CursorContext): boolean {
	const next = context.next;
	if (!next) return false;
	return next.kind !== SyntaxKind.CommaToken && next.kind !== SyntaxKind.CloseBraceToken && next.kind !== SyntaxKind.CloseBracketToken;
}

/** Whether the key under the cursor is already followed by `:` (so only the name may be replaced). */
export function keyHasColon(context: CursorContext): boolean {
	return context.next?.kind === SyntaxKind.ColonToken;
}

/** The text the user has typed inside the string under the cursor, from after its opening quote to the cursor. */
export function typedStringPrefix(text: string, context: CursorContext, offset: number): string | undefined {
	const current = context.current;
	if (!current || current.kind !== SyntaxKind.StringLiteral) return undefined;
	return text.slice(current.start + 1, Math.max(current.start + 1, offset));
}

// How text that comes from repositories (labels, errors, descriptions, URLs) is shown in hovers, completion
// details and diagnostics: credentials removed once more (the provider promises redacted text; a leak would be
// permanent, so the service checks again), control characters dropped, length bounded, Markdown neutralised.
import { redactCredentialShapes } from '../../composer/redaction';

/** Longest text from a repository we show in one place (a description or an error message). */
const MAX_SHOWN = 400;

/** Repository-supplied text made safe to show as plain text. */
export function shown(text: string): string {
	const clean = redactCredentialShapes(String(text)).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ');
	return clean.length > MAX_SHOWN ? clean.slice(0, MAX_SHOWN - 1) + '…' : clean;
}

/** Plain text inside Markdown: characters that would format or link are escaped. */
export function markdownText(text: string): string {
	return shown(text).replace(/[\\`*_{}[\]()<>#+!|~]/g, (c) => '\\' + c).replace(/\r?\n/g, ' ');
}

/** A Markdown code span holding `text` (a longer fence when the text has backticks). */
export function codeSpan(text: string): string {
	const value = shown(text).replace(/\r?\n/g, ' ');
	return value.includes('`') ? '`` ' + value + ' ``' : '`' + value + '`';
}

/** A Markdown link to an http(s) URL, or undefined for any other scheme (no `command:`, `file:` or `javascript:`). */
export function markdownLink(title: string, url: string | undefined): string | undefined {
	if (!url || !/^https?:\/\/[^\s]+$/i.test(url)) return undefined;
	const target = shown(url).replace(/[()<>[\]\s]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
	return `[${markdownText(title)}](${target})`;
}

/** `2024-03-01` from an ISO 8601 time; undefined when it does not look like one. */
export function shortDate(iso: string | undefined): string | undefined {
	const m = iso ? /^(\d{4}-\d{2}-\d{2})/.exec(iso) : null;
	return m ? m[1] : undefined;
}

/** `2024-03-01 12:30 UTC` from milliseconds since the epoch (absolute, so the same snapshot always reads the same). */
export function utcTime(ms: number): string {
	const d = new Date(ms);
	return Number.isFinite(d.getTime()) ? d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '';
}

/** A JSON string's content for `value` (quotes and backslashes escaped), to put between existing quotes. */
export function jsonStringContent(value: string): string {
	return JSON.stringify(value).slice(1, -1);
}

// Fetching one JSON file of a composer repository as a value: http(s) through the shared HttpClient
// (cache, secure-http, offline, cancellation), file:// from disk. Turns statuses, garbage and hash
// mismatches into messages in Composer's words, without credentials.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as l10n from '@vscode/l10n';
import { redact } from '../../net/credentials';
import { decodeJson } from '../../composer/jsonDecode';
import type { ResolveContext } from '../types';

export type JsonFetch =
	| { ok: true; data: unknown; stale?: string }
	| { ok: false; notFound: boolean; message: string; code: string };

export interface FetchOptions {
	/** Use the disk cache (revalidated with ETag / Last-Modified). */
	cache?: boolean;
	maxAgeMs?: number;
	/** Expected sha256 of the body (v1 provider files); a mismatch is a security error. */
	sha256?: string;
}

const STATUS_TEXT: Record<number, string> = {
	400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 410: 'Gone', 429: 'Too Many Requests',
	500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export async function fetchJson(ctx: ResolveContext, url: string, options: FetchOptions = {}): Promise<JsonFetch> {
	if (/^file:\/\//i.test(url)) {
		return readLocal(url, options.sha256);
	}
	const request = async (cache: boolean) => ctx.http.request({
		url, cache, maxAgeMs: options.maxAgeMs, signal: ctx.signal, secureHttp: ctx.config.secureHttp, offline: ctx.offline,
		// Auth for this URL's own host; the HTTP layer drops it if a redirect leaves that origin.
		headers: { Accept: 'application/json', ...ctx.credentials.headersFor(url) },
	});
	let res = await request(options.cache ?? false);
	const shown = redact(url);
	if (!res.ok) {
		return { ok: false, notFound: false, code: res.code, message: res.message };
	}
	if (options.sha256 && res.fromCache && sha256(res.body) !== options.sha256) {
		// A cached copy that no longer matches the listing: fetch it fresh once before judging.
		res = await request(false);
		if (!res.ok) {
			return { ok: false, notFound: false, code: res.code, message: res.message };
		}
	}
	if (res.status === 404 || res.status === 410) {
		return { ok: false, notFound: true, code: 'not-found', message: l10n.t('The "{0}" file could not be downloaded (HTTP {1} {2})', shown, String(res.status), STATUS_TEXT[res.status]) };
	}
	if (res.status === 401 || res.status === 403) {
		return {
			ok: false, notFound: false, code: 'auth',
			message: l10n.t('The "{0}" file could not be downloaded (HTTP {1} {2}): add credentials for {3} to auth.json (http-basic or bearer).', shown, String(res.status), STATUS_TEXT[res.status], hostOf(url)),
		};
	}
	if (res.status < 200 || res.status >= 300) {
		return { ok: false, notFound: false, code: 'http-status', message: l10n.t('The "{0}" file could not be downloaded (HTTP {1}{2})', shown, String(res.status), STATUS_TEXT[res.status] ? ' ' + STATUS_TEXT[res.status] : '') };
	}
	if (options.sha256 && sha256(res.body) !== options.sha256) {
		return { ok: false, notFound: false, code: 'signature', message: signatureMessage(shown) };
	}
	const parsed = parseJson(res.body, shown);
	if (!parsed.ok) {
		return parsed;
	}
	return { ok: true, data: parsed.data, stale: res.fromCache === 'stale' ? res.staleReason ?? l10n.t('network unavailable') : undefined };
}

async function readLocal(url: string, expectedSha256: string | undefined): Promise<JsonFetch> {
	let body: Buffer;
	try {
		body = await fs.readFile(fileURLToPath(url));
	} catch (e) {
		const code = (e as NodeJS.ErrnoException).code;
		const missing = code === 'ENOENT' || code === 'ENOTDIR';
		return { ok: false, notFound: missing, code: missing ? 'not-found' : 'io', message: l10n.t('The "{0}" file could not be read ({1})', url, code ?? String(e)) };
	}
	if (expectedSha256 && sha256(body) !== expectedSha256) {
		return { ok: false, notFound: false, code: 'signature', message: signatureMessage(url) };
	}
	return parseJson(body, url);
}

function parseJson(body: Buffer, shown: string): JsonFetch {
	try {
		return { ok: true, data: decodeJson(body) };
	} catch (e) {
		return { ok: false, notFound: false, code: 'invalid-json', message: redact(l10n.t('"{0}" does not contain valid JSON ({1})', shown, (e as Error).message)) };
	}
}

function signatureMessage(shown: string): string {
	return l10n.t('The contents of {0} do not match its signature. This could indicate a man-in-the-middle attack or e.g. antivirus software corrupting files.', shown);
}

export function sha256(body: Buffer): string {
	return crypto.createHash('sha256').update(body).digest('hex');
}

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

// Turning the bytes of a ref's composer.json into data the way Composer's drivers do
// (VcsDriver::getBaseComposerInformation): blank file = no composer.json; `{}`/`[]`/scalars = no
// composer.json (PHP's empty array is falsy); anything unparsable is an error for that ref.
import * as l10n from '@vscode/l10n';
import { VcsDriverError } from './driver';
import { decodeJson } from '../../composer/jsonDecode';

export function parseComposerJson(content: Buffer | string, identifier: string): Record<string, unknown> | null {
	const text = typeof content === 'string' ? content : content.toString('utf8');
	if (text.trim() === '') {
		return null;
	}
	let data: unknown;
	try {
		data = decodeJson(text);
	} catch (e) {
		throw new VcsDriverError('invalid-json', l10n.t('"{0}" does not contain valid JSON: {1}', `${identifier}:composer.json`, (e as Error).message));
	}
	if (data === null || typeof data !== 'object' || Array.isArray(data) || Object.keys(data).length === 0) {
		return null;
	}
	return data as Record<string, unknown>;
}

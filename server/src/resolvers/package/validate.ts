// The checks of Composer's ValidatingArrayLoader that decide whether an inline `package` definition loads
// (the subset that turns into errors; warnings never stop a package). Messages follow Composer's wording.
import { parseConstraints } from '../../semver';
import { RESERVED_NAMES, packageNameProblem, suggestLowerCaseName } from '../../composer/packageNames';
import { tryNormalize } from '../../semver';
import { normalizeError } from './loader';

const LINK_TYPES = ['require', 'conflict', 'provide', 'replace', 'require-dev'];

/** PHP's gettype() names, used in Composer's messages. */
export function phpType(v: unknown): string {
	if (v === null || v === undefined) {
		return 'NULL';
	}
	if (typeof v === 'boolean') {
		return 'boolean';
	}
	if (typeof v === 'number') {
		return Number.isInteger(v) ? 'integer' : 'double';
	}
	if (typeof v === 'string') {
		return 'string';
	}
	return 'array';
}

/** ValidatingArrayLoader::hasPackageNamingError with Composer's own messages (the rule is shared with the editor). */
export function packageNamingError(name: string): string | undefined {
	switch (packageNameProblem(name)) {
		case 'format':
			return `${name} is invalid, it should have a vendor name, a forward slash, and a package name. The vendor and package name can be words separated by -, . or _. The complete name should match "^[a-z0-9]([_.-]?[a-z0-9]+)*/[a-z0-9](([_.]?|-{0,2})[a-z0-9]+)*$".`;
		case 'reserved':
			return `${name} is reserved, package and vendor names can not match any of: ${RESERVED_NAMES.join(', ')}.`;
		case 'json-suffix':
			return `${name} is invalid, package names can not end in .json, consider renaming it or perhaps using a -json suffix instead.`;
		case 'upper-case':
			return `${name} is invalid, it should not contain uppercase characters. We suggest using ${suggestLowerCaseName(name)} instead.`;
		default:
			return undefined;
	}
}

function isSet(v: unknown): boolean {
	return v !== undefined && v !== null;
}

/** Error lines (`name : must be present`, ...) for one definition; empty when it loads. */
export function validateDefinition(config: Record<string, unknown>): string[] {
	const errors: string[] = [];
	const name = config.name;
	if (isSet(name) && typeof name !== 'string') {
		errors.push(`name : should be a string, ${phpType(name)} given`);
	} else if (!isSet(name) || (name as string).trim() === '') {
		errors.push('name : must be present');
	} else {
		const err = packageNamingError(name as string);
		if (err) {
			errors.push(`name : ${err}`);
		}
	}
	const version = config.version;
	if (isSet(version)) {
		if (typeof version === 'object') {
			errors.push(`version : should be a string, ${phpType(version)} given`);
		} else {
			const v = String(version);
			if (tryNormalize(v) === undefined) {
				errors.push(`version : invalid value (${v}): ${normalizeError(v)}`);
			}
		}
	}
	for (const linkType of LINK_TYPES) {
		const links = config[linkType];
		if (!isSet(links)) {
			continue;
		}
		if (typeof links !== 'object' || Array.isArray(links) && links.length > 0) {
			errors.push(`${linkType} : should be an array, ${phpType(links)} given`);
			continue;
		}
		for (const [target, constraint] of Object.entries(links as Record<string, unknown>)) {
			if (typeof name === 'string' && target.toLowerCase() === name.toLowerCase()) {
				errors.push(`${linkType}.${target} : a package cannot set a ${linkType} on itself`);
				continue;
			}
			if (packageNamingError(target) === undefined && !/^[A-Za-z0-9_./-]+$/.test(target)) {
				errors.push(`${linkType}.${target} : invalid key, package names must be strings containing only [A-Za-z0-9_./-]`);
			}
			if (typeof constraint !== 'string') {
				errors.push(`${linkType}.${target} : invalid value, must be a string containing a version constraint`);
			} else if (constraint !== 'self.version') {
				try {
					parseConstraints(constraint);
				} catch (e) {
					errors.push(`${linkType}.${target} : invalid version constraint (${e instanceof Error ? e.message : String(e)})`);
				}
			}
		}
	}
	for (const srcType of ['source', 'dist']) {
		const src = config[srcType];
		if (!isSet(src)) {
			continue;
		}
		if (typeof src !== 'object' || Array.isArray(src) && src.length > 0) {
			errors.push(`${srcType} : should be an array, ${phpType(src)} given`);
			continue;
		}
		const s = src as Record<string, unknown>;
		if (Object.keys(s).length === 0) {
			continue;
		}
		if (!isSet(s.type)) {
			errors.push(`${srcType}.type : must be present`);
		}
		if (!isSet(s.url)) {
			errors.push(`${srcType}.url : must be present`);
		}
		if (srcType === 'source' && !isSet(s.reference)) {
			errors.push(`${srcType}.reference : must be present`);
		}
		if (isSet(s.type) && typeof s.type !== 'string') {
			errors.push(`${srcType}.type : should be a string, ${phpType(s.type)} given`);
		}
		if (isSet(s.url) && typeof s.url !== 'string') {
			errors.push(`${srcType}.url : should be a string, ${phpType(s.url)} given`);
		}
		if (isSet(s.reference) && typeof s.reference !== 'string' && !Number.isInteger(s.reference)) {
			errors.push(`${srcType}.reference : should be a string or int, ${phpType(s.reference)} given`);
		}
		if (isSet(s.reference) && /^\s*-/.test(String(s.reference))) {
			errors.push(`${srcType}.reference : must not start with a "-", "${String(s.reference)}" given`);
		}
		if (isSet(s.url) && /^\s*-/.test(String(s.url))) {
			errors.push(`${srcType}.url : must not start with a "-", "${String(s.url)}" given`);
		}
	}
	const extra = config.extra;
	if (extra && typeof extra === 'object' && isSet((extra as Record<string, unknown>)['branch-alias'])) {
		if (typeof (extra as Record<string, unknown>)['branch-alias'] !== 'object') {
			errors.push('extra.branch-alias : must be an array of versions => aliases');
		}
	}
	return errors;
}

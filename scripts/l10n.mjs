#!/usr/bin/env node
// Regenerates l10n/bundle.l10n.json (the English bundle) from the `l10n.t(...)` / `vscode.l10n.t(...)` calls in
// client/src and server/src, with @vscode/l10n-dev's own extractor (the same one `l10n-dev export` runs), and
// reports what the Korean bundle lacks, so a new message is never silently shown in English to Korean users.
//   node scripts/l10n.mjs          write l10n/bundle.l10n.json, report missing/stale Korean entries (exit 0)
//   node scripts/l10n.mjs --check  write nothing; exit 1 when the English bundle is out of date, a Korean
//                                  entry is missing or has other placeholders, or a call is not extractable
//   node scripts/l10n.mjs --prune  also drop Korean entries that no source uses any more
// The functions are exported for test/l10n/, which runs the same checks.
import { getL10nJson } from '@vscode/l10n-dev';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SOURCE_DIRS = ['client/src', 'server/src'];
export const ENGLISH_BUNDLE = 'l10n/bundle.l10n.json';
export const KOREAN_BUNDLE = 'l10n/bundle.l10n.ko.json';

/** Every .ts source file under the source folders, relative to the root, in a stable order. */
export function sourceFiles(root = ROOT) {
	const out = [];
	const walk = (dir) => {
		for (const name of readdirSync(dir).sort()) {
			const p = join(dir, name);
			if (statSync(p).isDirectory()) {
				if (name !== 'node_modules') walk(p);
			} else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) {
				out.push(relative(root, p));
			}
		}
	};
	for (const dir of SOURCE_DIRS) {
		if (existsSync(join(root, dir))) walk(join(root, dir));
	}
	return out;
}

/**
 * The English bundle: key → message (or `{message, comment}` for calls that carry a translator comment).
 * One file at a time so that an extraction error (e.g. a template literal with `${}`) names its file.
 */
export async function extractBundle(root = ROOT) {
	const bundle = {};
	for (const file of sourceFiles(root)) {
		let part;
		try {
			part = await getL10nJson([{ contents: readFileSync(join(root, file), 'utf8'), extension: extname(file) }]);
		} catch (error) {
			throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
		}
		Object.assign(bundle, part);
	}
	const sorted = {};
	for (const key of Object.keys(bundle).sort()) sorted[key] = bundle[key];
	return sorted;
}

/** The message text of a bundle entry (entries with a translator comment are objects). */
export function messageOf(entry) {
	return typeof entry === 'string' ? entry : entry && typeof entry.message === 'string' ? entry.message : undefined;
}

/** `{0}`, `{1}`, `{name}` placeholders of a message, sorted, with repeats (a dropped repeat is a bug too). */
export function placeholders(message) {
	return [...message.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[0]).sort();
}

/**
 * A second, fast reading of the same calls with the TypeScript parser (no type checking): the keys it finds
 * (which must equal l10n-dev's; the script checks that) and the calls whose first argument no extractor can
 * read — anything but a plain string, a template without substitutions, or an object literal with a literal
 * `message`. l10n-dev skips those without a word, so their text would stay English in every language.
 */
export function scanSources(root = ROOT) {
	const require = createRequire(import.meta.url);
	const ts = require('typescript');
	const isLiteral = (node) => ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
	const isT = (node, source) => /(^|\.)l10n\.t$/.test(node.getText(source));
	const keys = new Set();
	const problems = [];
	for (const file of sourceFiles(root)) {
		const text = readFileSync(join(root, file), 'utf8');
		if (!text.includes('l10n')) continue;
		const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
		const report = (node) => {
			const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
			problems.push(`${file}:${line + 1}:${character + 1}: ${node.getText(source).split('\n')[0].slice(0, 120)}`);
		};
		const visit = (node) => {
			if (ts.isTaggedTemplateExpression(node) && isT(node.tag, source)) {
				// l10n.t`a ${x} b` is extracted as "a {0} b".
				const tpl = node.template;
				keys.add(ts.isNoSubstitutionTemplateLiteral(tpl) ? tpl.text : tpl.head.text + tpl.templateSpans.map((s, i) => `{${i}}${s.literal.text}`).join(''));
			} else if (ts.isCallExpression(node) && isT(node.expression, source)) {
				const first = node.arguments[0];
				if (first && isLiteral(first)) {
					keys.add(first.text);
				} else if (first && ts.isObjectLiteralExpression(first)) {
					const prop = (name) => first.properties.find((p) => ts.isPropertyAssignment(p) && p.name.getText(source) === name);
					const message = prop('message');
					const comment = prop('comment');
					const comments = !comment ? [] : isLiteral(comment.initializer) ? [comment.initializer.text]
						: ts.isArrayLiteralExpression(comment.initializer) && comment.initializer.elements.every(isLiteral)
							? comment.initializer.elements.map((e) => e.text)
							: undefined;
					if (message && isLiteral(message.initializer) && comments) {
						keys.add(comments.length ? `${message.initializer.text}/${comments.join('')}` : message.initializer.text);
					} else {
						report(node);
					}
				} else {
					report(node);
				}
			}
			ts.forEachChild(node, visit);
		};
		visit(source);
	}
	return { keys: [...keys].sort(), problems };
}

/** What the Korean bundle lacks or gets wrong, compared with the English one. */
export function compareBundles(english, korean) {
	const missing = [];
	const placeholderMismatch = [];
	for (const [key, entry] of Object.entries(english)) {
		const translated = messageOf(korean[key]);
		if (typeof translated !== 'string' || translated.length === 0) {
			missing.push(key);
			continue;
		}
		const want = placeholders(messageOf(entry) ?? key).join(' ');
		const got = placeholders(translated).join(' ');
		if (want !== got) placeholderMismatch.push(`${JSON.stringify(key)}: English has [${want}], Korean has [${got}]`);
	}
	const stale = Object.keys(korean).filter((key) => !(key in english));
	return { missing, placeholderMismatch, stale };
}

export function readJson(path) {
	return JSON.parse(readFileSync(path, 'utf8'));
}

export function formatBundle(bundle) {
	return JSON.stringify(bundle, null, '\t') + '\n';
}

async function main(args) {
	const check = args.includes('--check');
	const english = await extractBundle();
	const englishPath = join(ROOT, ENGLISH_BUNDLE);
	const englishText = formatBundle(english);
	let failed = false;
	const current = existsSync(englishPath) ? readFileSync(englishPath, 'utf8') : '';
	if (current !== englishText) {
		if (check) {
			console.error(`l10n: ${ENGLISH_BUNDLE} is out of date; run node scripts/l10n.mjs`);
			failed = true;
		} else {
			writeFileSync(englishPath, englishText);
		}
	}
	console.log(`l10n: ${Object.keys(english).length} messages in ${sourceFiles().length} files${!check && current !== englishText ? ` (wrote ${ENGLISH_BUNDLE})` : ''}`);

	const scan = scanSources();
	const nonLiteral = scan.problems;
	const englishKeys = Object.keys(english);
	const onlyTs = scan.keys.filter((k) => !(k in english));
	const onlyL10nDev = englishKeys.filter((k) => !scan.keys.includes(k));
	if (onlyTs.length || onlyL10nDev.length) {
		// The test reads the sources with scanSources (l10n-dev takes too long for a unit test): say when they disagree.
		console.error(`l10n: the TypeScript scan and l10n-dev disagree; only the scan: ${JSON.stringify(onlyTs)}; only l10n-dev: ${JSON.stringify(onlyL10nDev)}`);
		failed = true;
	}
	if (nonLiteral.length) {
		console.error(`l10n: ${nonLiteral.length} l10n.t call(s) with a first argument the extractor cannot see:\n  ${nonLiteral.join('\n  ')}`);
		failed = true;
	}

	const korean = existsSync(join(ROOT, KOREAN_BUNDLE)) ? readJson(join(ROOT, KOREAN_BUNDLE)) : {};
	const { missing, placeholderMismatch, stale } = compareBundles(english, korean);
	if (missing.length) {
		console.error(`l10n: ${missing.length} message(s) lack a Korean translation in ${KOREAN_BUNDLE}:\n  ${missing.map((k) => JSON.stringify(k)).join('\n  ')}`);
		failed = true;
	}
	if (placeholderMismatch.length) {
		console.error(`l10n: ${placeholderMismatch.length} Korean message(s) with other placeholders than the English:\n  ${placeholderMismatch.join('\n  ')}`);
		failed = true;
	}
	if (stale.length && args.includes('--prune') && !check) {
		for (const key of stale) delete korean[key];
		writeFileSync(join(ROOT, KOREAN_BUNDLE), formatBundle(korean));
		console.log(`l10n: removed ${stale.length} unused Korean entr(y/ies):\n  ${stale.map((k) => JSON.stringify(k)).join('\n  ')}`);
	} else if (stale.length) {
		// Not an error: a message may have been reworded on purpose; the old translation is just dead weight.
		console.warn(`l10n: ${stale.length} Korean entr(y/ies) no longer used by the sources:\n  ${stale.map((k) => JSON.stringify(k)).join('\n  ')}`);
	}
	if (!failed) console.log(`l10n: ${KOREAN_BUNDLE} translates all ${Object.keys(english).length} messages`);
	return check && failed ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	main(process.argv.slice(2)).then((code) => process.exit(code), (error) => {
		console.error(`l10n: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(2);
	});
}

// Looks for a password in everything a resolver left under its cache folder: file contents (plain, and base64
// of the password and of `user:password` as an HTTP Basic header would carry them) and file names.
import * as fs from 'node:fs';
import * as path from 'node:path';

export function filesUnder(dir: string): string[] {
	const out: string[] = [];
	const walk = (d: string) => {
		for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, entry.name);
			if (entry.isDirectory()) {
				walk(p);
			} else if (entry.isFile()) {
				out.push(p);
			}
		}
	};
	walk(dir);
	return out;
}

/** Every place under `dir` where the secret shows, as `file: form` lines (empty when none). */
export function secretsUnder(dir: string, user: string, password: string): string[] {
	const forms = [password, Buffer.from(password).toString('base64'), Buffer.from(`${user}:${password}`).toString('base64')];
	const found: string[] = [];
	const files = filesUnder(dir);
	if (files.length === 0) {
		throw new Error(`nothing cached under ${dir}: the search would prove nothing`);
	}
	for (const file of files) {
		const content = fs.readFileSync(file);
		for (const form of forms) {
			if (content.includes(form) || path.relative(dir, file).includes(form)) {
				found.push(`${path.relative(dir, file)}: ${form}`);
			}
		}
	}
	return found;
}

// The `require` / `require-dev` entries "Use a fork…" can be run on, read from the document's text when the
// command comes from the palette rather than from a code action. Pure (jsonc-parser only): tested without VS Code.
import { parseTree, type Node } from 'jsonc-parser';

export interface Requirement {
	packageName: string;
	section: 'require' | 'require-dev';
	constraint?: string;
}

/** vendor/name: platform packages (php, ext-*) have no repository to fork. */
const PACKAGE = /^[^/\s]+\/[^/\s]+$/;

function entries(section: Node | undefined): Node[] {
	return section?.type === 'object' ? section.children ?? [] : [];
}

export function listRequirements(text: string): Requirement[] {
	const root = parseTree(text, [], { allowTrailingComma: true });
	const out: Requirement[] = [];
	for (const property of root?.type === 'object' ? root.children ?? [] : []) {
		const section = property.children?.[0]?.value;
		if (section !== 'require' && section !== 'require-dev') continue;
		for (const entry of entries(property.children?.[1])) {
			const name = entry.children?.[0]?.value;
			const value = entry.children?.[1];
			if (typeof name !== 'string' || !PACKAGE.test(name)) continue;
			out.push({ packageName: name, section, ...(value?.type === 'string' ? { constraint: value.value as string } : {}) });
		}
	}
	return out;
}

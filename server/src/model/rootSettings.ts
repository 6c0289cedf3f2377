// Root-package settings that decide which offered versions a requirement may use, read from the same model
// every feature shares: `minimum-stability`, `prefer-stable` and `extra.branch-alias`
// (src/Composer/Package/Loader/RootPackageLoader.php reads the first two; ArrayLoader::getBranchAlias the third).
import { normalizeStability, type Stability } from '../semver';
import { type ComposerDocument, type Node, type PropertyInfo, getProperty, toObjectInfo } from './composerDocument';

export interface StabilitySettings {
	/** `minimum-stability` (Composer default `stable`; an unknown word, which Composer's schema refuses, counts as the default). */
	readonly minimumStability: Stability;
	/** `prefer-stable` (default false). */
	readonly preferStable: boolean;
	/** The `minimum-stability` value node, when present. */
	readonly minimumStabilityNode?: Node;
}

export function stabilitySettings(doc: ComposerDocument): StabilitySettings {
	const minimumNode = getProperty(doc.rootObject, 'minimum-stability')?.valueNode;
	let minimumStability: Stability = 'stable';
	if (minimumNode?.type === 'string') {
		try {
			minimumStability = normalizeStability(minimumNode.value as string);
		} catch {
			// Composer's schema rejects the file first; the default is the least surprising reading meanwhile.
		}
	}
	const prefer = getProperty(doc.rootObject, 'prefer-stable')?.valueNode;
	return {
		minimumStability,
		preferStable: prefer?.type === 'boolean' && prefer.value === true,
		...(minimumNode ? { minimumStabilityNode: minimumNode } : {}),
	};
}

/** One `"dev-main": "2.x-dev"` line of `extra.branch-alias`. */
export interface BranchAliasEntry {
	readonly branch: string;
	readonly keyNode: Node;
	readonly valueNode: Node | undefined;
	/** The alias when the value is a string. */
	readonly alias?: string;
}

export interface BranchAliasBlock {
	readonly property: PropertyInfo;
	readonly entries: readonly BranchAliasEntry[];
}

/** `extra.branch-alias`, when it is an object. */
export function branchAliasBlock(doc: ComposerDocument): BranchAliasBlock | undefined {
	const extra = toObjectInfo(getProperty(doc.rootObject, 'extra')?.valueNode);
	const property = getProperty(extra, 'branch-alias');
	const object = toObjectInfo(property?.valueNode);
	if (!property || !object) return undefined;
	const entries = object.properties.map((p): BranchAliasEntry => ({
		branch: p.key, keyNode: p.keyNode, valueNode: p.valueNode,
		...(p.valueNode?.type === 'string' ? { alias: p.valueNode.value as string } : {}),
	}));
	return { property, entries };
}

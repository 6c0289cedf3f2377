// An ESLint rule that keeps the layers of docs/architecture.md apart: each folder may import only the folders and
// packages its layer allows. Relative imports are resolved against the importing file, so `../net/http` counts as
// server/src/net wherever it is written from. The table of layers lives in eslint.config.mjs.
import { isBuiltin } from 'node:module';
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * @typedef {object} Layer
 * @property {string} dir folder relative to the repository root, e.g. `server/src/service`
 * @property {string[]} [mayImport] folders of ours it may import besides its own; absent: any but `mustNotImport`
 * @property {string[]} [mustNotImport] folders of ours it may not import
 * @property {string[]} [packages] packages it may import; absent: any but `bannedPackages`
 * @property {string[]} [bannedPackages] packages it may not import; `node:*` stands for every Node built-in
 */

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`, `fs` and `node:fs` → `node:fs`. */
function packageName(specifier) {
	if (specifier.startsWith('node:') || isBuiltin(specifier)) return `node:${specifier.replace(/^node:/, '').split('/')[0]}`;
	const parts = specifier.split('/');
	return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function inside(path, dir) {
	return path === dir || path.startsWith(`${dir}/`);
}

function packageListed(name, list) {
	return list.some((entry) => entry === name || (entry === 'node:*' && name.startsWith('node:')));
}

/** @param {Layer[]} layers @param {string} root */
function findLayer(layers, root, absolutePath) {
	const path = relative(root, absolutePath).split(sep).join('/');
	// The longest folder wins, so a layer can sit inside another one.
	let found;
	for (const layer of layers) {
		if (inside(path, layer.dir) && (!found || layer.dir.length > found.dir.length)) found = layer;
	}
	return { path, layer: found };
}

/** @type {import('eslint').Rule.RuleModule} */
export const layerImports = {
	meta: {
		type: 'problem',
		docs: { description: 'Each folder imports only what its layer allows (docs/architecture.md)' },
		schema: [{
			type: 'object',
			properties: { root: { type: 'string' }, layers: { type: 'array' } },
			required: ['root', 'layers'],
			additionalProperties: false,
		}],
		messages: {
			folder: '{{from}}/ may not import {{target}} ({{why}}; see docs/architecture.md)',
			package: "{{from}}/ may not import the package '{{name}}' ({{why}}; see docs/architecture.md)",
		},
	},
	create(context) {
		const { root, layers } = context.options[0];
		const self = findLayer(layers, root, context.filename).layer;
		if (!self) return {};

		function check(node, specifier) {
			if (typeof specifier !== 'string') return;
			if (specifier.startsWith('.')) {
				const target = findLayer(layers, root, resolve(dirname(context.filename), specifier));
				const targetDir = target.layer?.dir ?? target.path;
				if (target.layer === self) return;
				const denied = self.mayImport
					? !self.mayImport.some((dir) => inside(target.path, dir))
					: (self.mustNotImport ?? []).some((dir) => inside(target.path, dir));
				if (!denied) return;
				const why = self.mayImport ? `it may import only ${self.mayImport.map((d) => `${d}/`).join(', ') || 'itself'}` : 'a lower layer';
				context.report({ node, messageId: 'folder', data: { from: self.dir, target: `${targetDir}/`, why } });
				return;
			}
			const name = packageName(specifier);
			const denied = self.packages ? !packageListed(name, self.packages) : packageListed(name, self.bannedPackages ?? []);
			if (!denied) return;
			const why = self.packages ? `allowed: ${self.packages.join(', ') || 'none'}` : 'banned in this layer';
			context.report({ node, messageId: 'package', data: { from: self.dir, name, why } });
		}

		const fromSource = (node) => { if (node.source) check(node.source, node.source.value); };
		return {
			ImportDeclaration: fromSource,
			ExportNamedDeclaration: fromSource,
			ExportAllDeclaration: fromSource,
			ImportExpression: (node) => check(node.source, node.source.value),
			// `import x = require('y')` and type positions such as `import('y').T`
			TSExternalModuleReference: (node) => check(node.expression, node.expression.value),
			TSImportType: (node) => check(node.argument, node.argument.literal?.value ?? node.argument.value),
			CallExpression(node) {
				if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
					check(node.arguments[0], node.arguments[0].value);
				}
			},
		};
	},
};

export default { rules: { 'layer-imports': layerImports } };

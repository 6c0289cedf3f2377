// The platform packages of the local PHP, as Composer's PlatformRepository names them: `php` (its version with
// any `-suffix` cut), `php-64bit`, `php-ipv6`, `php-zts`, `php-debug`, and `ext-<name>` for every loaded
// extension but Core and standard, with phpversion() or `0`. PHP is asked once, with `php -r` (no shell, no
// file of the workspace read), and only in a trusted workspace.
import type { ProcessRunner } from '../net/types';
import type { PlatformPackage } from '../service/liveData';

/** Prints what PlatformRepository::initialize reads, as JSON. */
const PROBE = [
	'echo json_encode([',
	'"php" => PHP_VERSION,',
	'"bits" => PHP_INT_SIZE * 8,',
	'"ipv6" => defined("AF_INET6") || @inet_pton("::") !== false,',
	'"zts" => defined("PHP_ZTS") && PHP_ZTS,',
	'"debug" => defined("PHP_DEBUG") && PHP_DEBUG,',
	'"ext" => array_map(function ($e) { $v = phpversion($e); return [$e, $v === false ? "0" : $v]; }, get_loaded_extensions()),',
	']);',
].join(' ');

interface ProbeOutput {
	php?: unknown;
	bits?: unknown;
	ipv6?: unknown;
	zts?: unknown;
	debug?: unknown;
	ext?: unknown;
}

/** PlatformRepository::buildPackageName: `ext-` + the lower-cased name with spaces as dashes. */
function extensionName(name: string): string {
	return `ext-${name.toLowerCase().replace(/ /g, '-')}`;
}

export function platformFromProbe(output: string): PlatformPackage[] {
	let data: ProbeOutput;
	try {
		data = JSON.parse(output) as ProbeOutput;
	} catch {
		return [];
	}
	if (typeof data !== 'object' || data === null || typeof data.php !== 'string') {
		return [];
	}
	// PlatformRepository: the version is PHP_VERSION with anything from the first `~`, `+` or `-` cut.
	const version = data.php.replace(/^([^~+-]+).*$/, '$1');
	const out: PlatformPackage[] = [{ name: 'php', version, description: 'The PHP interpreter' }];
	if (data.bits === 64) {
		out.push({ name: 'php-64bit', version, description: 'The PHP interpreter, 64bit' });
	}
	if (data.ipv6 === true) {
		out.push({ name: 'php-ipv6', version, description: 'The PHP interpreter, with IPv6 support' });
	}
	if (data.zts === true) {
		out.push({ name: 'php-zts', version, description: 'The PHP interpreter, with Zend Thread Safety' });
	}
	if (data.debug === true) {
		out.push({ name: 'php-debug', version, description: 'The PHP interpreter, with debugging symbols' });
	}
	for (const entry of Array.isArray(data.ext) ? data.ext : []) {
		if (!Array.isArray(entry) || typeof entry[0] !== 'string' || entry[0] === 'Core' || entry[0] === 'standard') {
			continue;
		}
		const raw = typeof entry[1] === 'string' ? entry[1] : '0';
		// A version Composer cannot parse keeps its leading x.y.z (or becomes 0), as addExtension does.
		const parsed = /^\d+(?:\.\d+){0,3}(?:[-+]?[a-zA-Z0-9.]*)?$/.test(raw) ? raw : (/^(\d+\.\d+\.\d+(?:\.\d+)?)/.exec(raw)?.[1] ?? '0');
		out.push({ name: extensionName(entry[0]), version: parsed, description: `The ${entry[0]} PHP extension` });
	}
	return out;
}

/** Runs the probe; an absent or broken PHP gives an empty list (the service then offers nothing for platform packages). */
export async function probePlatform(processes: ProcessRunner, signal: AbortSignal, cwd: string): Promise<PlatformPackage[]> {
	const r = await processes.run({ command: 'php', args: ['-r', PROBE], cwd, signal, timeoutMs: 10_000, maxBuffer: 1024 * 1024 });
	if (!r.ok || r.exitCode !== 0) {
		return [];
	}
	return platformFromProbe(r.stdout.toString('utf8'));
}

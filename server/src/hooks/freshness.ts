// The symptom users see: a tag Packagist lacks, or a default-branch reference Packagist has not caught up with.
// Packagist's p2 metadata (tags, and `~dev` for branches) against the repository's refs, with a grace period:
// a finding counts as a problem only when the ref has been there longer than the grace period, judged by the
// host's last-push time (an upper bound on when any ref arrived) or by our own first sighting of it.
// Tags are compared by normalized version, never by reference: Packagist freezes stable versions, so a moved tag
// is expected; only valid tags newer than Packagist's newest count (older gaps may be versions Packagist refused).
import * as l10n from '@vscode/l10n';
import type { HookSignal } from '../../../protocol/hooks';
import { greaterThan, tryNormalize } from '../semver';
import { shortDate, type HookContext } from './context';
import type { Lookup, P2Version } from './packagist';
import { readRemote, type RemoteState } from './remoteRefs';
import type { RepoLocation } from './repository';

const SHOWN_TAGS = 5;

function short(sha: string): string {
	return sha.slice(0, 7);
}

/** Tags as Composer would publish them: valid, non-dev versions. */
function versionOfTag(name: string): string | undefined {
	const n = tryNormalize(name);
	return n !== undefined && !n.includes('dev') ? n : undefined;
}

interface Finding {
	key: string;
	text: string;
}

export interface FreshnessInput {
	name: string;
	repo: RepoLocation | null;
	tags: Lookup<P2Version[]>;
	dev: Lookup<P2Version[]>;
}

export async function freshnessSignal(ctx: HookContext, input: FreshnessInput): Promise<HookSignal> {
	const signal = (status: HookSignal['status'], detail: string, source?: string): HookSignal => ({ kind: 'freshness', status, detail, ...(source ? { source } : {}) });
	if ('error' in input.tags || 'error' in input.dev) {
		const error = 'error' in input.tags ? input.tags.error : (input.dev as { error: string }).error;
		return signal('unknown', l10n.t('Packagist\'s metadata could not be read: {0}', error), 'p2');
	}
	if (!input.tags.found && !input.dev.found) {
		return signal('problem', l10n.t('Packagist has no metadata for {0}: the package is not on Packagist, or has no version Packagist could read.', input.name), 'p2');
	}
	if (!input.repo) {
		return signal('unknown', l10n.t('No repository is known for {0}, so its tags cannot be compared with Packagist.', input.name));
	}
	const remote = await readRemote(ctx, input.repo);
	if ('error' in remote) {
		return signal('unknown', l10n.t('The repository could not be read: {0}', remote.error));
	}
	const source = `${remote.source} + p2`;
	const packagistTags = input.tags.found ? input.tags.value : [];
	const devVersions = input.dev.found ? input.dev.value : [];
	const known = new Set(packagistTags.map((v) => v.normalized));
	let newest: P2Version | undefined;
	for (const v of packagistTags) {
		if (!v.normalized.includes('dev') && (newest === undefined || greaterThan(v.normalized, newest.normalized))) {
			newest = v;
		}
	}

	const missing = remote.tags
		.map((t) => ({ tag: t, version: versionOfTag(t.name) }))
		.filter((t): t is { tag: typeof t.tag; version: string } =>
			t.version !== undefined && !known.has(t.version) && (newest === undefined || greaterThan(t.version, newest.normalized)))
		.sort((a, b) => (greaterThan(a.version, b.version) ? -1 : greaterThan(b.version, a.version) ? 1 : 0));

	const findings: Finding[] = [];
	if (missing.length > 0) {
		const names = missing.slice(0, SHOWN_TAGS).map((m) => m.tag.name).join(', ');
		const more = missing.length > SHOWN_TAGS ? ` ${l10n.t('(and {0} more)', String(missing.length - SHOWN_TAGS))}` : '';
		findings.push({
			key: `tags:${missing.map((m) => m.tag.name).join(',')}`,
			text: newest
				? l10n.t('Tags not on Packagist: {0}{1}; the newest version there is {2}.', names, more, newest.version)
				: l10n.t('Tags not on Packagist: {0}{1}; Packagist has no tagged version.', names, more),
		});
	}
	const devDefault = devVersions.find((v) => v.defaultBranch);
	if (remote.head && devDefault?.reference && devDefault.reference !== remote.head) {
		findings.push({
			key: `head:${remote.head}`,
			text: l10n.t('{0} on Packagist is at {1}, the repository\'s {2} at {3}.', devDefault.version, short(devDefault.reference), remote.defaultBranch ?? 'HEAD', short(remote.head)),
		});
	}

	ctx.state.keepOnly(input.name, new Set(findings.map((f) => f.key)));
	const note = remote.note ? ` ${l10n.t('(Read with {0}: {1}.)', remote.source, remote.note)}` : '';
	if (findings.length === 0) {
		const parts: string[] = [];
		parts.push(newest ? l10n.t('Packagist has every tag up to {0}.', newest.version) : l10n.t('The repository has no tag newer than Packagist\'s.'));
		if (devDefault?.reference && remote.head) {
			parts.push(l10n.t('{0} is at the repository\'s head ({1}).', devDefault.version, short(remote.head)));
		}
		return signal('ok', parts.join(' ') + note, source);
	}

	const now = ctx.now();
	const pushedLongAgo = remote.lastPush !== undefined && now - remote.lastPush > ctx.graceMs;
	const settled = findings.filter((f) => pushedLongAgo || now - ctx.state.firstSeen(input.name, f.key, now) > ctx.graceMs);
	const text = findings.map((f) => f.text).join(' ');
	if (settled.length > 0) {
		const since = remote.lastPush !== undefined ? ` ${l10n.t('Last push to the repository: {0}.', shortDate(remote.lastPush))}` : '';
		return signal('problem', text + since + note, source);
	}
	const minutes = String(Math.round(ctx.graceMs / 60_000));
	return signal('warning', `${text} ${l10n.t('This is recent (less than {0} minutes, or first seen now), so Packagist may still be on its way; check again later.', minutes)}${note}`, source);
}

export type { RemoteState };

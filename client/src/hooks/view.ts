// The "Packagist Auto-Update" view in the Explorer: one node per checked package (verdict icon, advice as
// tooltip), its three signals as children, and the advice with its link. Package nodes carry the context value
// the per-package actions (open on Packagist, open hook settings, trigger update) are contributed for.
import * as vscode from 'vscode';
import type { HookReport, HookSignal, HookStatus } from '../../../protocol/hooks';
import { HAS_RESULTS_CONTEXT } from './ids';

export type HookNode =
	| { kind: 'package'; report: HookReport }
	| { kind: 'signal'; report: HookReport; signal: HookSignal }
	| { kind: 'advice'; report: HookReport };

export function statusLabel(status: HookStatus): string {
	switch (status) {
		case 'ok':
			return vscode.l10n.t('ok');
		case 'warning':
			return vscode.l10n.t('warning');
		case 'problem':
			return vscode.l10n.t('problem');
		default:
			return vscode.l10n.t('unknown');
	}
}

function kindLabel(kind: HookSignal['kind']): string {
	switch (kind) {
		case 'hook':
			return vscode.l10n.t('Hook');
		case 'freshness':
			return vscode.l10n.t('Freshness');
		default:
			return vscode.l10n.t('Package page marker');
	}
}

function icon(status: HookStatus): vscode.ThemeIcon {
	switch (status) {
		case 'ok':
			return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
		case 'warning':
			return new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
		case 'problem':
			return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
		default:
			return new vscode.ThemeIcon('question');
	}
}

export class HookTreeProvider implements vscode.TreeDataProvider<HookNode> {
	private readonly changed = new vscode.EventEmitter<HookNode | undefined>();
	readonly onDidChangeTreeData = this.changed.event;
	private reports: HookReport[] = [];
	/** What produced the list, so "Refresh" can run it again. */
	source: { kind: 'status'; package?: string; uri?: string } | { kind: 'warnings'; vendor?: string; user?: string } | undefined;

	get current(): readonly HookReport[] {
		return this.reports;
	}

	/** Replaces the list (a vendor's listing) or puts one package's new report first. */
	show(reports: HookReport[], mode: 'replace' | 'merge'): void {
		if (mode === 'replace') {
			this.reports = reports;
		} else {
			const names = new Set(reports.map((r) => r.package));
			this.reports = [...reports, ...this.reports.filter((r) => !names.has(r.package))];
		}
		void vscode.commands.executeCommand('setContext', HAS_RESULTS_CONTEXT, this.reports.length > 0);
		this.changed.fire(undefined);
	}

	getTreeItem(node: HookNode): vscode.TreeItem {
		if (node.kind === 'package') {
			const r = node.report;
			const item = new vscode.TreeItem(r.package, r.skipped ? vscode.TreeItemCollapsibleState.None : vscode.TreeItemCollapsibleState.Collapsed);
			item.description = r.skipped
				? vscode.l10n.t('abandoned, not checked')
				: r.abandoned !== undefined ? `${statusLabel(r.verdict)} · ${vscode.l10n.t('abandoned')}` : statusLabel(r.verdict);
			item.tooltip = new vscode.MarkdownString(`**${r.package}** — ${statusLabel(r.verdict)}\n\n${r.advice}`);
			item.iconPath = r.skipped ? new vscode.ThemeIcon('archive') : icon(r.verdict);
			item.contextValue = r.hookSettingsUrl ? 'hookPackage.withSettings' : 'hookPackage';
			item.id = `package:${r.package}`;
			return item;
		}
		if (node.kind === 'signal') {
			const item = new vscode.TreeItem(kindLabel(node.signal.kind), vscode.TreeItemCollapsibleState.None);
			item.description = `${statusLabel(node.signal.status)} — ${node.signal.detail}`;
			item.tooltip = new vscode.MarkdownString(`**${kindLabel(node.signal.kind)}: ${statusLabel(node.signal.status)}**\n\n${node.signal.detail}${node.signal.source ? `\n\n_${node.signal.source}_` : ''}`);
			item.iconPath = icon(node.signal.status);
			item.id = `signal:${node.report.package}:${node.signal.kind}`;
			return item;
		}
		const item = new vscode.TreeItem(node.report.advice, vscode.TreeItemCollapsibleState.None);
		item.iconPath = new vscode.ThemeIcon('lightbulb');
		item.id = `advice:${node.report.package}`;
		if (node.report.link) {
			item.tooltip = node.report.link;
			item.command = { title: vscode.l10n.t('Open'), command: 'vscode.open', arguments: [vscode.Uri.parse(node.report.link)] };
		}
		return item;
	}

	getChildren(node?: HookNode): HookNode[] {
		if (!node) {
			return this.reports.map((report) => ({ kind: 'package', report }));
		}
		if (node.kind === 'package') {
			return [...node.report.signals.map((signal): HookNode => ({ kind: 'signal', report: node.report, signal })), { kind: 'advice', report: node.report }];
		}
		return [];
	}

	getParent(node: HookNode): HookNode | undefined {
		return node.kind === 'package' ? undefined : { kind: 'package', report: node.report };
	}
}

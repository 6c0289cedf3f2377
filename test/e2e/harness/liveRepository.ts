// The composer repository the real editor resolves live: inline packages on 127.0.0.1 (inside the session's
// network namespace), started by the runner before code-server. acme/widgets offers 1.0.0 and 1.2.0 (version
// completion, hover); acme/gadgets offers 1.0.0 only, so the workspace's "^5.0" is a live diagnostic. Under
// /packagist it also stands in for packagist.org (COMPOSER_REPOS_PACKAGIST_URL): its protocol, no package.
import { json, startLoopbackServer, type LoopbackServer } from '../../helpers/loopbackServer';

export const WIDGETS_DESCRIPTION = 'Widgets for the ACME catalogue';

const dist = (name: string, version: string) => ({ type: 'zip', url: `http://127.0.0.1:9/dist/${name}/${version}.zip` });

export async function startLiveRepository(): Promise<LoopbackServer> {
	const widget = (version: string) => ({ name: 'acme/widgets', version, description: WIDGETS_DESCRIPTION, dist: dist('acme/widgets', version) });
	return startLoopbackServer({
		conditional: true,
		routes: {
			'/packages.json': json({
				packages: {
					'acme/widgets': { '1.0.0': widget('1.0.0'), '1.2.0': widget('1.2.0') },
					'acme/gadgets': { '1.0.0': { name: 'acme/gadgets', version: '1.0.0', dist: dist('acme/gadgets', '1.0.0') } },
				},
			}),
			// Every p2 file is a 404: packagist.org answers "not here" for the workspace's names.
			'/packagist/packages.json': json({ packages: [], 'metadata-url': '/packagist/p2/%package%.json' }),
		},
	});
}

// Entry point of the VCS resolver family. Built-in drivers register here; the svn/hg/fossil/perforce
// drivers add one `registerVcsDriver(...)` line each (order does not matter: driverRegistry.ts applies
// Composer's detection order).
import { bitbucketDriverFactory } from './bitbucketDriver';
import { registerVcsDriver } from './driverRegistry';
import { gitDriverFactory } from './gitDriver';
import { githubDriverFactory } from './githubDriver';
import { gitlabDriverFactory } from './gitlabDriver';
import { fossilDriverFactory } from './fossilDriver';
import { hgDriverFactory } from './hgDriver';
import { perforceDriverFactory } from './perforceDriver';
import { svnDriverFactory } from './svnDriver';

registerVcsDriver(githubDriverFactory);
registerVcsDriver(gitlabDriverFactory);
registerVcsDriver(bitbucketDriverFactory);
registerVcsDriver(gitDriverFactory);
registerVcsDriver(hgDriverFactory);
registerVcsDriver(perforceDriverFactory);
registerVcsDriver(fossilDriverFactory);
registerVcsDriver(svnDriverFactory);

export { registerVcsDriver, orderedDrivers, VCS_REPOSITORY_TYPES } from './driverRegistry';
export { VcsRepositoryResolver, vcsRepositoryResolver, selectDriver } from './vcsRepository';
export { loadVcsVersions, branchAlias, prettyAlias } from './vcsVersions';
export { checkVcsUrl, checkVcsDefinition, checkRefName, checkSecureTransport, redactUrl } from './urlSafety';
export { VcsDriverError } from './driver';
export type { VcsDriver, VcsDriverFactory, VcsSource } from './driver';

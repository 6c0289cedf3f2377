// The resolvers' view of Composer's `only` / `exclude` / `canonical` rules; the rules live in composer/ because
// the live language service applies them too.
export { buildFilter, type FilterResult, type RepositoryFilter } from '../composer/repositoryFilter';

// Composer's reading of local repository urls (Platform::expandPath, PHP glob() with GLOB_BRACE|GLOB_ONLYDIR,
// Filesystem::isAbsolutePath), shared by the pure language service and the resolvers. Pure: file-system
// questions go through the LocalFacts port (server/src/node/localFacts.ts answers them on Node).
export { expandPath, userDirectory, type Environment } from './expandPath';
export { globDirectories, globDirectoriesBounded, MAX_BRACE_ALTERNATIVES, MAX_DIRECTORY_READS, scanPathUrl, wildcardParent, type GlobOptions, type GlobResult, type PathUrlScan } from './glob';
export { braceAlternatives, compareUtf8, compileSegment, countBraceAlternatives, expandBraces, segmentMatches, type GlobSegment } from './globPattern';
export { appendPath, isAbsolutePath, looksLikeWindowsPath, phpDirname } from './platformPaths';

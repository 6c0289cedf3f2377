// The file-system port of Composer's path rules: the questions glob() and the local path checks ask. The pure
// language service receives an implementation in its options; server/src/node/localFacts.ts answers on Node.

/** File-system questions the service may ask (answered by the LSP server or the CLI; faked nowhere — tests use real temp dirs). */
export interface LocalFacts {
	/** What is at this absolute path. */
	stat(path: string): Promise<'file' | 'directory' | 'missing'>;
	/** Entries of a directory (empty when it is not one). */
	readDirectory(path: string): Promise<{ name: string; isDirectory: boolean }[]>;
	/** The bytes of a file, or undefined when it is missing, unreadable or larger than `maxBytes`. */
	readFile?(path: string, maxBytes: number): Promise<Uint8Array | undefined>;
}

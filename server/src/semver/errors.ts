// Errors for invalid versions and constraints. They describe a bad input value, so the stack trace
// says nothing useful, while capturing it costs more than the whole parse; it is left out.

export function semverError(message: string): Error {
	const limit = Error.stackTraceLimit;
	Error.stackTraceLimit = 0;
	try {
		return new Error(message);
	} finally {
		Error.stackTraceLimit = limit;
	}
}

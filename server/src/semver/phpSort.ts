// PHP's usort(), step for step: zend_sort (Zend/zend_sort.c: insertion sort up to 16 elements, binary-ish
// insertion past the 6th, otherwise a quicksort with a median-of-3, or of-5 from 1024 elements, pivot) under
// php_usort's stable fallback (ext/standard/array.c, RETURN_STABLE_SORT: a comparison answering 0 falls back to
// the elements' original order). Composer's Semver::sort comparator never answers 0 for two distinct `dev-`
// branches (it says "greater" both ways), so only the very same sequence of comparisons and swaps gives
// Composer's order. Written from the algorithm; checked against php on random lists (test/semver/phpSortOracle).

type Compare = (a: number, b: number) => number;

function sort2(cmp: Compare, swap: (a: number, b: number) => void, a: number, b: number): void {
	if (cmp(a, b) > 0) swap(a, b);
}

function sort3(cmp: Compare, swap: (a: number, b: number) => void, a: number, b: number, c: number): void {
	if (!(cmp(a, b) > 0)) {
		if (!(cmp(b, c) > 0)) return;
		swap(b, c);
		if (cmp(a, b) > 0) swap(a, b);
		return;
	}
	if (!(cmp(c, b) > 0)) {
		swap(a, c);
		return;
	}
	swap(a, b);
	if (cmp(b, c) > 0) swap(b, c);
}

function sort4(cmp: Compare, swap: (a: number, b: number) => void, a: number, b: number, c: number, d: number): void {
	sort3(cmp, swap, a, b, c);
	if (cmp(c, d) > 0) {
		swap(c, d);
		if (cmp(b, c) > 0) {
			swap(b, c);
			if (cmp(a, b) > 0) swap(a, b);
		}
	}
}

function sort5(cmp: Compare, swap: (a: number, b: number) => void, a: number, b: number, c: number, d: number, e: number): void {
	sort4(cmp, swap, a, b, c, d);
	if (cmp(d, e) > 0) {
		swap(d, e);
		if (cmp(c, d) > 0) {
			swap(c, d);
			if (cmp(b, c) > 0) {
				swap(b, c);
				if (cmp(a, b) > 0) swap(a, b);
			}
		}
	}
}

/** zend_insert_sort over positions [start, start + n). */
function insertSort(cmp: Compare, swap: (a: number, b: number) => void, start: number, n: number): void {
	switch (n) {
		case 0:
		case 1:
			return;
		case 2:
			return sort2(cmp, swap, start, start + 1);
		case 3:
			return sort3(cmp, swap, start, start + 1, start + 2);
		case 4:
			return sort4(cmp, swap, start, start + 1, start + 2, start + 3);
		case 5:
			return sort5(cmp, swap, start, start + 1, start + 2, start + 3, start + 4);
	}
	const end = start + n;
	const sentry = start + 6;
	let j: number;
	for (let i = start + 1; i < sentry; i++) {
		j = i - 1;
		if (!(cmp(j, i) > 0)) continue;
		while (j !== start) {
			j--;
			if (!(cmp(j, i) > 0)) {
				j++;
				break;
			}
		}
		for (let k = i; k > j; k--) swap(k, k - 1);
	}
	for (let i = sentry; i < end; i++) {
		j = i - 1;
		if (!(cmp(j, i) > 0)) continue;
		for (;;) {
			j -= 2;
			if (!(cmp(j, i) > 0)) {
				j++;
				if (!(cmp(j, i) > 0)) j++;
				break;
			}
			if (j === start) break;
			if (j === start + 1) {
				j--;
				if (cmp(i, j) > 0) j++; // operands in this order in zend_sort.c too
				break;
			}
		}
		for (let k = i; k > j; k--) swap(k, k - 1);
	}
}

/** zend_sort over positions [start, start + n). */
function zendSort(cmp: Compare, swap: (a: number, b: number) => void, start: number, n: number): void {
	for (;;) {
		if (n <= 16) {
			insertSort(cmp, swap, start, n);
			return;
		}
		const end = start + n;
		const offset = n >> 1;
		let pivot = start + offset;
		if (n >> 10) {
			const delta = offset >> 1;
			sort5(cmp, swap, start, start + delta, pivot, pivot + delta, end - 1);
		} else {
			sort3(cmp, swap, start, pivot, end - 1);
		}
		swap(start + 1, pivot);
		pivot = start + 1;
		let i = pivot + 1;
		let j = end - 1;
		partition: for (;;) {
			while (cmp(pivot, i) > 0) {
				i++;
				if (i === j) break partition;
			}
			j--;
			if (j === i) break partition;
			while (cmp(j, pivot) > 0) {
				j--;
				if (j === i) break partition;
			}
			swap(i, j);
			i++;
			if (i === j) break partition;
		}
		swap(pivot, i - 1);
		if (i - 1 - start < end - i) {
			zendSort(cmp, swap, start, i - start - 1);
			n = end - i;
			start = i;
		} else {
			zendSort(cmp, swap, i, end - i);
			n = i - start - 1;
		}
	}
}

/** PHP's `usort($items, $compare)` (PHP 8: stable for comparisons answering 0); returns the sorted copy. */
export function phpUsort<T>(items: readonly T[], compare: (a: T, b: T) => number): T[] {
	// Each slot holds [value, original position], as PHP's buckets carry their position in Z_EXTRA.
	const slots = items.map((value, position) => ({ value, position }));
	const cmp: Compare = (a, b) => {
		const r = compare(slots[a].value, slots[b].value);
		return r !== 0 ? Math.sign(r) : Math.sign(slots[a].position - slots[b].position);
	};
	const swap = (a: number, b: number): void => {
		const t = slots[a];
		slots[a] = slots[b];
		slots[b] = t;
	};
	zendSort(cmp, swap, 0, slots.length);
	return slots.map((s) => s.value);
}

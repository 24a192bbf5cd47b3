// Package fault is the fault test suite: what a hostile or broken file, or
// an expensive request, does to the whole system. It has no code of its
// own; its tests drive the real pipeline with the real worker processes
// (the baocao binary's extract-one, built once per run) and the real
// index, and each case asserts the outcome (a report, or a refusal with
// its reason), the time it took and the memory it used:
//
//   - mutants of every sample report: byte flips, truncations, and for
//     DOCX a corrupted, truncated or missing zip part;
//   - one-paragraph reports of 1, 2, 4 and 8 MB, and a DOCX whose one
//     paragraph inflates to tens of MB;
//   - every PDF/DOCX sample through a worker at the default memory cap,
//     repeatedly, and at the smallest cap the configuration accepts;
//     a parser really running out of memory under a small cap;
//   - the query-cost cases: a word repeated to 1,000 bytes, too many
//     words, too long a query.
//
// It runs with `go test ./...` (so in CI) in about a minute; set
// FAULT_RUNS=100 to repeat each worker sample 100 times.
package fault

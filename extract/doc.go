// Package extract holds baocao's domain model — Document, Report, Section,
// Footnote, Citation, Count, Span, Diagnostic — and the rules that turn a
// Document (normalised text with block structure, produced by an ingester in
// package pipeline) into a Report.
//
// Every fact carries a Span: byte offsets into Document.Text. Text that does
// not match a rule is not an error; doubtful matches become Diagnostics.
//
// The package imports nothing else of baocao's: every other package imports it.
package extract

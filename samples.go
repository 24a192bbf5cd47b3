// Package baocao carries the sample reports of testdata/docs inside the
// binary, so `baocao quickstart` and `baocao serve --demo` work from any
// folder, not only from a checkout. The code lives in the packages below
// (cmd/baocao, config, pipeline, extract, index, i18n).
package baocao

import "embed"

// Samples holds testdata/docs: reports written for this project in every
// supported format (see testdata/README.md).
//
//go:embed testdata/docs
var Samples embed.FS

// SamplesDir is the folder of the samples inside Samples.
const SamplesDir = "testdata/docs"

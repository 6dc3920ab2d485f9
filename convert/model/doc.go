// Package model is the report model every reader produces and every writer
// consumes: metadata, the six parts' text, and every table cell keyed by the
// stable field keys of the official format (docs/fields.md).
//
// It sits in the middle of the pipeline (readers → model → writers) and is a
// leaf: it imports nothing else of the project, so readers, writers and
// checks can all depend on it without cycles.
package model

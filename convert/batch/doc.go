// Package batch runs the pipeline over many inputs: it expands command-line
// arguments (files, folders searched recursively, glob patterns) into an
// ordered list of inputs with unique output names, processes them with a
// pool of workers, delivers the results in input order whatever the number
// of workers, and reports progress. One bad input never stops the others.
// Only regular files are inputs (pipes and devices are reported and
// skipped), and a walk never takes this run's outputs, or govreport's own
// outputs in the output folder, as inputs. RunUntil stops starting inputs
// when a signal arrives; Memory bounds what the workers of a batch hold
// together, each input weighted by its size (Weight).
//
// It sits between the CLI and package convert: the heavy per-process setup
// (table specs, label matchers, fonts) is done once and shared by workers.
package batch

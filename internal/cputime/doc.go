// Package cputime reads the CPU time of the running process for the
// benchmarks, which report it as cpu-ns/op next to the wall time because
// the CPU time grows much less with the load of a shared machine.
package cputime

package ui

import (
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"time"
)

// memorySampleInterval is how often the scroll probe reads the resident
// set to find its peak. A shorter peak between two readings is missed,
// but VmHWM still counts it.
const memorySampleInterval = 100 * time.Millisecond

// memorySample is one reading of the process's memory, in KiB. The
// resident set splits into anonymous memory (RssAnon: the Go heap,
// stacks, C allocations such as Mesa's textures, and SQLite's memory)
// and mapped files (RssFile: program and library code). goResident is
// the memory the Go runtime has mapped and not returned to the
// operating system, which is an upper bound of its share of RssAnon.
type memorySample struct {
	at          time.Duration
	rss         uint64
	rssAnon     uint64
	rssFile     uint64
	heapObjects uint64
	goResident  uint64
}

// goMemoryMetrics are the runtime/metrics that memorySample reads.
var goMemoryMetrics = []string{
	"/memory/classes/heap/objects:bytes",
	"/memory/classes/total:bytes",
	"/memory/classes/heap/released:bytes",
}

// memorySampler reads the resident set every memorySampleInterval in a
// goroutine and keeps the reading with the largest one, with the Go
// figures of that moment.
type memorySampler struct {
	start time.Time
	stop  chan struct{}

	mu   sync.Mutex
	peak memorySample
}

func startMemorySampler(start time.Time) *memorySampler {
	s := &memorySampler{start: start, stop: make(chan struct{})}

	go func() {
		ticker := time.NewTicker(memorySampleInterval)
		defer ticker.Stop()

		for {
			select {
			case <-s.stop:
				return
			case <-ticker.C:
				s.sample()
			}
		}
	}()

	return s
}

// sample reads the resident set and, when it is a new peak, the Go
// figures, which cost more to read.
func (s *memorySampler) sample() {
	status := readProcStatus()
	rss := kibField(status, "VmRSS")

	s.mu.Lock()
	defer s.mu.Unlock()

	if rss > s.peak.rss {
		s.peak = readMemorySample(s.start, status)
	}
}

// peakSample returns the reading with the largest resident set so far.
func (s *memorySampler) peakSample() memorySample {
	s.mu.Lock()
	defer s.mu.Unlock()

	return s.peak
}

func (s *memorySampler) close() {
	close(s.stop)
}

// readMemorySample reads the Go figures and takes the resident set from
// status, the fields of /proc/self/status.
func readMemorySample(start time.Time, status map[string]string) memorySample {
	samples := make([]metrics.Sample, len(goMemoryMetrics))
	for i, name := range goMemoryMetrics {
		samples[i].Name = name
	}
	metrics.Read(samples)

	return memorySample{
		at:          time.Since(start),
		rss:         kibField(status, "VmRSS"),
		rssAnon:     kibField(status, "RssAnon"),
		rssFile:     kibField(status, "RssFile"),
		heapObjects: samples[0].Value.Uint64() / 1024,
		goResident:  (samples[1].Value.Uint64() - samples[2].Value.Uint64()) / 1024,
	}
}

// fields returns the sample as "name-kib=value" fields with prefix
// before each name, such as "peak-rss-kib=183000".
func (m memorySample) fields(prefix string) []string {
	kib := func(name string, value uint64) string {
		return prefix + name + "-kib=" + strconv.FormatUint(value, 10)
	}

	return []string{
		prefix + "at-seconds=" + strconv.FormatFloat(m.at.Seconds(), 'f', 1, 64),
		kib("rss", m.rss),
		kib("rss-anon", m.rssAnon),
		kib("rss-file", m.rssFile),
		kib("go-resident", m.goResident),
		kib("heap-objects", m.heapObjects),
	}
}

// kibField returns the number in a field of /proc/self/status, such as
// 183000 for "VmRSS: 183000 kB", or 0 when it is missing.
func kibField(status map[string]string, name string) uint64 {
	value, err := strconv.ParseUint(status[name], 10, 64)
	if err != nil {
		return 0
	}

	return value
}

// gcFields returns the number of garbage collections so far and the
// runtime's estimate of the CPU time they took, such as "gc-cycles=40
// gc-cpu-seconds=2.1".
func gcFields() []string {
	samples := []metrics.Sample{
		{Name: "/gc/cycles/total:gc-cycles"},
		{Name: "/cpu/classes/gc/total:cpu-seconds"},
	}
	metrics.Read(samples)

	return []string{
		"gc-cycles=" + strconv.FormatUint(samples[0].Value.Uint64(), 10),
		"gc-cpu-seconds=" + strconv.FormatFloat(samples[1].Value.Float64(), 'f', 1, 64),
	}
}

// printMemoryLine writes one line of the probe's progress to stderr: the
// prefix, the step's name and its fields.
func printMemoryLine(step string, fields []string) {
	_, _ = os.Stderr.WriteString(ScrollProbePrefix + step + " " + strings.Join(fields, " ") + "\n")
}

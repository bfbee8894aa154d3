package ui

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ScrollProbeEnv names the environment variable that makes the window
// scroll the Leads and the Opportunities list end to end, print its
// memory figures and close, when it is 1. scripts/list-memory sets it.
const ScrollProbeEnv = "LEADWERK_SCROLL_LISTS"

// ScrollProbeHeapProfileEnv names the environment variable with the path
// of a Go heap profile that the scroll probe writes after scrolling.
const ScrollProbeHeapProfileEnv = "LEADWERK_SCROLL_LISTS_HEAPPROFILE"

// ScrollProbePrefix starts the line that the scroll probe prints, followed
// by fields such as "vmhwm-kib=183000".
const ScrollProbePrefix = "list-memory "

// scrollProbeTick is how often the probe checks whether it can scroll on.
// It scrolls only after the window painted the previous position, so the
// tick bounds the speed and the painter sets the pace.
const scrollProbeTick = 5 * time.Millisecond

// scrollProbeRequested reports whether [ScrollProbeEnv] is 1.
func scrollProbeRequested() bool {
	return os.Getenv(ScrollProbeEnv) == "1"
}

// scrollProbe scrolls the lists of a real window by one page of pageSize
// rows at a time and waits after each step until the row scrolled to has
// loaded and the window has painted it. So every page is loaded and
// drawn, but only the rows on screen at each step are painted. It moves
// the list's scroll offset, as the scroll bar and the mouse wheel do.
// List.ScrollTo, which BenchmarkListScrollMemory calls, refreshes the
// whole list in Fyne 2.7.1 and so creates new row widgets at every step.
type scrollProbe struct {
	m      *mainWindow
	start  time.Time
	memory *memorySampler

	// painted is set by the raster's generator, which Fyne's OpenGL
	// painter calls when it paints the raster after a Refresh.
	painted bool
	raster  *canvas.Raster

	lists []probedList
	list  int
	next  int
	// rowStep is the distance between two rows of the current list.
	rowStep float32
}

// probedList is one list that the probe scrolls.
type probedList struct {
	name    string
	content fyne.CanvasObject
	list    *widget.List
	ready   func() bool
	length  func() int
	loaded  func(int) bool
}

// startScrollProbe starts scrolling the lists of m once both are
// counted. Call it on the UI goroutine after m.start.
func startScrollProbe(m *mainWindow) {
	p := &scrollProbe{m: m, start: time.Now(), list: -1}
	p.memory = startMemorySampler(p.start)
	p.lists = []probedList{
		{
			name: "leads", content: m.leads.content, list: m.leads.list,
			ready: m.leads.rows.ready, length: m.leads.rows.length,
			loaded: func(i int) bool { _, ok := m.leads.rows.row(i); return ok },
		},
		{
			name: "opportunities", content: m.opportunities.content, list: m.opportunities.list,
			ready: m.opportunities.rows.ready, length: m.opportunities.rows.length,
			loaded: func(i int) bool { _, ok := m.opportunities.rows.row(i); return ok },
		},
	}

	p.raster = canvas.NewRaster(func(int, int) image.Image {
		p.painted = true
		return image.NewUniform(color.Transparent)
	})
	p.raster.Resize(fyne.NewSize(1, 1))
	m.window.Canvas().Overlays().Add(container.NewWithoutLayout(p.raster))

	go func() {
		ticker := time.NewTicker(scrollProbeTick)
		defer ticker.Stop()

		done := false
		for !done {
			<-ticker.C
			fyne.DoAndWait(func() { done = p.step() })
		}
	}()
}

// step scrolls one page further when the window has painted the last
// position, and returns true once every list has been scrolled and the
// figures are printed.
func (p *scrollProbe) step() bool {
	if !p.painted {
		return false
	}

	if p.list < 0 {
		return p.startList(0)
	}

	current := p.lists[p.list]
	if !current.loaded(min(p.next, current.length()-1)) {
		return false
	}

	if p.next >= current.length()-1 {
		return p.startList(p.list + 1)
	}

	p.next = min(p.next+pageSize, current.length()-1)
	current.list.ScrollToOffset(float32(p.next) * p.rowStep)
	p.repaint()

	return false
}

// startList shows list i, or prints the figures and closes the window
// when i is past the last list.
func (p *scrollProbe) startList(i int) bool {
	if i >= len(p.lists) {
		p.finish()
		return true
	}

	if !p.lists[i].ready() || p.lists[i].length() == 0 {
		return false
	}

	p.list, p.next = i, 0
	p.printProgress(p.lists[i].name)
	p.m.selectTab(p.lists[i].content)
	list := p.lists[i].list
	list.ScrollToTop()
	// widget.List gives every row its template's height and puts one
	// theme padding between rows.
	p.rowStep = list.CreateItem().MinSize().Height + theme.Padding()
	p.repaint()

	return false
}

// printProgress writes the memory now and at the peak so far to stderr
// when the probe starts the list named listName.
func (p *scrollProbe) printProgress(listName string) {
	status := readProcStatus()
	fields := append([]string{"vmhwm-kib=" + status["VmHWM"]}, readMemorySample(p.start, status).fields("")...)
	printMemoryLine(listName, append(fields, p.memory.peakSample().fields("peak-")...))
}

func (p *scrollProbe) repaint() {
	p.painted = false
	p.raster.Refresh()
}

// finish prints the peak and the current resident set and the Go heap,
// with the split of the highest reading that the sampler saw, then
// closes the window, which ends the program.
func (p *scrollProbe) finish() {
	p.memory.close()

	var stats runtime.MemStats
	runtime.ReadMemStats(&stats)

	status := readProcStatus()
	fields := []string{
		"vmhwm-kib=" + status["VmHWM"],
		"vmrss-kib=" + status["VmRSS"],
		"heap-inuse-kib=" + strconv.FormatUint(stats.HeapInuse/1024, 10),
		"go-sys-kib=" + strconv.FormatUint(stats.Sys/1024, 10),
		"leads=" + strconv.Itoa(p.lists[0].length()),
		"opportunities=" + strconv.Itoa(p.lists[1].length()),
		"seconds=" + strconv.FormatFloat(time.Since(p.start).Seconds(), 'f', 1, 64),
	}
	fields = append(fields, p.memory.peakSample().fields("peak-")...)
	fields = append(fields, gcFields()...)
	fmt.Println(ScrollProbePrefix + strings.Join(fields, " "))
	writeHeapProfile(os.Getenv(ScrollProbeHeapProfileEnv))

	p.m.window.Close()
}

// readProcStatus returns the fields of /proc/self/status with their
// units cut off, such as "183000" for VmHWM, or an empty map where the
// file is missing (outside Linux).
func readProcStatus() map[string]string {
	fields := map[string]string{}
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return fields
	}

	for _, line := range strings.Split(string(status), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if ok {
			fields[name] = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(value), "kB"))
		}
	}

	return fields
}

// writeHeapProfile writes the Go heap profile to path after a garbage
// collection, or nothing when path is empty. A failure is printed to
// stderr, because the probe's output is all that its caller reads.
func writeHeapProfile(path string) {
	if path == "" {
		return
	}

	runtime.GC()
	f, err := os.Create(path)
	if err == nil {
		err = pprof.WriteHeapProfile(f)
		err = errors.Join(err, f.Close())
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%swrite heap profile %s: %v\n", ScrollProbePrefix, path, err)
	}
}

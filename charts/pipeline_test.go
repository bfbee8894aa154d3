package charts

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"image/png"
	"io"
	"strings"
	"testing"
)

func sampleSeries() PipelineSeries {
	return PipelineSeries{
		Title:    "Sales pipeline",
		Currency: "EUR",
		Language: "de",
		Stages: []StageValue{
			{Name: "Prospecting", Amount: 52_330_000, Weighted: 5_233_000},
			{Name: "Qualifizierung", Amount: 112_345_600, Weighted: 22_469_120},
			{Name: "R&D <Prüfung>", Amount: 30_000_000, Weighted: 12_000_000},
			{Name: "Negotiation", Amount: 0, Weighted: 0},
		},
	}
}

func TestRenderPipelinePNGSize(t *testing.T) {
	var buf bytes.Buffer
	if err := RenderPipeline(&buf, sampleSeries(), PNG, 640, 400); err != nil {
		t.Fatalf("RenderPipeline: %v", err)
	}

	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("output is not a PNG: %v", err)
	}

	if got := img.Bounds().Size(); got != image.Pt(640, 400) {
		t.Errorf("size = %v, want 640×400", got)
	}

	if n := countColours(img); n < 3 {
		t.Errorf("image has %d colours, want a drawn chart with at least 3", n)
	}
}

func TestRenderPipelineImageDrawsBars(t *testing.T) {
	img, err := RenderPipelineImage(sampleSeries(), 800, 500)
	if err != nil {
		t.Fatalf("RenderPipelineImage: %v", err)
	}

	if !hasColour(img, amountColor.R, amountColor.G, amountColor.B) {
		t.Error("no pixel in the open amount colour")
	}

	if !hasColour(img, weightedColor.R, weightedColor.G, weightedColor.B) {
		t.Error("no pixel in the weighted amount colour")
	}
}

func TestRenderPipelineSVGNames(t *testing.T) {
	var buf bytes.Buffer
	if err := RenderPipeline(&buf, sampleSeries(), SVG, 800, 500); err != nil {
		t.Fatalf("RenderPipeline: %v", err)
	}

	svg := buf.String()
	for _, name := range []string{"Prospecting", "Qualifizierung", "R&amp;D &lt;Prüfung&gt;", "Negotiation"} {
		if !strings.Contains(svg, name) {
			t.Errorf("SVG does not contain stage name %q", name)
		}
	}

	if !strings.Contains(svg, ">500 Tsd. €<") {
		t.Error("SVG has no money-formatted axis label 500 Tsd. €")
	}

	if err := checkXML(svg); err != nil {
		t.Errorf("SVG is not well-formed XML: %v", err)
	}
}

func TestRenderPipelineEmpty(t *testing.T) {
	cases := map[string]PipelineSeries{
		"no stages": {Title: "Empty", Currency: "USD"},
		"all zero":  {Currency: "USD", Stages: []StageValue{{Name: "Prospecting"}, {Name: "Won"}}},
		"negative":  {Currency: "USD", Stages: []StageValue{{Name: "Credit", Amount: -500}}},
	}

	for name, series := range cases {
		t.Run(name, func(t *testing.T) {
			img, err := RenderPipelineImage(series, 400, 300)
			if err != nil {
				t.Fatalf("RenderPipelineImage: %v", err)
			}

			if got := img.Bounds().Size(); got != image.Pt(400, 300) {
				t.Errorf("size = %v, want 400×300", got)
			}

			var buf bytes.Buffer
			if err := RenderPipeline(&buf, series, SVG, 400, 300); err != nil {
				t.Fatalf("RenderPipeline SVG: %v", err)
			}

			if !strings.Contains(buf.String(), "No open deals") {
				t.Error("empty SVG does not contain the empty label")
			}
		})
	}
}

func TestRenderPipelineRejectsTinySize(t *testing.T) {
	err := RenderPipeline(io.Discard, sampleSeries(), PNG, 50, 20)
	if err == nil {
		t.Fatal("RenderPipeline with 50×20 returned no error")
	}

	if !strings.Contains(err.Error(), "50×20") {
		t.Errorf("error %q does not name the size", err)
	}
}

func TestRenderPipelineRejectsHugeSize(t *testing.T) {
	cases := map[string]struct{ width, height int }{
		"both huge":    {100_000, 100_000},
		"wide":         {MaxWidth + 1, 600},
		"tall":         {1000, MaxHeight + 1},
		"int overflow": {1 << 40, 1 << 40},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			err := RenderPipeline(io.Discard, sampleSeries(), PNG, c.width, c.height)
			if err == nil {
				t.Fatalf("RenderPipeline with %d×%d returned no error", c.width, c.height)
			}

			if want := fmt.Sprintf("%d×%d", c.width, c.height); !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not name the size %s", err, want)
			}
		})
	}
}

func TestRenderPipelineAcceptsMaxSize(t *testing.T) {
	if testing.Short() {
		t.Skip("draws an 8000×8000 PNG, which takes about 3 s and 256 MB")
	}

	if err := RenderPipeline(io.Discard, sampleSeries(), PNG, MaxWidth, MaxHeight); err != nil {
		t.Errorf("RenderPipeline at the maximum size: %v", err)
	}
}

func TestRenderPipelineRejectsUnknownFormat(t *testing.T) {
	if err := RenderPipeline(io.Discard, sampleSeries(), Format(7), 400, 300); err == nil {
		t.Fatal("RenderPipeline with Format(7) returned no error")
	}
}

func TestRenderPipelineSmallAndManyStages(t *testing.T) {
	series := sampleSeries()
	for range 30 {
		series.Stages = append(series.Stages, StageValue{Name: "A rather long stage name", Amount: 100})
	}

	if _, err := RenderPipelineImage(series, MinWidth, MinHeight); err != nil {
		t.Fatalf("RenderPipelineImage: %v", err)
	}
}

func countColours(img image.Image) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
		}
	}

	return len(seen)
}

func hasColour(img image.Image, r, g, b uint8) bool {
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			pr, pg, pb, _ := img.At(x, y).RGBA()
			if uint8(pr>>8) == r && uint8(pg>>8) == g && uint8(pb>>8) == b {
				return true
			}
		}
	}

	return false
}

func checkXML(s string) error {
	decoder := xml.NewDecoder(strings.NewReader(s))
	for {
		_, err := decoder.Token()
		if err == io.EOF {
			return nil
		}

		if err != nil {
			return err
		}
	}
}

// BenchmarkRenderPipelineImage measures drawing the chart at the size
// the Pipeline tab uses, which happens on every reload of that tab.
func BenchmarkRenderPipelineImage(b *testing.B) {
	s := sampleSeries()

	for b.Loop() {
		if _, err := RenderPipelineImage(s, 1000, 640); err != nil {
			b.Fatal(err)
		}
	}
}

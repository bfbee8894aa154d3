package charts

import "testing"

func TestFormatFromPath(t *testing.T) {
	cases := []struct {
		path    string
		want    Format
		wantErr bool
	}{
		{path: "pipeline.png", want: PNG},
		{path: "/tmp/Pipeline.PNG", want: PNG},
		{path: "out/chart.svg", want: SVG},
		{path: "chart.jpg", wantErr: true},
		{path: "chart", wantErr: true},
		{path: "svg", wantErr: true},
	}

	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			got, err := FormatFromPath(c.path)
			if c.wantErr {
				if err == nil {
					t.Fatalf("FormatFromPath(%q) = %v, want an error", c.path, got)
				}

				return
			}

			if err != nil {
				t.Fatalf("FormatFromPath(%q): %v", c.path, err)
			}

			if got != c.want {
				t.Errorf("FormatFromPath(%q) = %v, want %v", c.path, got, c.want)
			}
		})
	}
}

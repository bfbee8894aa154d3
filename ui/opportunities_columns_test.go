package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"leadwerk/app"
)

// wideOpportunities serves n copies of one row, such as a deal with an
// amount of several millions.
type wideOpportunities struct {
	n   int
	row app.OpportunityRow
}

func (f *wideOpportunities) CountOpportunities(context.Context, app.OpportunityQuery) (int, error) {
	return f.n, nil
}

func (f *wideOpportunities) ListOpportunities(_ context.Context, q app.OpportunityQuery) ([]app.OpportunityRow, error) {
	var rows []app.OpportunityRow
	for i := q.Offset; i < min(q.Offset+q.Limit, f.n); i++ {
		row := f.row
		row.ID = int64(i + 1)
		rows = append(rows, row)
	}

	return rows, nil
}

func (f *wideOpportunities) Opportunity(context.Context, int64) (app.OpportunityDetail, error) {
	return app.OpportunityDetail{}, app.ErrNotFound
}

// germanDeal is a deal whose amounts and date are long in German.
var germanDeal = app.OpportunityRow{
	Title:     "Rahmenvertrag Wartung und Betrieb – Süddeutsche Maschinenbau GmbH & Co. KG",
	Company:   "Süddeutsche Maschinenbau GmbH & Co. KG",
	Stage:     "Verhandlung",
	Amount:    app.Money{Minor: 4_876_543_21, Currency: "CHF"},
	Weighted:  app.Money{Minor: 3_901_234_57, Currency: "CHF"},
	CloseDate: app.Date{Year: 2027, Month: time.December, Day: 28},
	Owner:     "Sabine Öztürk",
}

// openGermanList shows the German opportunity list over copies of row in
// a 1280 by 800 pixel window and waits until the first row is drawn with
// the widths it needs.
func openGermanList(t *testing.T, row app.OpportunityRow) (*opportunitiesScreen, *uiQueue) {
	t.Helper()

	useGerman(t)
	a := test.NewTempApp(t)
	a.Settings().SetTheme(theme.DefaultTheme())
	window := a.NewWindow("list")
	t.Cleanup(window.Close)

	queue := newUIQueue()
	store := &wideOpportunities{n: 50, row: row}
	errors := errorReporter{window: window, logger: discardLogger()}
	detail := newOpportunityDetail(store, queue.do, errors, "de")
	screen := newOpportunitiesScreen(store, detail, queue.do, errors, "de")
	window.SetContent(screen.content)
	window.Resize(fyne.NewSize(1280, 800))
	screen.reload()
	queue.waitFor(t, "the first page", func() bool { _, ok := screen.rows.row(0); return ok })

	drawRow(screen)
	queue.waitFor(t, "the wider columns", func() bool { return !screen.widthsQueued })

	return screen, queue
}

// drawRow draws row 0 into a new row as wide as the heading, as the list
// does when it shows the row.
func drawRow(screen *opportunitiesScreen) *listRow {
	row := screen.createRow().(*listRow)
	row.Resize(fyne.NewSize(screen.header.Size().Width, row.MinSize().Height))
	screen.updateRow(0, row)

	return row
}

// shownTexts returns the texts that object draws, with "…" at the end of
// a truncated one.
func shownTexts(object fyne.CanvasObject) []string {
	var texts []string
	switch o := object.(type) {
	case *canvas.Text:
		return []string{o.Text}
	case *fyne.Container:
		for _, child := range o.Objects {
			texts = append(texts, shownTexts(child)...)
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(o).Objects() {
			texts = append(texts, shownTexts(child)...)
		}
	}

	return texts
}

// checkShownInFull fails when object draws less than want.
func checkShownInFull(t *testing.T, what string, object fyne.CanvasObject, want string) {
	t.Helper()

	shown := strings.Join(shownTexts(object), "")
	if shown != want {
		t.Errorf("%s shows %q in %.0f pixels, want %q in full", what, shown, object.Size().Width, want)
	}
}

// rowCell returns the text object that draws column i of row.
func rowCell(row *listRow, i int) *canvas.Text {
	return test.WidgetRenderer(row).Objects()[i].(*canvas.Text)
}

func TestOpportunityColumnsShowGermanValues(t *testing.T) {
	screen, _ := openGermanList(t, germanDeal)

	row := drawRow(screen)

	want := map[int]string{
		2: "Verhandlung",
		3: "4.876.543,21 CHF",
		4: "3.901.234,57 CHF",
		5: "28.12.2027",
		6: "Sabine Öztürk",
	}
	for i, text := range want {
		checkShownInFull(t, screen.columns[i].title+" cell", rowCell(row, i), text)
	}

	title := strings.Join(shownTexts(rowCell(row, 0)), "")
	if !strings.HasSuffix(title, "…") {
		t.Errorf("title cell shows %q, want the long title shortened with an ellipsis", title)
	}
}

func TestOpportunityHeadingsShowGermanTitles(t *testing.T) {
	screen, queue := openGermanList(t, germanDeal)

	for i, c := range screen.columns {
		screen.onSortTapped(c.sort)
		queue.waitFor(t, "the sorted list", func() bool { _, ok := screen.rows.row(0); return ok })
		screen.header.Refresh()

		checkShownInFull(t, "heading sorted by "+c.title, screen.sortHeaders[i].label, c.title)
		if !screen.sortHeaders[i].icon.Visible() {
			t.Errorf("heading %q shows no sort icon while the list is sorted by it", c.title)
		}
	}
}

func TestOpportunityListKeepsAmountsInNarrowSplit(t *testing.T) {
	screen, _ := openGermanList(t, germanDeal)
	split := screen.content.(*container.Split)

	split.Offset = 0.2
	split.Refresh()

	minimum := float32(0)
	for _, w := range screen.minWidths {
		minimum += w
	}
	if got := screen.header.Size().Width; got < minimum {
		t.Fatalf("list is %.0f pixels wide, narrower than its columns' minimum of %.0f", got, minimum)
	}

	row := drawRow(screen)
	checkShownInFull(t, "amount cell", rowCell(row, 3), "4.876.543,21 CHF")
	checkShownInFull(t, "close date cell", rowCell(row, 5), "28.12.2027")
}

func TestOpportunityColumnsCapAbsurdAmounts(t *testing.T) {
	deal := germanDeal
	deal.Amount = app.Money{Minor: 9_000_000_000_000_000_00, Currency: "CHF"}
	screen, _ := openGermanList(t, deal)

	if got, limit := screen.minWidths[3], maxValueWidth("de"); got > limit {
		t.Errorf("amount column keeps %.0f pixels for one absurd amount, want at most %.0f", got, limit)
	}

	row := drawRow(screen)
	checkShownInFull(t, "weighted cell beside an absurd amount", rowCell(row, 4), "3.901.234,57 CHF")
}

package ui

import (
	"time"
	"unicode/utf8"

	"leadwerk/app"
)

// opportunityColumnSample returns a typical value of the column, whose
// width the column keeps while the list is wide enough, or "" for the
// title and company, which may shorten with an ellipsis.
func opportunityColumnSample(column app.OpportunitySort, language string) string {
	switch column {
	case app.SortByStage:
		return "Needs analysis"
	case app.SortByAmount, app.SortByWeighted:
		return app.FormatMoney(app.Money{Minor: 99_999_00, Currency: "CHF"}, language)
	case app.SortByCloseDate:
		return app.FormatDate(app.Date{Year: 2026, Month: time.December, Day: 28}, language)
	case app.SortByOwner:
		return "Sabine Öztürk"
	default:
		return ""
	}
}

// maxValueWidth returns the width up to which an amount or date column
// widens for the values it draws: an amount of ten integer digits. A
// wider value shortens with an ellipsis, so one absurd amount cannot push
// the detail panel out of the window.
func maxValueWidth(language string) float32 {
	return cellWidth(app.FormatMoney(app.Money{Minor: 9_999_999_999_00, Currency: "CHF"}, language))
}

// initColumnWidths measures the samples and computes the first minimum
// widths.
func (s *opportunitiesScreen) initColumnWidths() {
	s.valueWidths = make([]float32, len(s.columns))
	s.longestValues = make([]int, len(s.columns))
	for i, c := range s.columns {
		if sample := opportunityColumnSample(c.sort, s.language); sample != "" {
			s.valueWidths[i] = cellWidth(sample)
		}
	}
	s.maxValueWidth = maxValueWidth(s.language)

	s.minWidths = make([]float32, len(s.columns))
	s.computeMinWidths()
}

// computeMinWidths sets each column's minimum to its heading or its
// widest value, whichever is wider. Only the sorted column shows an
// icon, so only its heading needs the room. The heading and every row
// share the minWidths slice, so it changes in place.
func (s *opportunitiesScreen) computeMinWidths() {
	for i, c := range s.columns {
		s.minWidths[i] = max(headingWidth(c.title, c.sort == s.query.Sort), s.valueWidths[i])
	}
}

// layout returns the column layout that the heading and every row share.
// The list reports the sum of the minimum widths as its own minimum, so
// the split beside the detail panel cannot cut an amount or a date.
func (s *opportunitiesScreen) layout() columnLayout {
	return columnLayout{weights: s.weights, minWidths: s.minWidths, keepMinWidths: true}
}

// fitValues widens the amount and date columns when texts, the cells of
// one row, holds a value wider than any drawn before. Texts with fewer
// characters than the longest one seen are not measured, because digits
// are about equally wide. The other rows take the new widths in one
// queued refresh.
func (s *opportunitiesScreen) fitValues(texts []string) {
	grown := false
	for i, c := range s.columns {
		if !c.fit || i >= len(texts) {
			continue
		}

		length := utf8.RuneCountInString(texts[i])
		if length < s.longestValues[i] {
			continue
		}
		s.longestValues[i] = length

		width := min(cellWidth(texts[i]), s.maxValueWidth)
		if width > s.valueWidths[i] {
			s.valueWidths[i] = width
			grown = true
		}
	}

	if grown && !s.widthsQueued {
		s.widthsQueued = true
		s.do(s.applyMinWidths)
	}
}

// applyMinWidths lays out the heading and the rows again after a sort
// change or a wider value.
func (s *opportunitiesScreen) applyMinWidths() {
	s.widthsQueued = false
	s.computeMinWidths()
	if s.header != nil {
		s.header.Refresh()
	}
	if s.list != nil {
		s.list.Refresh()
	}
}

package mapping

import (
	"slices"
	"strings"

	"leadwerk/app"
)

// stageSynonyms are groups of stage names, English and German, that mean
// the same step of a sales process. Names are folded with stageKey.
var stageSynonyms = [][]string{
	{"prospecting", "prospect", "lead in", "new", "neu", "akquise", "erstkontakt", "kontaktaufnahme"},
	{"qualification", "qualify", "qualified", "qualifizierung", "qualifiziert", "engaging"},
	{"needs analysis", "discovery", "bedarfsanalyse", "analyse"},
	{"proposal", "proposal price quote", "proposal quote", "quote", "proposal made", "angebot", "angebot erstellt",
		"angebot versendet"},
	{"negotiation", "negotiation review", "negotiations started", "verhandlung", "in verhandlung"},
	{"contract sent", "vertrag versendet", "vertrag"},
}

// wonNames and lostNames are the names that mean a closed deal. They
// match the pipeline's won or lost stage whatever it is called.
var (
	wonNames  = []string{"won", "closed won", "closedwon", "gewonnen", "abgeschlossen gewonnen", "auftrag"}
	lostNames = []string{"lost", "closed lost", "closedlost", "verloren", "abgeschlossen verloren", "abgesagt"}
)

// stageKey folds a stage name: lower case, words separated by one space,
// punctuation such as "/" and "-" dropped.
func stageKey(name string) string {
	fields := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return r == ' ' || r == '-' || r == '/' || r == '_' || r == '.' || r == ',' || r == '(' || r == ')'
	})

	return strings.Join(fields, " ")
}

// MatchStage returns the stage of stages that name means: the same name
// ignoring case and spaces, else a stage whose name is a synonym of name,
// else for a won or lost name the stage of that kind. Deleted stages
// must not be passed in.
func MatchStage(name string, stages []app.Stage) (app.Stage, bool) {
	key := stageKey(name)
	if key == "" {
		return app.Stage{}, false
	}

	for _, s := range stages {
		if stageKey(s.Name) == key {
			return s, true
		}
	}

	for _, group := range stageSynonyms {
		if !slices.Contains(group, key) {
			continue
		}
		for _, s := range stages {
			if slices.Contains(group, stageKey(s.Name)) {
				return s, true
			}
		}
	}

	kind := app.StageOpen
	switch {
	case slices.Contains(wonNames, key):
		kind = app.StageWon
	case slices.Contains(lostNames, key):
		kind = app.StageLost
	default:
		return app.Stage{}, false
	}

	for _, s := range stages {
		if s.Kind == kind {
			return s, true
		}
	}

	return app.Stage{}, false
}

// StageKindOf returns the kind a new stage named name gets: won or lost
// for the names of a closed deal, else open.
func StageKindOf(name string) app.StageKind {
	key := stageKey(name)
	switch {
	case slices.Contains(wonNames, key):
		return app.StageWon
	case slices.Contains(lostNames, key):
		return app.StageLost
	}

	return app.StageOpen
}

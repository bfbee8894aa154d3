package data

// Test-only exports for the benchmarks of package data_test, which use the
// cached large dataset of data/benchdata. That package imports data, so
// benchmarks that use it cannot be in package data itself.
var (
	LoopWithCPUTime    = loopWithCPUTime
	ShellTimePerRun    = shellTimePerRun
	ReportAgainstShell = reportAgainstShell
	PipelineSummarySQL = pipelineSummarySQL
	DealFactQueries    = []string{dealFactRowsSQL(nil, ""), stageVisitsSQL(""), competitorNamesSQL("")}
	// ForecastMonthSumsSQL is the query of [Store.ForecastMonthSums] for
	// all deals.
	ForecastMonthSumsSQL = forecastMonthSumsSQL(nil, " WHERE st.kind <> 'lost'")
)

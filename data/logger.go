package data

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// slowQueryThreshold is how long a statement may run before it is logged
// as slow.
const slowQueryThreshold = 200 * time.Millisecond

// slogLogger passes GORM's messages to [slog.Default], read at each
// message so a logger installed after Open is used. It logs failed and
// slow statements with their SQL text but never the bound values, which
// hold names, e-mail addresses and amounts.
type slogLogger struct {
	level logger.LogLevel
	slow  time.Duration
}

var (
	_ logger.Interface  = (*slogLogger)(nil)
	_ gorm.ParamsFilter = (*slogLogger)(nil)
)

func newSlogLogger(slow time.Duration) *slogLogger {
	return &slogLogger{level: logger.Warn, slow: slow}
}

func (l *slogLogger) LogMode(level logger.LogLevel) logger.Interface {
	c := *l
	c.level = level

	return &c
}

func (l *slogLogger) Info(ctx context.Context, msg string, args ...any) {
	if l.level >= logger.Info {
		slog.Default().InfoContext(ctx, "gorm: "+fmt.Sprintf(msg, args...))
	}
}

func (l *slogLogger) Warn(ctx context.Context, msg string, args ...any) {
	if l.level >= logger.Warn {
		slog.Default().WarnContext(ctx, "gorm: "+fmt.Sprintf(msg, args...))
	}
}

func (l *slogLogger) Error(ctx context.Context, msg string, args ...any) {
	if l.level >= logger.Error {
		slog.Default().ErrorContext(ctx, "gorm: "+fmt.Sprintf(msg, args...))
	}
}

// Trace logs a failed statement as an error and a slow one as a warning.
// A missing record and a cancelled context are expected outcomes, so they
// are logged at debug level only.
func (l *slogLogger) Trace(ctx context.Context, begin time.Time, fc func() (string, int64), err error) {
	if l.level <= logger.Silent {
		return
	}

	elapsed := time.Since(begin)
	log := slog.Default()
	switch {
	case err != nil && (errors.Is(err, gorm.ErrRecordNotFound) || errors.Is(err, context.Canceled)):
		sql, rows := fc()
		log.DebugContext(ctx, "sql statement ended early", "sql", sql, "rows", rows, "error", err)
	case err != nil && l.level >= logger.Error:
		sql, rows := fc()
		log.ErrorContext(ctx, "sql statement failed", "sql", sql, "rows", rows, "duration", elapsed, "error", err)
	case l.slow > 0 && elapsed > l.slow && l.level >= logger.Warn:
		sql, rows := fc()
		log.WarnContext(ctx, "slow sql statement", "sql", sql, "rows", rows, "duration", elapsed)
	case l.level >= logger.Info:
		sql, rows := fc()
		log.DebugContext(ctx, "sql statement", "sql", sql, "rows", rows, "duration", elapsed)
	}
}

// ParamsFilter drops the bound values, so logged SQL keeps its ?
// placeholders.
func (l *slogLogger) ParamsFilter(_ context.Context, sql string, _ ...any) (string, []any) {
	return sql, nil
}

package data

import (
	"context"
	"fmt"
	"log/slog"
)

// SetPageCacheSize sets the page cache of the store's connection to kib
// KiB, in place of the 32 MiB that [Open] gives it, and keeps that size
// after a restore replaces the connection. A file import raises the cache
// for its own run and sets this size again after it. On PostgreSQL it
// does nothing. The resident memory of a full cache is about twice kib,
// because modernc.org/memory v1.5.0 rounds each allocation up to a power
// of two, so a cached 4 KiB page and its header take an 8 KiB slot.
func (s *Store) SetPageCacheSize(ctx context.Context, kib int) error {
	if s.backend.isPostgres() {
		return nil
	}

	if err := s.applyPageCacheSize(ctx, kib); err != nil {
		return err
	}
	s.pageCacheKiB.Store(int64(kib))

	return nil
}

// applyPageCacheSize runs PRAGMA cache_size for kib KiB on the store's
// connection.
func (s *Store) applyPageCacheSize(ctx context.Context, kib int) error {
	err := s.db.WithContext(ctx).Exec(fmt.Sprintf("PRAGMA cache_size = %d", -kib)).Error
	if err != nil {
		return fmt.Errorf("set the page cache of %s to %d KiB: %w", s.path, kib, err)
	}

	return nil
}

// releaseCacheMemory frees the page cache of the store's connection with
// PRAGMA shrink_memory. [Store.CheckAndBackUp] calls it after its second
// connection has closed. modernc.org/libc v1.22.5, on which the SQLite of
// modernc.org/sqlite runs, allocates from 1 MiB blocks (modernc.org/memory
// v1.5.0) and returns a block to the operating system only when all of it
// is free. While the backup runs, its pages and the store's cached pages
// share blocks, so after its connection closes the cache alone would
// keep them resident. The cache fills again from the next queries. A
// failure is only logged, because the store works on with a full cache.
func (s *Store) releaseCacheMemory(ctx context.Context) {
	if s.backend.isPostgres() {
		return
	}

	if err := s.db.WithContext(ctx).Exec("PRAGMA shrink_memory").Error; err != nil {
		slog.Warn("freeing the page cache failed", "path", s.path, "err", err)
	}
}

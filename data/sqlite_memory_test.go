package data

import (
	"context"
	"testing"
)

// pageCacheSize returns PRAGMA cache_size of the store's connection,
// negative for a size in KiB.
func pageCacheSize(t *testing.T, s *Store) int {
	t.Helper()

	var size int
	if err := s.db.Raw("PRAGMA cache_size").Scan(&size).Error; err != nil {
		t.Fatalf("read cache_size: %v", err)
	}

	return size
}

func TestSetPageCacheSizeKeptAfterRestore(t *testing.T) {
	requireSQLite(t, "the page cache is a SQLite pragma")
	s, backup := storeWithBackup(t)
	ctx := context.Background()

	if err := s.SetPageCacheSize(ctx, 1024); err != nil {
		t.Fatalf("SetPageCacheSize: %v", err)
	}
	if got := pageCacheSize(t, s); got != -1024 {
		t.Errorf("cache_size = %d, want -1024", got)
	}

	if _, err := s.Restore(ctx, backup); err != nil {
		t.Fatalf("Restore: %v", err)
	}
	if got := pageCacheSize(t, s); got != -1024 {
		t.Errorf("cache_size after restore = %d, want -1024", got)
	}
}

func TestCheckAndBackUpKeepsPageCacheSize(t *testing.T) {
	requireSQLite(t, "the page cache is a SQLite pragma")
	s, _ := storeWithBackup(t)
	ctx := context.Background()
	if err := s.SetPageCacheSize(ctx, 1024); err != nil {
		t.Fatalf("SetPageCacheSize: %v", err)
	}

	if err := s.CheckAndBackUp(ctx); err != nil {
		t.Fatalf("CheckAndBackUp: %v", err)
	}

	if got := pageCacheSize(t, s); got != -1024 {
		t.Errorf("cache_size after the check and backup = %d, want -1024", got)
	}
	if n := countRows(t, s, "leads"); n != 3 {
		t.Errorf("leads after freeing the page cache = %d, want 3", n)
	}
}

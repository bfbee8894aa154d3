// Package benchdata gives benchmarks and measurements a database file
// with the large demo dataset, generated once and cached.
//
// How to use it in a benchmark of another package:
//
//	path := benchdata.Large(b) // a private copy in b.TempDir()
//	store, err := data.Open(path)
//
// The first call of the day generates [demo.Large] (100,000 leads, 30,000
// companies with 60,000 contacts, 20,000 deals, 200,000 activities) into
// os.TempDir()/leadwerk-benchdata, which takes about half a minute on two
// cores; later calls copy that file, which takes well under a second.
// The cache key holds [CacheVersion], the schema version, the seed, the
// size and the day, because the generated dates are relative to today.
// Set LEADWERK_BENCH_SIZE=small for a dataset of a hundredth the size,
// as CI does to keep its benchmark run short.
package benchdata

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"leadwerk/app"
	"leadwerk/app/demo"
	"leadwerk/data"
)

// CacheVersion is part of the cache key. Raise it when the generator or
// the loader changes what they store.
const CacheVersion = 1

// SizeEnv names the environment variable that chooses the dataset size:
// "large" (the default) or "small".
const SizeEnv = "LEADWERK_BENCH_SIZE"

// Small is the dataset that LEADWERK_BENCH_SIZE=small chooses, a
// hundredth of [demo.Large].
var Small = demo.Size{Companies: 300, Leads: 1000, Opportunities: 200, ContactsPerCompany: 2, Activities: 2000}

// Large returns the path of a fresh copy of the cached dataset database
// in tb.TempDir(), generating the cache first when it is missing. The
// copy is the caller's to change.
func Large(tb testing.TB) string {
	tb.Helper()

	cached, err := CachedFile(context.Background(), tb.Logf)
	if err != nil {
		tb.Fatalf("benchdata: %v", err)
	}

	path := filepath.Join(tb.TempDir(), "leadwerk.db")
	if err := copyFile(cached, path); err != nil {
		tb.Fatalf("benchdata: %v", err)
	}

	return path
}

// SizeName returns the chosen size, "large" or "small", and an error for
// any other value of [SizeEnv].
func SizeName() (string, demo.Size, error) {
	switch name := os.Getenv(SizeEnv); name {
	case "", "large":
		return "large", demo.Large, nil
	case "small":
		return "small", Small, nil
	default:
		return "", demo.Size{}, fmt.Errorf("%s=%q is invalid: use large or small", SizeEnv, name)
	}
}

// CachedFile returns the path of the cached dataset database, generating
// it when missing. logf receives one line on generation with its time.
// Do not open the returned file, because [data.Open] migrates and
// changes it: open a copy, as [Large] does.
func CachedFile(ctx context.Context, logf func(format string, args ...any)) (string, error) {
	name, size, err := SizeName()
	if err != nil {
		return "", err
	}

	today := app.DateOf(time.Now())
	dir := filepath.Join(os.TempDir(), "leadwerk-benchdata")
	prefix := fmt.Sprintf("%s-v%d-schema%d-seed%d-", name, CacheVersion, data.LatestSchemaVersion(), demo.DefaultSeed)
	path := filepath.Join(dir, prefix+today.String()+".db")
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}

	start := time.Now()
	if err := generate(ctx, dir, path, size, today); err != nil {
		return "", err
	}
	logf("benchdata: generated the %s dataset %s in %v", name, path, time.Since(start).Round(time.Millisecond))
	removeOlder(dir, prefix, path)

	return path, nil
}

// generate writes the dataset into a new folder beside path and then
// renames the file to path, so that a process running at the same time
// sees either no file or a complete one.
func generate(ctx context.Context, dir, path string, size demo.Size, today app.Date) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create the cache folder: %w", err)
	}

	work, err := os.MkdirTemp(dir, "generating-")
	if err != nil {
		return fmt.Errorf("create a folder to generate in: %w", err)
	}
	defer os.RemoveAll(work)

	fresh := filepath.Join(work, "leadwerk.db")
	if err := Generate(ctx, fresh, size, today); err != nil {
		return err
	}

	if err := os.Rename(fresh, path); err != nil {
		return fmt.Errorf("move the generated dataset to %s: %w", path, err)
	}

	return nil
}

// Generate creates the database file path with the dataset of the given
// size, generated from [demo.DefaultSeed] for the day today.
func Generate(ctx context.Context, path string, size demo.Size, today app.Date) error {
	store, err := data.Open(path)
	if err != nil {
		return err
	}

	d := demo.GenerateSize(demo.DefaultSeed, today, size)
	if _, err := store.LoadDataset(ctx, d, nil); err != nil {
		_ = store.Close()
		return err
	}

	return store.Close()
}

// removeOlder deletes the cached files with prefix other than keep, the
// datasets of earlier days.
func removeOlder(dir, prefix, keep string) {
	matches, _ := filepath.Glob(filepath.Join(dir, prefix+"*.db"))
	for _, m := range matches {
		if m != keep && strings.HasPrefix(filepath.Base(m), prefix) {
			_ = os.Remove(m)
		}
	}
}

func copyFile(from, to string) error {
	src, err := os.Open(from)
	if err != nil {
		return fmt.Errorf("open the cached dataset: %w", err)
	}
	defer src.Close()

	dst, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("create the dataset copy: %w", err)
	}

	if _, err := io.Copy(dst, src); err != nil {
		_ = dst.Close()
		return fmt.Errorf("copy the cached dataset to %s: %w", to, err)
	}

	return dst.Close()
}

// Package data stores Leadwerk's records in an embedded SQLite database
// through GORM and implements the service interfaces of package app.
//
// The schema is created by numbered SQL migrations recorded in the
// schema_migrations table, so a second start runs no DDL. Money is stored
// as an integer of minor units beside its ISO 4217 code, civil dates as
// 'YYYY-MM-DD' text (the empty string for none) and timestamps as UTC text. Every
// method that writes runs in one transaction.
package data

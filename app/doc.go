// Package app holds Leadwerk's domain: the entities a sales manager works
// with, the rules that compute probabilities and weighted amounts, the
// sentinel errors, and the service interfaces that the user interface
// calls. It imports neither Fyne nor GORM, so every rule here is tested
// without a window or a database.
package app

// Package mapping turns the columns of a file that another program
// exported into Leadwerk's import fields. It detects which CRM wrote the
// file (HubSpot, Pipedrive, Salesforce, Zoho or Outlook) from the header
// names, maps every column it knows in English and German, decides what
// kind of records the file holds, matches stage names to a pipeline's
// stages and converts each row into a [Record]. A [Plan] carries those
// decisions, so a person can correct any of them before the import, and
// a [Preset] stores them under a name for the next file of the same
// layout.
//
// The package is pure: it reads files through app/tabular but knows no
// database. [Importer] is the service that runs a plan.
package mapping

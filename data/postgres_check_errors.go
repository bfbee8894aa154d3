package data

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"

	"leadwerk/app"
)

// SQLSTATE codes of the failures that CheckServer distinguishes, as
// PostgreSQL 15 sends them when a connection is rejected.
const (
	sqlStateInvalidPassword       = "28P01"
	sqlStateInvalidAuthorization  = "28000"
	sqlStateInvalidCatalogName    = "3D000"
	sqlStateInsufficientPrivilege = "42501"
)

// connectProblem returns the *app.ServerCheckError of a failed connection
// to url. noPassword is set when no password was found, so that a
// rejected password is reported as missing rather than wrong.
func connectProblem(url string, noPassword bool, err error) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		problem := serverError(url, err)
		if noPassword && pgErr.Code == sqlStateInvalidPassword {
			problem.Problem = app.ServerNoPassword
		}
		return problem
	}

	problem := &app.ServerCheckError{Problem: app.ServerFailed, URL: url, Err: err}
	var dnsErr *net.DNSError
	switch {
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		problem.Problem, problem.Detail = app.ServerHostNotFound, dnsErr.Name
	case errors.Is(err, syscall.ECONNREFUSED):
		problem.Problem = app.ServerRefused
	case isTLSFailure(err):
		problem.Problem = app.ServerTLS
	case isUnreachable(err):
		problem.Problem = app.ServerUnreachable
	}

	return problem
}

// serverError returns the *app.ServerCheckError of an error that the
// server sent, by its SQLSTATE code, or ServerFailed for any other error.
func serverError(url string, err error) *app.ServerCheckError {
	problem := &app.ServerCheckError{Problem: app.ServerFailed, URL: url, Err: err}

	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) {
		return problem
	}

	problem.Detail = pgErr.Message
	switch pgErr.Code {
	case sqlStateInvalidPassword:
		problem.Problem = app.ServerWrongPassword
	case sqlStateInvalidAuthorization:
		problem.Problem = app.ServerLoginRejected
	case sqlStateInvalidCatalogName:
		problem.Problem = app.ServerDatabaseMissing
	case sqlStateInsufficientPrivilege:
		problem.Problem = app.ServerPermissionDenied
	}

	return problem
}

// isTLSFailure reports whether err is a failed TLS handshake: a rejected
// certificate, a TLS alert, or a server without TLS when the URL's
// sslmode requires it.
func isTLSFailure(err error) bool {
	var verifyErr *tls.CertificateVerificationError
	var authorityErr x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var invalidErr x509.CertificateInvalidError
	var alertErr tls.AlertError
	var recordErr tls.RecordHeaderError

	if errors.As(err, &verifyErr) || errors.As(err, &authorityErr) || errors.As(err, &hostErr) ||
		errors.As(err, &invalidErr) || errors.As(err, &alertErr) || errors.As(err, &recordErr) {
		return true
	}

	// NOTE: pgx v5.13.0 reports a server that rejects TLS with a plain
	// errors.New("server refused TLS connection"), so only its text
	// identifies it.
	return strings.Contains(err.Error(), "server refused TLS connection")
}

// isUnreachable reports whether err is a timeout or a network or host
// that cannot be reached.
func isUnreachable(err error) bool {
	var netErr net.Error
	if errors.As(err, &netErr) && netErr.Timeout() {
		return true
	}

	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, syscall.ENETUNREACH) ||
		errors.Is(err, syscall.EHOSTUNREACH)
}

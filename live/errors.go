package live

import (
	"fmt"
	"net/http"
	"time"
)

// apiError is a refusal with its HTTP status and a stable code the app can
// switch on (see README.md).
type apiError struct {
	Status     int
	Code       string
	Message    string
	RetryAfter time.Duration
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func refuse(status int, code, format string, args ...any) *apiError {
	return &apiError{Status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

func badRequest(format string, args ...any) *apiError {
	return refuse(http.StatusBadRequest, "bad_request", format, args...)
}

func rateLimited(retry time.Duration) *apiError {
	e := refuse(http.StatusTooManyRequests, "rate_limited", "too many requests; try again later")
	e.RetryAfter = retry
	return e
}

func errRoomNotFound() *apiError {
	return refuse(http.StatusNotFound, "room_not_found", "no live class has this code")
}

func errUnauthorized() *apiError {
	return refuse(http.StatusUnauthorized, "unauthorized", "this needs the token given when the class was started or joined")
}

func errForbidden() *apiError {
	return refuse(http.StatusForbidden, "forbidden", "only the teacher can do this")
}

func errLimit(code, format string, args ...any) *apiError {
	return refuse(http.StatusConflict, code, format, args...)
}

func unavailable() *apiError {
	e := refuse(http.StatusServiceUnavailable, "unavailable", "the live class is unreachable for a moment; try again")
	e.RetryAfter = time.Second
	return e
}

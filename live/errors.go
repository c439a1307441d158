package live

import (
	"fmt"
	"net/http"
	"time"

	"oversight/live/wire"
)

// apiError is a refusal with its HTTP status and a stable code the app can
// switch on (one of wire's Err… codes; README.md says when each is sent).
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
	return refuse(http.StatusBadRequest, wire.ErrBadRequest, format, args...)
}

func rateLimited(retry time.Duration) *apiError {
	e := refuse(http.StatusTooManyRequests, wire.ErrRateLimited, "too many requests; try again later")
	e.RetryAfter = retry
	return e
}

func errRoomNotFound() *apiError {
	return refuse(http.StatusNotFound, wire.ErrRoomNotFound, "no live class has this code")
}

func errUnauthorized() *apiError {
	return refuse(http.StatusUnauthorized, wire.ErrUnauthorized, "this needs the token given when the class was started or joined")
}

func errForbidden() *apiError {
	return refuse(http.StatusForbidden, wire.ErrForbidden, "only the teacher can do this")
}

func errLimit(code, format string, args ...any) *apiError {
	return refuse(http.StatusConflict, code, format, args...)
}

func unavailable() *apiError {
	e := refuse(http.StatusServiceUnavailable, wire.ErrUnavailable, "the live class is unreachable for a moment; try again")
	e.RetryAfter = time.Second
	return e
}

// codeTaken refuses a start whose code another room holds; the start
// tries another code, so the code never reaches a client.
const codeTaken = "code_taken"

package live

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"oversight/live/wire"
)

// routes is the HTTP API; README.md documents it.
func (h *Hub) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /rooms", h.createRoom)
	mux.HandleFunc("POST /join", h.join)
	mux.HandleFunc("GET /rooms/{code}", h.state)
	mux.HandleFunc("DELETE /rooms/{code}", h.end)
	mux.HandleFunc("GET /rooms/{code}/events", h.events)
	mux.HandleFunc("GET /rooms/{code}/export", h.export)
	mux.HandleFunc("POST /rooms/{code}/step", h.step)
	mux.HandleFunc("POST /rooms/{code}/polls", h.openPoll)
	mux.HandleFunc("POST /rooms/{code}/polls/{poll}/reveal", h.finishPoll(opReveal))
	mux.HandleFunc("POST /rooms/{code}/polls/{poll}/close", h.finishPoll(opClose))
	mux.HandleFunc("POST /rooms/{code}/polls/{poll}/answer", h.answer)
	mux.HandleFunc("POST /rooms/{code}/questions", h.ask)
	mux.HandleFunc("POST /rooms/{code}/questions/{question}/approve", h.moderate(opApprove))
	mux.HandleFunc("POST /rooms/{code}/questions/{question}/dismiss", h.moderate(opDismiss))
	return privateResponses(http.NewCrossOriginProtection().Handler(mux))
}

// privateResponses keeps every response out of caches: each is one
// client's view of a room at one moment.
func privateResponses(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}

// codeAttempts is how often a start tries a fresh code when the one drawn
// is in use; with at most a few hundred of 8.9 × 10⁸ codes in use, a second
// try is already rare.
const codeAttempts = 5

func (h *Hub) createRoom(w http.ResponseWriter, r *http.Request) {
	if ok, retry := h.creations.take(h.address(r), h.now()); !ok {
		writeError(w, rateLimited(retry))
		return
	}
	var req wire.CreateRequest
	if !readJSON(w, r, &req) {
		return
	}
	token, hash := newToken()
	c := command{Op: opCreate, Tour: req.Tour, Steps: req.Steps, Step: max(req.Step, 1), Auth: hash}
	for range codeAttempts {
		c.Room = newCode()
		out, err := h.submit(r.Context(), c)
		if err != nil {
			writeError(w, err)
			return
		}
		if out.err != nil && out.err.Code == codeTaken {
			continue
		}
		if out.err != nil {
			writeError(w, out.err)
			return
		}
		if view, ok := h.view(c.Room, hash); ok {
			writeJSON(w, http.StatusCreated, wire.CreateResponse{Code: c.Room, TeacherToken: token, Room: view})
		} else {
			writeError(w, errRoomNotFound())
		}
		return
	}
	writeError(w, refuse(http.StatusServiceUnavailable, wire.ErrUnavailable, "no free code was found; try again"))
}

func (h *Hub) join(w http.ResponseWriter, r *http.Request) {
	var req wire.JoinRequest
	if !readJSON(w, r, &req) {
		return
	}
	code, err := h.findRoom(r, req.Code)
	if err != nil {
		writeError(w, err)
		return
	}
	token, hash := newToken()
	if !h.run(w, r, command{Op: opJoin, Room: code, Auth: hash, Nickname: req.Nickname}) {
		return
	}
	if view, ok := h.view(code, hash); ok {
		writeJSON(w, http.StatusOK, wire.JoinResponse{StudentToken: token, Room: view})
	} else {
		writeError(w, errRoomNotFound())
	}
}

// state is the room as the request's token sees it: the teacher's view,
// a student's (with their answer), or without a token the class's.
//
// Like the export, it first catches up with every instance, so that it
// shows what a request to another instance just changed.
func (h *Hub) state(w http.ResponseWriter, r *http.Request) {
	if err := h.log.sync(r.Context()); err != nil {
		writeError(w, err)
		return
	}
	code, hash, _, ok := h.anyone(w, r)
	if ok {
		writeView(w, http.StatusOK, h, code, hash)
	}
}

func (h *Hub) step(w http.ResponseWriter, r *http.Request) {
	var req wire.StepRequest
	code, hash, ok := h.teacher(w, r, &req)
	if ok && h.run(w, r, command{Op: opStep, Room: code, Auth: hash, Step: req.Step, Move: req.Move}) {
		writeView(w, http.StatusOK, h, code, hash)
	}
}

func (h *Hub) openPoll(w http.ResponseWriter, r *http.Request) {
	var spec wire.PollSpec
	code, hash, ok := h.teacher(w, r, &spec)
	if !ok {
		return
	}
	out, done := h.runFor(w, r, command{Op: opOpen, Room: code, Auth: hash, Poll: &spec})
	if done {
		h.writePoll(w, http.StatusCreated, code, out.id)
	}
}

func (h *Hub) finishPoll(o op) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := pathID(w, r, "poll")
		if !ok {
			return
		}
		code, hash, ok := h.teacher(w, r, nil)
		if ok && h.run(w, r, command{Op: o, Room: code, Auth: hash, Target: id}) {
			h.writePoll(w, http.StatusOK, code, id)
		}
	}
}

func (h *Hub) answer(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r, "poll")
	if !ok {
		return
	}
	var req wire.AnswerRequest
	code, hash, ok := h.student(w, r, &req)
	if ok && h.run(w, r, command{Op: opAnswer, Room: code, Auth: hash, Target: id, Choice: req.Choice, Value: req.Value}) {
		writeJSON(w, http.StatusOK, wire.AnswerView{Poll: id, Choice: req.Choice, Value: req.Value})
	}
}

func (h *Hub) ask(w http.ResponseWriter, r *http.Request) {
	var req wire.AskRequest
	code, hash, ok := h.student(w, r, &req)
	if !ok {
		return
	}
	c := command{Op: opAsk, Room: code, Auth: hash, Text: req.Text}
	out, done := h.runFor(w, r, c)
	if done {
		c.check() // the text as stored, cleaned
		writeJSON(w, http.StatusAccepted, wire.QuestionView{ID: out.id, Text: c.Text, Status: wire.QuestionPending})
	}
}

func (h *Hub) moderate(o op) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, ok := pathID(w, r, "question")
		if !ok {
			return
		}
		code, hash, ok := h.teacher(w, r, nil)
		if ok && h.run(w, r, command{Op: o, Room: code, Auth: hash, Target: id}) {
			w.WriteHeader(http.StatusNoContent)
		}
	}
}

func (h *Hub) end(w http.ResponseWriter, r *http.Request) {
	code, hash, ok := h.teacher(w, r, nil)
	if ok && h.run(w, r, command{Op: opEnd, Room: code, Auth: hash}) {
		w.WriteHeader(http.StatusNoContent)
	}
}

func (h *Hub) export(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if format != "csv" && format != "json" {
		writeError(w, badRequest(`format must be "csv" or "json"`))
		return
	}
	code, _, ok := h.teacher(w, r, nil)
	if !ok {
		return
	}
	if err := h.log.sync(r.Context()); err != nil {
		writeError(w, err)
		return
	}
	h.mu.Lock()
	room := h.rooms.byCode[code]
	var e Export
	if room != nil {
		e = room.export()
	}
	h.mu.Unlock()
	if room == nil {
		writeError(w, errRoomNotFound())
		return
	}
	name := fmt.Sprintf("live-class-%s-%s.%s", e.Tour, code, format)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	if format == "json" {
		writeJSON(w, http.StatusOK, e)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Write(e.CSV())
}

// findRoom reads a code for a client address. A code that names no room
// counts against the address, and an address out of tries is refused
// whatever code it sends, so that codes cannot be enumerated.
func (h *Hub) findRoom(r *http.Request, typed string) (string, *apiError) {
	addr := h.address(r)
	if blocked, retry := h.failures.blocked(addr, h.now()); blocked {
		return "", rateLimited(retry)
	}
	code := wire.NormalizeCode(typed)
	if code != "" && !h.hasRoom(code) {
		// The room may have started on another instance a moment ago.
		if err := h.log.sync(r.Context()); err != nil {
			return "", unavailable()
		}
	}
	if code != "" && h.hasRoom(code) {
		return code, nil
	}
	h.failures.take(addr, h.now())
	return "", errRoomNotFound()
}

func (h *Hub) hasRoom(code string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.rooms.byCode[code] != nil
}

// anyone finds the path's room for any client, with the token the request
// carries if any: who is the audience that token sees.
func (h *Hub) anyone(w http.ResponseWriter, r *http.Request) (code string, hash tokenHash, who audience, ok bool) {
	code, err := h.findRoom(r, r.PathValue("code"))
	if err != nil {
		writeError(w, err)
		return "", hash, who, false
	}
	hash, given := bearer(r)
	if !given {
		return code, hash, studentAudience, true
	}
	who, known := h.known(r.Context(), code, hash)
	if !known {
		writeError(w, errUnauthorized())
		return "", hash, who, false
	}
	return code, hash, who, true
}

// teacher admits only the room's teacher, and reads the body into req
// (nil for none). Commands from anyone else never reach the log.
func (h *Hub) teacher(w http.ResponseWriter, r *http.Request, req any) (string, tokenHash, bool) {
	return h.member(w, r, req, teacherAudience)
}

// student admits only a student of the room.
func (h *Hub) student(w http.ResponseWriter, r *http.Request, req any) (string, tokenHash, bool) {
	return h.member(w, r, req, studentAudience)
}

func (h *Hub) member(w http.ResponseWriter, r *http.Request, req any, want audience) (string, tokenHash, bool) {
	if req != nil && !readJSON(w, r, req) {
		return "", tokenHash{}, false
	}
	hash, given := bearer(r)
	if !given {
		writeError(w, errUnauthorized())
		return "", hash, false
	}
	code, hash, who, ok := h.anyone(w, r)
	if !ok {
		return "", hash, false
	}
	if who != want {
		if want == teacherAudience {
			writeError(w, errForbidden())
		} else {
			writeError(w, refuse(http.StatusForbidden, wire.ErrForbidden, "only students answer and ask"))
		}
		return "", hash, false
	}
	return code, hash, true
}

// known says whose token hash is: the teacher's or a student's. A token
// this instance does not know yet may come from a join on another one, so
// it catches up once before saying no.
func (h *Hub) known(ctx context.Context, code string, hash tokenHash) (audience, bool) {
	who, ok := h.role(code, hash)
	if !ok && h.log.sync(ctx) == nil {
		who, ok = h.role(code, hash)
	}
	return who, ok
}

func (h *Hub) role(code string, hash tokenHash) (audience, bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.rooms.byCode[code]
	switch {
	case r == nil:
		return studentAudience, false
	case r.teacher.equal(hash):
		return teacherAudience, true
	default:
		_, ok := r.studentIndex[hash]
		return studentAudience, ok
	}
}

// run applies a command and writes its refusal, if any; it says whether
// the command was applied.
func (h *Hub) run(w http.ResponseWriter, r *http.Request, c command) bool {
	_, done := h.runFor(w, r, c)
	return done
}

func (h *Hub) runFor(w http.ResponseWriter, r *http.Request, c command) (outcome, bool) {
	out, err := h.submit(r.Context(), c)
	if err == nil && out.err != nil {
		err = out.err
	}
	if err != nil {
		writeError(w, err)
		return out, false
	}
	return out, true
}

// view is the room as the holder of hash sees it; ok is false once the
// room has ended.
func (h *Hub) view(code string, hash tokenHash) (view wire.RoomView, ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	r := h.rooms.byCode[code]
	if r == nil {
		return view, false
	}
	who := studentAudience
	if r.teacher.equal(hash) {
		who = teacherAudience
	}
	return r.view(who, hash), true
}

func writeView(w http.ResponseWriter, status int, h *Hub, code string, hash tokenHash) {
	if view, ok := h.view(code, hash); ok {
		writeJSON(w, status, view)
	} else {
		writeError(w, errRoomNotFound())
	}
}

// writePoll writes a poll as the teacher sees it.
func (h *Hub) writePoll(w http.ResponseWriter, status int, code string, id int) {
	h.mu.Lock()
	var view *wire.PollView
	err := errRoomNotFound()
	if r := h.rooms.byCode[code]; r != nil {
		var p *poll
		if p, err = r.poll(id); err == nil {
			v := p.view(teacherAudience)
			view = &v
		}
	}
	h.mu.Unlock()
	if view == nil {
		writeError(w, err)
		return
	}
	writeJSON(w, status, view)
}

// bearer reads "Authorization: Bearer <token>". Tokens travel only in this
// header, never in an address that could be logged or shared.
func bearer(r *http.Request) (tokenHash, bool) {
	token, found := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !found || token == "" {
		return tokenHash{}, false
	}
	return hashToken(token), true
}

func pathID(w http.ResponseWriter, r *http.Request, name string) (int, bool) {
	id, err := strconv.Atoi(r.PathValue(name))
	if err != nil || id < 1 {
		writeError(w, badRequest("%s must be a positive number", name))
		return 0, false
	}
	return id, true
}

func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeError(w, badRequest("the body must be one JSON object of the documented fields: %v", err))
		return false
	}
	return true
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// writeError writes a refusal as JSON; any other error (the NATS server
// unreachable, a request timing out) is a 503 to retry.
func writeError(w http.ResponseWriter, err error) {
	var e *apiError
	if !errors.As(err, &e) {
		e = unavailable()
	}
	if e.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int((e.RetryAfter+time.Second-1)/time.Second)))
	}
	writeJSON(w, e.Status, wire.Refusal{Error: e.Code, Message: e.Message})
}

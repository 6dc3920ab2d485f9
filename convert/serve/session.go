package serve

import (
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/govreport/govreport/convert/model"
)

// cookieName is the session cookie.
const cookieName = "govreport_session"

// session is one browser's uploads. Reports are kept in memory only.
type session struct {
	id   string
	used atomic.Int64 // unix nanoseconds of the last request

	mu    sync.Mutex
	seq   int
	items []*item
}

// item is one uploaded file: its report, or why it could not be read.
type item struct {
	ID        string
	File      string // display name, cleaned (see cleanName)
	Rep       *model.Report
	Err       string
	Failed    int
	Uncertain int
}

func (ss *session) touch()              { ss.used.Store(time.Now().UnixNano()) }
func (ss *session) lastUsed() time.Time { return time.Unix(0, ss.used.Load()) }

// newID returns 256 random bits, URL-safe.
func newID() string {
	var b [32]byte
	rand.Read(b[:]) // never fails (crypto/rand panics instead)
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// errNoSession: a cookie was sent but names no live session.
const msgNoSession = "会话不存在或已过期（服务器可能已重启，或长时间未操作）；请刷新页面后重新上传"

// lookup returns the request's session, or nil; sent reports whether the
// request carried a session cookie at all.
func (s *Server) lookup(r *http.Request) (ss *session, sent bool) {
	c, err := r.Cookie(cookieName)
	if err != nil || c.Value == "" {
		return nil, false
	}
	s.mu.Lock()
	ss = s.sessions[c.Value]
	s.mu.Unlock()
	if ss != nil {
		ss.touch()
	}
	return ss, true
}

// create starts a session and sets its cookie. The id is always fresh: an
// id the client proposes is never adopted (session fixation).
func (s *Server) create(w http.ResponseWriter) (*session, bool) {
	ss := &session{id: newID()}
	ss.touch()
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, false
	}
	if len(s.sessions) >= s.lim.MaxSessions {
		var oldest *session
		for _, o := range s.sessions {
			if oldest == nil || o.used.Load() < oldest.used.Load() {
				oldest = o
			}
		}
		delete(s.sessions, oldest.id)
	}
	s.sessions[ss.id] = ss
	s.mu.Unlock()
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: ss.id, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
	return ss, true
}

// need returns the session of a request that needs one, or writes 401.
func (s *Server) need(w http.ResponseWriter, r *http.Request) *session {
	ss, sent := s.lookup(r)
	if ss == nil {
		if sent {
			apiError(w, http.StatusUnauthorized, msgNoSession)
		} else {
			apiError(w, http.StatusUnauthorized, "还没有会话：请先上传报告")
		}
		return nil
	}
	return ss
}

// handleSession starts a session unless the request has a live one; the
// page calls it before uploading files in parallel, so that the parallel
// requests share one session instead of each starting its own.
func (s *Server) handleSession(w http.ResponseWriter, r *http.Request) {
	ss, _ := s.lookup(r)
	if ss == nil {
		var ok bool
		if ss, ok = s.create(w); !ok {
			apiError(w, http.StatusServiceUnavailable, "服务器正在关闭")
			return
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"total": ss.count()})
}

func (s *Server) handleEndSession(w http.ResponseWriter, r *http.Request) {
	if ss, _ := s.lookup(r); ss != nil {
		s.mu.Lock()
		delete(s.sessions, ss.id)
		s.mu.Unlock()
	}
	http.SetCookie(w, &http.Cookie{Name: cookieName, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	writeJSON(w, http.StatusOK, map[string]string{"message": "已清空本次会话的全部报告"})
}

// add appends items when they fit in the session's limit.
func (ss *session) add(items []*item, limit int) bool {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	if len(ss.items)+len(items) > limit {
		return false
	}
	for _, it := range items {
		ss.seq++
		it.ID = strconv.Itoa(ss.seq)
		ss.items = append(ss.items, it)
	}
	return true
}

func (ss *session) count() int {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return len(ss.items)
}

func (ss *session) get(id string) *item {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for _, it := range ss.items {
		if it.ID == id {
			return it
		}
	}
	return nil
}

func (ss *session) remove(id string) bool {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	for i, it := range ss.items {
		if it.ID == id {
			ss.items = append(ss.items[:i], ss.items[i+1:]...)
			return true
		}
	}
	return false
}

func (ss *session) snapshot() []*item {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	return append([]*item(nil), ss.items...)
}

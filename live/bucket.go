package live

import (
	"sync"
	"time"
)

// bucket is a token bucket in whole tokens, so that every instance that
// applies the same commands at the same timestamps reaches the same
// decisions. A timestamp earlier than the last one refills nothing.
type bucket struct {
	used       int
	refilledAt time.Time
}

// take spends a token at now, or says how long until one is free.
func (b *bucket) take(now time.Time, r Rate) (ok bool, retry time.Duration) {
	b.refill(now, r)
	if b.used >= r.Burst {
		return false, b.refilledAt.Add(r.Every).Sub(now)
	}
	if b.used == 0 {
		// The refill period starts with the first token spent.
		b.refilledAt = now
	}
	b.used++
	return true, 0
}

// empty says whether no token is left at now, and for how long.
func (b *bucket) empty(now time.Time, r Rate) (bool, time.Duration) {
	b.refill(now, r)
	if b.used < r.Burst {
		return false, 0
	}
	return true, b.refilledAt.Add(r.Every).Sub(now)
}

func (b *bucket) refill(now time.Time, r Rate) {
	elapsed := now.Sub(b.refilledAt)
	if b.used == 0 || elapsed < r.Every {
		return
	}
	n := elapsed / r.Every
	if n >= time.Duration(b.used) {
		b.used = 0
		return
	}
	b.used -= int(n)
	b.refilledAt = b.refilledAt.Add(n * r.Every)
}

// addressLimiter keeps one bucket per client address, local to an
// instance, and forgets addresses beyond a bound: first those whose bucket
// is full again, then any.
type addressLimiter struct {
	rate Rate
	max  int

	mu      sync.Mutex
	buckets map[string]*bucket
}

func newAddressLimiter(rate Rate, max int) *addressLimiter {
	return &addressLimiter{rate: rate, max: max, buckets: make(map[string]*bucket)}
}

// blocked says whether the address has no token left, and for how long.
func (l *addressLimiter) blocked(addr string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[addr]
	if b == nil {
		return false, 0
	}
	return b.empty(now, l.rate)
}

// take spends one of the address's tokens.
func (l *addressLimiter) take(addr string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.buckets[addr]
	if b == nil {
		l.makeRoom(now)
		b = &bucket{}
		l.buckets[addr] = b
	}
	return b.take(now, l.rate)
}

// forget drops the addresses whose bucket is full again: they are as if
// never seen.
func (l *addressLimiter) forget(now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.forgetRefilled(now)
}

func (l *addressLimiter) forgetRefilled(now time.Time) {
	for addr, b := range l.buckets {
		if b.refill(now, l.rate); b.used == 0 {
			delete(l.buckets, addr)
		}
	}
}

func (l *addressLimiter) makeRoom(now time.Time) {
	if len(l.buckets) < l.max {
		return
	}
	l.forgetRefilled(now)
	for addr := range l.buckets {
		if len(l.buckets) < l.max {
			return
		}
		delete(l.buckets, addr)
	}
}

func (l *addressLimiter) size() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

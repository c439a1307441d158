package live

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// request is a request from the peer remote ("host:port") with the given
// X-Forwarded-For lines.
func request(remote string, forwardedFor ...string) *http.Request {
	req := httptest.NewRequest("POST", "/rooms", nil)
	req.RemoteAddr = remote
	for _, line := range forwardedFor {
		req.Header.Add("X-Forwarded-For", line)
	}
	return req
}

func TestIPv6ClientsAreLimitedPerSlash64(t *testing.T) {
	a := RemoteAddress(request("[2001:db8:1:2:aaaa::1]:5000"))
	b := RemoteAddress(request("[2001:db8:1:2:bbbb::9]:5000"))
	c := RemoteAddress(request("[2001:db8:1:3::1]:5000"))
	if a != b || a == c {
		t.Fatalf("addresses read as %q %q %q; want the first two alike, the third apart", a, b, c)
	}
	if got := RemoteAddress(request("[::ffff:192.0.2.7]:80")); got != "192.0.2.7" {
		t.Fatalf("an IPv4-mapped address reads as %q", got)
	}
}

func TestAForwardedForHeaderFromAnUntrustedPeerIsIgnored(t *testing.T) {
	proxies, err := ParseTrustedProxies("10.0.0.5")
	if err != nil {
		t.Fatal(err)
	}
	for _, req := range []*http.Request{
		request("198.51.100.7:40000", "203.0.113.9"),
		request("198.51.100.7:40000", "10.0.0.5"),
		request("198.51.100.7:40000", "203.0.113.9, 10.0.0.5", "192.0.2.1"),
	} {
		if got := proxies.ClientAddress(req); got != "198.51.100.7" {
			t.Errorf("a direct client sending X-Forwarded-For %q is counted as %q, want its own address",
				req.Header.Values("X-Forwarded-For"), got)
		}
	}
	var none TrustedProxies
	if got := none.ClientAddress(request("10.0.0.5:40000", "203.0.113.9")); got != "10.0.0.5" {
		t.Errorf("with no proxy trusted, a proxy's request is counted as %q, want the proxy's address", got)
	}
}

func TestATrustedProxysForwardedForNamesTheClient(t *testing.T) {
	proxies, err := ParseTrustedProxies("10.0.0.5, 172.16.0.0/12,fd00::/8")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, remote string
		forwarded    []string
		want         string
	}{
		{"one proxy", "10.0.0.5:40000", []string{"203.0.113.9"}, "203.0.113.9"},
		{"a client that wrote its own header first", "10.0.0.5:40000", []string{"192.0.2.66, 203.0.113.9"}, "203.0.113.9"},
		{"two proxies, the header on two lines", "10.0.0.5:40000", []string{"192.0.2.66", "203.0.113.9, 172.16.4.2"}, "203.0.113.9"},
		{"an address with a port", "10.0.0.5:40000", []string{"203.0.113.9:51234"}, "203.0.113.9"},
		{"an IPv6 client, by its /64", "[fd00::5]:40000", []string{"[2001:db8:1:2::7]:443"}, "2001:db8:1:2::/64"},
		{"an IPv4-mapped proxy", "[::ffff:10.0.0.5]:40000", []string{"203.0.113.9"}, "203.0.113.9"},
		{"no header: the proxy itself", "10.0.0.5:40000", nil, "10.0.0.5"},
		{"only proxies: the farthest one", "10.0.0.5:40000", []string{"172.16.4.2"}, "172.16.4.2"},
		{"an unreadable hop: the proxy that sent it", "10.0.0.5:40000", []string{"203.0.113.9, unknown, 172.16.4.2"}, "172.16.4.2"},
	} {
		if got := proxies.ClientAddress(request(c.remote, c.forwarded...)); got != c.want {
			t.Errorf("%s: counted as %q, want %q", c.name, got, c.want)
		}
	}
}

func TestTrustedProxiesAreReadFromAList(t *testing.T) {
	proxies, err := ParseTrustedProxies(" 10.0.0.5 ,192.168.1.77/24,, 2001:db8::1")
	if err != nil {
		t.Fatal(err)
	}
	if got := len(proxies); got != 3 {
		t.Fatalf("read %d proxies, want 3: %v", got, proxies)
	}
	for _, addr := range []string{"10.0.0.5", "192.168.1.1", "2001:db8::1"} {
		if proxies.ClientAddress(request(net.JoinHostPort(addr, "1"), "203.0.113.9")) != "203.0.113.9" {
			t.Errorf("%s is not trusted", addr)
		}
	}
	if proxies.ClientAddress(request("10.0.0.6:1", "203.0.113.9")) != "10.0.0.6" {
		t.Errorf("10.0.0.6, beside the one address given, is trusted")
	}
	if none, err := ParseTrustedProxies(""); err != nil || len(none) != 0 {
		t.Errorf("an empty list reads as %v, %v", none, err)
	}
	if _, err := ParseTrustedProxies("10.0.0.5,proxy.example"); err == nil || !strings.Contains(err.Error(), "proxy.example") {
		t.Errorf("a host name is refused with %v, want an error naming it", err)
	}
}

func TestClientsBehindATrustedProxyHaveALimitEach(t *testing.T) {
	proxies, err := ParseTrustedProxies("10.0.0.5")
	if err != nil {
		t.Fatal(err)
	}
	limits := DefaultLimits()
	h, err := New(Config{Limits: limits, Now: newClock().Now, SweepEvery: -1, ClientAddress: proxies.ClientAddress})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close() })
	start := func(remote, forwardedFor string) int {
		req := httptest.NewRequest("POST", "/rooms", strings.NewReader(`{"tour":"t","steps":2}`))
		req.RemoteAddr = remote
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Forwarded-For", forwardedFor)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	for range limits.CreateRate.Burst {
		start("10.0.0.5:40000", "203.0.113.9")
	}
	if got := start("10.0.0.5:40000", "203.0.113.9"); got != http.StatusTooManyRequests {
		t.Errorf("a client past its limit, through the proxy, gets %d, want 429", got)
	}
	if got := start("10.0.0.5:40000", "203.0.113.10"); got != http.StatusCreated {
		t.Errorf("another client through the same proxy gets %d, want 201", got)
	}
	for range limits.CreateRate.Burst {
		start("198.51.100.7:40000", "192.0.2.1")
	}
	if got := start("198.51.100.7:40000", "192.0.2.2"); got != http.StatusTooManyRequests {
		t.Errorf("a direct client past its limit, naming another address in X-Forwarded-For, gets %d, want 429", got)
	}
}

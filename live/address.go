package live

import (
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// Client addresses, which the limits on unknown codes and on new rooms
// count against (Config.ClientAddress).

// RemoteAddress is the default client address: the connection's peer, with
// IPv6 addresses grouped by /64, since one host commonly holds a whole /64.
// Behind a reverse proxy every request has the proxy's address: give
// Config.ClientAddress TrustedProxies.ClientAddress instead.
func RemoteAddress(r *http.Request) string {
	host := hostOf(r.RemoteAddr)
	addr, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	return addressKey(addr)
}

// TrustedProxies are the reverse proxies in front of the server, by
// address or network, whose X-Forwarded-For header names the client.
type TrustedProxies []netip.Prefix

// ParseTrustedProxies reads a comma-separated list of addresses and
// networks: "10.0.0.5", "10.0.0.0/8, fd00::/8". An empty list trusts no
// proxy.
func ParseTrustedProxies(list string) (TrustedProxies, error) {
	var proxies TrustedProxies
	for _, item := range strings.Split(list, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		if prefix, err := netip.ParsePrefix(item); err == nil {
			proxies = append(proxies, prefix.Masked())
			continue
		}
		addr, err := netip.ParseAddr(item)
		if err != nil {
			return nil, fmt.Errorf("%q is neither an IP address nor a network such as 10.0.0.0/8", item)
		}
		addr = addr.Unmap().WithZone("")
		proxies = append(proxies, netip.PrefixFrom(addr, addr.BitLen()))
	}
	return proxies, nil
}

// ClientAddress names the client of a request that came through the
// proxies: the right-most address of X-Forwarded-For that is not a trusted
// proxy's. Each proxy appends the address it received the request from,
// and whatever stands to the left of the last trusted one the client may
// have written itself. A request whose peer is not a trusted proxy is
// counted against its peer, whatever header it sends (RemoteAddress).
func (t TrustedProxies) ClientAddress(r *http.Request) string {
	hop, err := netip.ParseAddr(hostOf(r.RemoteAddr))
	if err != nil || !t.trust(hop) {
		return RemoteAddress(r)
	}
	forwarded := forwardedFor(r.Header)
	for i := len(forwarded) - 1; i >= 0; i-- {
		addr, ok := parseHop(forwarded[i])
		if !ok {
			// A trusted proxy sent what no proxy writes: count the request
			// against that proxy rather than guess.
			break
		}
		if !t.trust(addr) {
			return addressKey(addr)
		}
		hop = addr
	}
	return addressKey(hop)
}

func (t TrustedProxies) trust(addr netip.Addr) bool {
	addr = addr.Unmap().WithZone("")
	for _, p := range t {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

// forwardedFor lists the addresses of every X-Forwarded-For line, in
// order: the client first, the latest proxy's peer last.
func forwardedFor(h http.Header) []string {
	var hops []string
	for _, line := range h.Values("X-Forwarded-For") {
		for _, hop := range strings.Split(line, ",") {
			if hop = strings.TrimSpace(hop); hop != "" {
				hops = append(hops, hop)
			}
		}
	}
	return hops
}

// parseHop reads one address of X-Forwarded-For, which some proxies write
// with a port ("192.0.2.7:51234", "[2001:db8::1]:443").
func parseHop(s string) (netip.Addr, bool) {
	if addr, err := netip.ParseAddr(s); err == nil {
		return addr, true
	}
	if addrPort, err := netip.ParseAddrPort(s); err == nil {
		return addrPort.Addr(), true
	}
	return netip.Addr{}, false
}

// hostOf is the host of a "host:port" address, or the address as it is.
func hostOf(hostPort string) string {
	host, _, err := net.SplitHostPort(hostPort)
	if err != nil {
		return hostPort
	}
	return host
}

// addressKey is what the rate limits count an address as: IPv4 (mapped
// or not) as itself, IPv6 by its /64.
func addressKey(addr netip.Addr) string {
	addr = addr.Unmap().WithZone("")
	if addr.Is6() {
		prefix, _ := addr.Prefix(64)
		return prefix.String()
	}
	return addr.String()
}

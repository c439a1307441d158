package app

import (
	"encoding/hex"
	"math/rand/v2"
)

// Oversight Explorer: newRandomID stands in for uuid.NewString, a random
// (version 4) UUID, for the device's ID and the state broadcast's: the
// uuid package brought crypto/rand, MD5 and SHA-1 into every visitor's
// WebAssembly. math/rand/v2's generator is ChaCha8 seeded by the runtime
// from the system's (the browser's) entropy, which is what an ID that
// must not collide needs; neither ID is a secret.
func newRandomID() string {
	var b [16]byte
	for i := 0; i < len(b); i += 8 {
		v := rand.Uint64()
		for j := 0; j < 8; j++ {
			b[i+j] = byte(v >> (8 * j))
		}
	}
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	s[8] = '-'
	hex.Encode(s[9:13], b[4:6])
	s[13] = '-'
	hex.Encode(s[14:18], b[6:8])
	s[18] = '-'
	hex.Encode(s[19:23], b[8:10])
	s[23] = '-'
	hex.Encode(s[24:], b[10:])
	return string(s[:])
}

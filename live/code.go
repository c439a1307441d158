package live

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"

	"oversight/live/wire"
)

// newCode draws a join code uniformly from wire.CodeAlphabet.
func newCode() string {
	const accept = 256 / len(wire.CodeAlphabet) * len(wire.CodeAlphabet)
	var code [wire.CodeLength]byte
	var buf [16]byte
	for n := 0; n < wire.CodeLength; {
		rand.Read(buf[:])
		for _, b := range buf {
			if int(b) < accept && n < wire.CodeLength {
				code[n] = wire.CodeAlphabet[int(b)%len(wire.CodeAlphabet)]
				n++
			}
		}
	}
	return string(code[:])
}

// tokenHash is what a room keeps of a secret token: commands and the NATS
// stream carry only hashes, never the tokens.
type tokenHash [sha256.Size]byte

// newToken returns a secret of 256 random bits, for a header.
func newToken() (string, tokenHash) {
	var secret [32]byte
	rand.Read(secret[:])
	token := base64.RawURLEncoding.EncodeToString(secret[:])
	return token, hashToken(token)
}

func hashToken(token string) tokenHash { return sha256.Sum256([]byte(token)) }

func (h tokenHash) equal(other tokenHash) bool {
	return subtle.ConstantTimeCompare(h[:], other[:]) == 1
}

func (h tokenHash) isZero() bool { return h == tokenHash{} }

// MarshalText and UnmarshalText keep a hash short in a command's JSON.
func (h tokenHash) MarshalText() ([]byte, error) {
	return base64.RawURLEncoding.AppendEncode(nil, h[:]), nil
}

func (h *tokenHash) UnmarshalText(text []byte) error {
	var decoded []byte
	decoded, err := base64.RawURLEncoding.AppendDecode(decoded, text)
	if err != nil {
		return err
	}
	*h = tokenHash{}
	copy(h[:], decoded)
	return nil
}

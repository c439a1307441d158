package live

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"strings"
)

// codeAlphabet has the digits and capitals that cannot be misread: no 0/O,
// 1/I/L. 31 symbols, 6 of them make 31⁶ ≈ 8.9 × 10⁸ codes, so with the
// default 200 live rooms one guess finds a room with probability 2.3 × 10⁻⁷.
const (
	codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
	codeLength   = 6
)

// newCode draws a join code uniformly from the alphabet.
func newCode() string {
	const accept = 256 / len(codeAlphabet) * len(codeAlphabet)
	var code [codeLength]byte
	var buf [16]byte
	for n := 0; n < codeLength; {
		rand.Read(buf[:])
		for _, b := range buf {
			if int(b) < accept && n < codeLength {
				code[n] = codeAlphabet[int(b)%len(codeAlphabet)]
				n++
			}
		}
	}
	return string(code[:])
}

// normalizeCode reads a code as a person types it: any case, with spaces
// or dashes. It returns "" for anything that cannot be a code.
func normalizeCode(s string) string {
	if len(s) > 4*codeLength {
		return ""
	}
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == ' ' || r == '-':
		case r < 128 && strings.IndexByte(codeAlphabet, byte(r)) >= 0:
			b.WriteRune(r)
		default:
			return ""
		}
	}
	if b.Len() != codeLength {
		return ""
	}
	return b.String()
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

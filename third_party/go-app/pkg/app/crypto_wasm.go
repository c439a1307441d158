// Oversight Explorer: the browser build has no AES. Context.Encrypt and
// Decrypt, and State.PersistWithEncryption, which call these, are not used
// by the app, and Go's AES-GCM with the random source and hashes it brings
// was about 155 KB of every visitor's WebAssembly (crypto.go is the
// server's).

package app

import "github.com/maxence-charriere/go-app/v10/pkg/errors"

var errNoEncryption = errors.New("encryption is left out of Oversight Explorer's browser build of go-app")

func encrypt(key string, v []byte) ([]byte, error) {
	return nil, errNoEncryption
}

func decrypt(key string, v []byte) ([]byte, error) {
	return nil, errNoEncryption
}

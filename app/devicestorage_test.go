package app

import (
	"strings"
	"testing"
	"time"

	"oversight/localdata"
)

func TestStorageExceptionsAreToldApartByName(t *testing.T) {
	for name, want := range map[string]error{
		"QuotaExceededError":         localdata.ErrStorageFull,
		"NS_ERROR_DOM_QUOTA_REACHED": localdata.ErrStorageFull,
		"SecurityError":              localdata.ErrStorageBlocked,
		"":                           localdata.ErrStorageBlocked,
	} {
		if got := storageError(name); got != want {
			t.Errorf("%q is taken for %v", name, got)
		}
	}
}

func TestTheLocalDataNamesTheAppAsReadersKnowIt(t *testing.T) {
	device := localdata.Open(nil, nil, time.Now)
	_, err := device.ImportData([]byte(`{"visited": []}`))
	if err == nil || !strings.Contains(err.Error(), "not a file exported by "+SiteName+":") {
		t.Errorf("refusing a file that is not an export says %v, want it to name %s", err, SiteName)
	}
}

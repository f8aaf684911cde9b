package sqlite_test

import (
	"testing"

	"github.com/recouvre/recouvre/internal/store/storetest"
)

func TestContract(t *testing.T) {
	storetest.Run(t, storetest.OpenSQLite)
}

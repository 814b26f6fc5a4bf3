package render

import (
	"math"
	"testing"

	"github.com/byline/byline/generator/i18n"
)

func TestMoney(t *testing.T) {
	en := i18n.Builtin("en")
	for _, tc := range []struct {
		amount   any
		currency string
		want     string
	}{
		{128000.0, "USD", "$128,000"},
		{171000, "usd", "$171,000"},
		{int64(-1234567), "EUR", "€-1,234,567"},
		{999.5, "", "1,000"},
		{0, "XYZ", "0 XYZ"},
	} {
		got, err := money(en, tc.amount, tc.currency)
		if err != nil || got != tc.want {
			t.Errorf("money(%v, %q) = %q, %v; want %q", tc.amount, tc.currency, got, err, tc.want)
		}
	}
	// Values a data file or front matter can hold (.nan, .inf, 1.0e+30)
	// that no int64 holds were shown as "$-9,223,372,036,854,775,808".
	for _, amount := range []any{math.NaN(), math.Inf(1), math.Inf(-1), 1e30, -1e19, "12"} {
		if got, err := money(en, amount, "USD"); err == nil {
			t.Errorf("money(%v) = %q, want an error", amount, got)
		}
	}
}

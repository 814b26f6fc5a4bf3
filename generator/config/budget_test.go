package config

import (
	"strings"
	"testing"
)

func TestPageBudget(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want int
		msg  string
	}{
		{"title: x\n", DefaultPageBudgetKB, ""},
		{"page_budget_kb: 80\n", 80, ""},
		{"page_budget_kb: 0\n", DefaultPageBudgetKB, `site/config.yaml:1:17: page_budget_kb must be at least 1`},
	} {
		cfg, msgs := load(t, tt.src)
		if cfg.PageBudgetKB != tt.want || strings.Join(msgs, "\n") != tt.msg {
			t.Errorf("%q: budget %d, messages %q; want %d, %q", tt.src, cfg.PageBudgetKB, msgs, tt.want, tt.msg)
		}
	}
}

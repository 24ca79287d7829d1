// rules-check loads Prometheus rule files through rulefmt, the parser Prometheus and promtool's
// `check rules` use (rule syntax, PromQL expressions, label and annotation templates), so the rules in
// infra/prometheus/rules can be validated on machines that have no Prometheus.
//
// Usage: go run . FILE...
// Prints, per file, its groups and rules with the metric names each expression reads, as JSON, and
// exits 0; or prints every error and exits 1.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"

	"github.com/prometheus/prometheus/model/rulefmt"
	"github.com/prometheus/prometheus/promql/parser"
)

type rule struct {
	Alert   string            `json:"alert,omitempty"`
	Record  string            `json:"record,omitempty"`
	Expr    string            `json:"expr"`
	For     string            `json:"for,omitempty"`
	Labels  map[string]string `json:"labels,omitempty"`
	Metrics []string          `json:"metrics"`
}

type group struct {
	Name  string `json:"name"`
	Rules []rule `json:"rules"`
}

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: rules-check FILE...")
		os.Exit(2)
	}
	out := map[string][]group{}
	failed := false
	for _, file := range os.Args[1:] {
		groups, errs := rulefmt.ParseFile(file, false)
		for _, err := range errs {
			fmt.Fprintf(os.Stderr, "rules-check: %s: %v\n", file, err)
			failed = true
		}
		if groups == nil {
			continue
		}
		for _, g := range groups.Groups {
			gg := group{Name: g.Name}
			for _, r := range g.Rules {
				expr, err := parser.ParseExpr(r.Expr)
				if err != nil {
					fmt.Fprintf(os.Stderr, "rules-check: %s: %s: %v\n", file, r.Expr, err)
					failed = true
					continue
				}
				gg.Rules = append(gg.Rules, rule{Alert: r.Alert, Record: r.Record, Expr: r.Expr, For: r.For.String(), Labels: r.Labels, Metrics: metricNames(expr)})
			}
			out[file] = append(out[file], gg)
		}
	}
	if failed {
		os.Exit(1)
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		fmt.Fprintln(os.Stderr, "rules-check:", err)
		os.Exit(1)
	}
}

// metricNames lists the metric names an expression selects, sorted and without repeats.
func metricNames(expr parser.Expr) []string {
	seen := map[string]bool{}
	parser.Inspect(expr, func(node parser.Node, _ []parser.Node) error {
		if vs, ok := node.(*parser.VectorSelector); ok && vs.Name != "" {
			seen[vs.Name] = true
		}
		return nil
	})
	names := []string{}
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// compose-check loads a compose file through compose-go, the loader behind `docker compose config`,
// so the file can be validated on machines that have no compose plugin or Docker engine.
//
// Usage: go run . [path/to/docker-compose.yml]   (default: ../../docker-compose.yml)
// Prints the normalised project as JSON and exits 0, or prints one error line and exits 1.
package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
)

func main() {
	file := "../../docker-compose.yml"
	if len(os.Args) > 1 {
		file = os.Args[1]
	}
	project, err := load(file)
	if err == nil {
		err = checkDependencies(project)
	}
	if err == nil {
		var out []byte
		if out, err = project.MarshalJSON(); err == nil {
			fmt.Println(string(out))
			return
		}
	}
	fmt.Fprintln(os.Stderr, "compose-check: "+strings.ReplaceAll(err.Error(), "\n", " "))
	os.Exit(1)
}

func load(file string) (*types.Project, error) {
	opts, err := cli.NewProjectOptions([]string{file},
		cli.WithOsEnv,
		cli.WithDotEnv,
		cli.WithName("motcua"),
		cli.WithConsistency(true),
		// Explicit, so that a change of library defaults cannot silently turn validation off.
		cli.WithLoadOptions(func(o *loader.Options) { o.SkipValidation = false }),
	)
	if err != nil {
		return nil, err
	}
	return cli.ProjectFromOptions(context.Background(), opts)
}

// checkDependencies enforces start-order rules that the schema accepts but that would make
// `docker compose up` hang or fail at run time. Targets are required to exist even with
// `required: false`, because this stack has no optional services.
func checkDependencies(p *types.Project) error {
	var problems []string
	for _, name := range p.ServiceNames() {
		s := p.Services[name]
		for target, dep := range s.DependsOn {
			t, ok := p.Services[target]
			if !ok {
				problems = append(problems, fmt.Sprintf("service %q depends on undefined service %q", name, target))
				continue
			}
			switch dep.Condition {
			case types.ServiceConditionHealthy:
				// An image's own HEALTHCHECK would also do, but it is invisible here; require it in the file.
				if !hasHealthcheck(t) {
					problems = append(problems, fmt.Sprintf("service %q depends on %q with condition service_healthy, but %q has no healthcheck", name, target, target))
				}
			case types.ServiceConditionCompletedSuccessfully:
				// A restarting one-shot never "completes", so its dependents would never start.
				if t.Restart != "" && t.Restart != types.RestartPolicyNo {
					problems = append(problems, fmt.Sprintf("service %q depends on %q with condition service_completed_successfully, but %q has restart: %q (want \"no\" or none)", name, target, target, t.Restart))
				}
			}
		}
	}
	if len(problems) == 0 {
		return nil
	}
	sort.Strings(problems)
	return fmt.Errorf("%s", strings.Join(problems, "; "))
}

func hasHealthcheck(s types.ServiceConfig) bool {
	h := s.HealthCheck
	return h != nil && !h.Disable && len(h.Test) > 0 && h.Test[0] != "NONE"
}

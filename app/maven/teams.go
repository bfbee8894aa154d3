package maven

import (
	"errors"
	"fmt"
	"io"
	"strings"
)

// team is the manager and regional office of one sales agent.
type team struct {
	manager string
	office  string
}

// note returns the team as a line for an opportunity's notes.
func (t team) note() string {
	var parts []string
	if t.manager != "" {
		parts = append(parts, "manager "+t.manager)
	}
	if t.office != "" {
		parts = append(parts, "regional office "+t.office)
	}
	if len(parts) == 0 {
		return ""
	}

	return fmt.Sprintf("Sales team: %s.", strings.Join(parts, ", "))
}

// readSalesTeams reads sales_teams.csv into a map from agent to team.
// The file is optional: a missing file returns an error wrapping
// fs.ErrNotExist, which the caller ignores.
func readSalesTeams(path string) (map[string]team, error) {
	t, err := openTable(path, "sales_agent")
	if err != nil {
		return nil, err
	}
	defer t.close()

	teams := map[string]team{}
	for {
		r, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}

		agent := r.get("sales_agent")
		if agent == "" {
			return nil, r.errorf("sales_agent is empty")
		}

		teams[agent] = team{manager: r.get("manager"), office: r.get("regional_office")}
	}

	return teams, nil
}

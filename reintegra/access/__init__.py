"""The access layer: which sections of a case a user may open (`sections`), and the case scope
through which every record hanging off a case is reached (`scope`). Whether a case itself is
visible is decided in `reintegra.cases.access`."""

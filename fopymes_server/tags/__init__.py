"""Tags of a workspace: labels on transactions (a trip, a project), any number per row."""

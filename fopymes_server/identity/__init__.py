"""Users, workspaces, memberships with roles, sessions and personal access tokens."""

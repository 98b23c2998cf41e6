"""Income and expense categories of a workspace, one level of sub-categories."""

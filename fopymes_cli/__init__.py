"""The `fopymes` command line: thin Typer commands over fopymes_server's services."""

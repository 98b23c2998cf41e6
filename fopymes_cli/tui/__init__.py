"""The Textual dashboard behind `fopymes tui`.

Importing this package pulls in Textual, so only `fopymes_cli.commands.tui` imports it, and
only inside its command function: `fopymes --help` and every other command stay light.
"""

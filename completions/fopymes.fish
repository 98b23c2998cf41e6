# fish completion for fopymes (regenerate: python -m fopymes_cli.completion_scripts)
complete --command fopymes --no-files --arguments "(env _FOPYMES_COMPLETE=complete_fish _TYPER_COMPLETE_FISH_ACTION=get-args _TYPER_COMPLETE_ARGS=(commandline -cp) fopymes)" --condition "env _FOPYMES_COMPLETE=complete_fish _TYPER_COMPLETE_FISH_ACTION=is-args _TYPER_COMPLETE_ARGS=(commandline -cp) fopymes"

# bash completion for fopymes (regenerate: python -m fopymes_cli.completion_scripts)
_fopymes_completion() {
    local IFS=$'
'
    COMPREPLY=( $( env COMP_WORDS="${COMP_WORDS[*]}" \
                   COMP_CWORD=$COMP_CWORD \
                   _FOPYMES_COMPLETE=complete_bash $1 ) )
    return 0
}

complete -o default -F _fopymes_completion fopymes

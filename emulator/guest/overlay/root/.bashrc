# The learner's shell.
[ -z "$PS1" ] && return
export HISTCONTROL=ignoredups
shopt -s checkwinsize
alias ls='ls --color=auto'
alias ll='ls -l'
# Semantic prompt marks (OSC 133, as VS Code and iTerm2 use): the page reads them to know
# when a command starts (C) and when the prompt is back (A). Terminals ignore them.
PS0=$'\e]133;C\a'
PS1='\[\e]133;A\a\]\[\e[1;32m\]\u@\h\[\e[0m\]:\[\e[1;34m\]\w\[\e[0m\]\$ '

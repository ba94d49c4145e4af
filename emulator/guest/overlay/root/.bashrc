# The learner's shell.
[ -z "$PS1" ] && return
export HISTCONTROL=ignoredups
# No mail comes to this machine. Bash would still look in /var/mail before a prompt once a minute
# has passed; offline, that one read of a disk part the browser never fetched stalls the shell.
unset MAILCHECK MAIL MAILPATH
shopt -s checkwinsize
alias ls='ls --color=auto'
alias ll='ls -l'
# Semantic prompt marks (OSC 133, as VS Code and iTerm2 use): the page reads them to know
# when a command starts (C) and when the prompt is back (A). Terminals ignore them.
PS0=$'\e]133;C\a'
PS1='\[\e]133;A\a\]\[\e[1;32m\]\u@\h\[\e[0m\]:\[\e[1;34m\]\w\[\e[0m\]\$ '

# This machine has no internet: when a pull (or a run that needed one) fails, name what the
# local registry does hold. The real docker CLI runs unchanged; this only adds a hint after it.
docker() {
  command docker "$@"
  local status=$?
  case "$1:$status" in
    pull:0 | *:0) ;;
    pull:* | run:125 | create:125)
      printf '\nhint: this machine is offline. Its registry (localhost:5000) holds: %s\n' \
        "$(cat /etc/dbl/registry-images 2>/dev/null)" >&2 ;;
  esac
  return $status
}

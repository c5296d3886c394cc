# bash completion for codecell(1). Installed to
# share/bash-completion/completions/codecell.
_codecell() {
	local cur prev words cword
	_init_completion || return
	local run_opts="--host --json --pretty --policy --timeout --cpu --memory --heap --max-output
		--max-tool-calls --max-frame --cgroup --cgroup-parent --namespace --filename --workspace --require
		--server --policy-name --help"
	if [[ $cword -eq 1 ]]; then
		COMPREPLY=($(compgen -W "run serve policy mcp types version help --help --version" -- "$cur"))
		return
	fi
	case ${words[1]} in
	run)
		case $prev in
		--policy) _filedir 'json?(c)'; return ;;
		--cgroup) COMPREPLY=($(compgen -W "auto required off" -- "$cur")); return ;;
		--require) COMPREPLY=($(compgen -W "cgroup userns-limit hostname all" -- "$cur")); return ;;
		--cgroup-parent | --workspace) _filedir -d; return ;;
		--timeout | --cpu) COMPREPLY=($(compgen -W "500ms 5s 30s 2min" -- "$cur")); return ;;
		--memory | --heap | --max-output | --max-frame) COMPREPLY=($(compgen -W "64KiB 1MiB 64MiB 256MiB" -- "$cur")); return ;;
		--server) _filedir; return ;;
		--max-tool-calls | --namespace | --filename | --policy-name) return ;;
		esac
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "$run_opts" -- "$cur"))
		else
			_filedir '@(js|mjs|ts|mts|md)'
		fi
		;;
	serve)
		case $prev in
		--socket) _filedir; return ;;
		--policy) return ;;
		--cgroup-parent) _filedir -d; return ;;
		--queue-timeout | --drain-timeout) COMPREPLY=($(compgen -W "500ms 5s 30s" -- "$cur")); return ;;
		--socket-mode | --socket-group | --max-runs | --max-queue | --pool | --reuse | --require) return ;;
		esac
		COMPREPLY=($(compgen -W "--socket --socket-mode --socket-group --stdio --policy --max-runs --max-queue
			--queue-timeout --drain-timeout --pool --reuse --no-template --no-pretouch --metrics --cgroup-parent --require
			--help" -- "$cur"))
		;;
	policy)
		if [[ $cword -eq 2 ]]; then
			COMPREPLY=($(compgen -W "check show" -- "$cur"))
		elif [[ $cur == -* && ${words[2]} == check ]]; then
			COMPREPLY=($(compgen -W "--env --help" -- "$cur"))
		else
			_filedir 'json?(c)'
		fi
		;;
	mcp)
		if [[ $prev == --config ]]; then
			_filedir 'json?(c)'
		else
			COMPREPLY=($(compgen -W "--config --help" -- "$cur"))
		fi
		;;
	types) _filedir json ;;
	esac
} && complete -F _codecell codecell

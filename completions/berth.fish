# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_berth_global_optspecs
    string join \n root= runroot= log-level= storage-opt= events-backend= storage-driver= D/debug= noout runtime= runtime-flag= h/help V/version
end

function __fish_berth_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_berth_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_berth_using_subcommand
    set -l cmd (__fish_berth_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c berth -n "__fish_berth_needs_command" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_needs_command" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_needs_command" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_needs_command" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_needs_command" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_needs_command" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_needs_command" -s D -l debug -d 'Docker compatibility, force setting of log-level (Podman\'s hidden -D/--debug[=BOOL]: before the command only)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_needs_command" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_needs_command" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_needs_command" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_needs_command" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_needs_command" -s V -l version -d 'Print version'
complete -c berth -n "__fish_berth_needs_command" -f -a "run" -d 'Run a command in a new container'
complete -c berth -n "__fish_berth_needs_command" -f -a "create" -d 'Create but do not start a container'
complete -c berth -n "__fish_berth_needs_command" -f -a "start" -d 'Start one or more containers'
complete -c berth -n "__fish_berth_needs_command" -f -a "stop" -d 'Stop one or more containers'
complete -c berth -n "__fish_berth_needs_command" -f -a "kill" -d 'Kill one or more running containers with a specific signal'
complete -c berth -n "__fish_berth_needs_command" -f -a "restart" -d 'Restart one or more containers'
complete -c berth -n "__fish_berth_needs_command" -f -a "rm" -d 'Remove one or more containers'
complete -c berth -n "__fish_berth_needs_command" -f -a "logs" -d 'Fetch the logs of a container'
complete -c berth -n "__fish_berth_needs_command" -f -a "wait" -d 'Block on one or more containers'
complete -c berth -n "__fish_berth_needs_command" -f -a "attach" -d 'Attach to a running container'
complete -c berth -n "__fish_berth_needs_command" -f -a "exec" -d 'Run a process in a running container'
complete -c berth -n "__fish_berth_needs_command" -f -a "rename" -d 'Rename an existing container'
complete -c berth -n "__fish_berth_needs_command" -f -a "port" -d 'List port mappings or a specific mapping for the container'
complete -c berth -n "__fish_berth_needs_command" -f -a "top" -d 'Display the running processes of a container'
complete -c berth -n "__fish_berth_needs_command" -f -a "pause" -d 'Pause all the processes in one or more containers'
complete -c berth -n "__fish_berth_needs_command" -f -a "unpause" -d 'Unpause the processes in one or more containers'
complete -c berth -n "__fish_berth_needs_command" -f -a "ps" -d 'List containers'
complete -c berth -n "__fish_berth_needs_command" -f -a "container" -d 'Manage containers'
complete -c berth -n "__fish_berth_needs_command" -f -a "pull" -d 'Pull an image from a registry'
complete -c berth -n "__fish_berth_needs_command" -f -a "tag" -d 'Add an additional name to a local image'
complete -c berth -n "__fish_berth_needs_command" -f -a "history" -d 'Show history of a specified image'
complete -c berth -n "__fish_berth_needs_command" -f -a "untag" -d 'Remove a name from a local image'
complete -c berth -n "__fish_berth_needs_command" -f -a "images" -d 'List images in local storage'
complete -c berth -n "__fish_berth_needs_command" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c berth -n "__fish_berth_needs_command" -f -a "inspect" -d 'Display the configuration of an object'
complete -c berth -n "__fish_berth_needs_command" -f -a "image" -d 'Manage images'
complete -c berth -n "__fish_berth_needs_command" -f -a "events" -d 'Show berth events'
complete -c berth -n "__fish_berth_needs_command" -f -a "info" -d 'Display berth related system information'
complete -c berth -n "__fish_berth_needs_command" -f -a "version" -d 'Display the berth version information'
complete -c berth -n "__fish_berth_needs_command" -f -a "completion" -d 'Generate shell autocompletions'
complete -c berth -n "__fish_berth_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand run" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l sig-proxy -d 'Proxy received signals to the process' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand run" -l name -d 'Assign a name to the container' -r
complete -c berth -n "__fish_berth_using_subcommand run" -s i -l interactive -d 'Keep STDIN open even if not attached' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand run" -s t -l tty -d 'Allocate a pseudo-TTY for the container' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand run" -s e -l env -d 'Set environment variables in the container' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c berth -n "__fish_berth_using_subcommand run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c berth -n "__fish_berth_using_subcommand run" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l group-add -d 'Add additional groups to join' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c berth -n "__fish_berth_using_subcommand run" -s h -l hostname -d 'Set container hostname' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l cap-add -d 'Add capabilities to the container' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l cap-drop -d 'Drop capabilities from the container' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l security-opt -d 'Security options (no-new-privileges, seccomp=unconfined|PROFILE)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l ulimit -d 'Ulimit options (e.g. nofile=1024:2048)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l network -d 'Connect a container to a network: none (default here) or host' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l tz -d 'Set timezone in container (accepted; the rootfs\'s zoneinfo is used)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l init-path -d 'Path to the container-init binary (default: catatonit, as Podman)' -r -F
complete -c berth -n "__fish_berth_using_subcommand run" -l preserve-fds -d 'Pass a number of additional file descriptors into the container' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l timeout -d 'Maximum length of time a container is allowed to run (seconds)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l stop-signal -d 'Signal to stop a container' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l stop-timeout -d 'Timeout (in seconds) to stop a container' -r
complete -c berth -n "__fish_berth_using_subcommand run" -s l -l label -d 'Set metadata on the container' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l annotation -d 'Add an annotation to the container' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l log-driver -d 'Logging driver: k8s-file, none or passthrough' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l pull -d 'Pull image policy: always, missing, never, newer' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l tls-verify -d 'Require HTTPS and verify certificates when pulling' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand run" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l cidfile -d 'Write the container ID to the file' -r -F
complete -c berth -n "__fish_berth_using_subcommand run" -l conmon-pidfile -d 'Path to the file that will receive the PID of the container\'s supervisor (Podman\'s conmon)' -r -F
complete -c berth -n "__fish_berth_using_subcommand run" -l hostuser -d 'Host user account to add to /etc/passwd within the container' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l log-opt -d 'Logging driver options (max-size, path, tag)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l kernel-memory -d 'Kernel memory limit (no longer supported: a no-op, as in Podman)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand run" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand run" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand run" -s d -l detach -d 'Run container in background and print container ID'
complete -c berth -n "__fish_berth_using_subcommand run" -l rmi -d 'Remove container image unless used by other containers'
complete -c berth -n "__fish_berth_using_subcommand run" -l help -d 'Print help (-h is --hostname here, as in Podman)'
complete -c berth -n "__fish_berth_using_subcommand run" -l privileged -d 'Give extended privileges to the container'
complete -c berth -n "__fish_berth_using_subcommand run" -l read-only -d 'Make the container\'s root filesystem read-only'
complete -c berth -n "__fish_berth_using_subcommand run" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c berth -n "__fish_berth_using_subcommand run" -l rm -d 'Remove the container when it exits'
complete -c berth -n "__fish_berth_using_subcommand run" -l replace -d 'Replace a container with the same name'
complete -c berth -n "__fish_berth_using_subcommand run" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c berth -n "__fish_berth_using_subcommand run" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand create" -l name -d 'Assign a name to the container' -r
complete -c berth -n "__fish_berth_using_subcommand create" -s i -l interactive -d 'Keep STDIN open even if not attached' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand create" -s t -l tty -d 'Allocate a pseudo-TTY for the container' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand create" -s e -l env -d 'Set environment variables in the container' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c berth -n "__fish_berth_using_subcommand create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c berth -n "__fish_berth_using_subcommand create" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l group-add -d 'Add additional groups to join' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c berth -n "__fish_berth_using_subcommand create" -s h -l hostname -d 'Set container hostname' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l cap-add -d 'Add capabilities to the container' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l cap-drop -d 'Drop capabilities from the container' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l security-opt -d 'Security options (no-new-privileges, seccomp=unconfined|PROFILE)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l ulimit -d 'Ulimit options (e.g. nofile=1024:2048)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l network -d 'Connect a container to a network: none (default here) or host' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l tz -d 'Set timezone in container (accepted; the rootfs\'s zoneinfo is used)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l init-path -d 'Path to the container-init binary (default: catatonit, as Podman)' -r -F
complete -c berth -n "__fish_berth_using_subcommand create" -l preserve-fds -d 'Pass a number of additional file descriptors into the container' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l timeout -d 'Maximum length of time a container is allowed to run (seconds)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l stop-signal -d 'Signal to stop a container' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l stop-timeout -d 'Timeout (in seconds) to stop a container' -r
complete -c berth -n "__fish_berth_using_subcommand create" -s l -l label -d 'Set metadata on the container' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l annotation -d 'Add an annotation to the container' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l log-driver -d 'Logging driver: k8s-file, none or passthrough' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l pull -d 'Pull image policy: always, missing, never, newer' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l tls-verify -d 'Require HTTPS and verify certificates when pulling' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand create" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l cidfile -d 'Write the container ID to the file' -r -F
complete -c berth -n "__fish_berth_using_subcommand create" -l conmon-pidfile -d 'Path to the file that will receive the PID of the container\'s supervisor (Podman\'s conmon)' -r -F
complete -c berth -n "__fish_berth_using_subcommand create" -l hostuser -d 'Host user account to add to /etc/passwd within the container' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l log-opt -d 'Logging driver options (max-size, path, tag)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l kernel-memory -d 'Kernel memory limit (no longer supported: a no-op, as in Podman)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand create" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand create" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand create" -l help -d 'Print help (-h is --hostname here, as in Podman)'
complete -c berth -n "__fish_berth_using_subcommand create" -l privileged -d 'Give extended privileges to the container'
complete -c berth -n "__fish_berth_using_subcommand create" -l read-only -d 'Make the container\'s root filesystem read-only'
complete -c berth -n "__fish_berth_using_subcommand create" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c berth -n "__fish_berth_using_subcommand create" -l rm -d 'Remove the container when it exits'
complete -c berth -n "__fish_berth_using_subcommand create" -l replace -d 'Replace a container with the same name'
complete -c berth -n "__fish_berth_using_subcommand create" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c berth -n "__fish_berth_using_subcommand create" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand start" -s f -l filter -d 'Filter output based on conditions given' -r
complete -c berth -n "__fish_berth_using_subcommand start" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c berth -n "__fish_berth_using_subcommand start" -l sig-proxy -d 'Proxy received signals to the process (default true if attaching, false otherwise)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand start" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand start" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand start" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand start" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand start" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand start" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand start" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand start" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand start" -l all -d 'Start all containers regardless of their state or configuration'
complete -c berth -n "__fish_berth_using_subcommand start" -s a -l attach -d 'Attach container\'s STDOUT and STDERR'
complete -c berth -n "__fish_berth_using_subcommand start" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c berth -n "__fish_berth_using_subcommand start" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand start" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand stop" -s t -l time -d 'Seconds to wait for stop before killing the container' -r
complete -c berth -n "__fish_berth_using_subcommand stop" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand stop" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand stop" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand stop" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand stop" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand stop" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand stop" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand stop" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand stop" -s a -l all -d 'Stop all running containers'
complete -c berth -n "__fish_berth_using_subcommand stop" -s i -l ignore -d 'Ignore errors when a specified container is missing'
complete -c berth -n "__fish_berth_using_subcommand stop" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand stop" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand kill" -s s -l signal -d 'Signal to send to the container' -r
complete -c berth -n "__fish_berth_using_subcommand kill" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand kill" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand kill" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand kill" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand kill" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand kill" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand kill" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand kill" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand kill" -s a -l all -d 'Signal all running containers'
complete -c berth -n "__fish_berth_using_subcommand kill" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand kill" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand restart" -s t -l time -d 'Seconds to wait for stop before killing the container' -r
complete -c berth -n "__fish_berth_using_subcommand restart" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand restart" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand restart" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand restart" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand restart" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand restart" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand restart" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand restart" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand restart" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand restart" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand rm" -s t -l time -d 'Seconds to wait for stop before killing the container' -r
complete -c berth -n "__fish_berth_using_subcommand rm" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand rm" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand rm" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand rm" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand rm" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand rm" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand rm" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand rm" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand rm" -s a -l all -d 'Remove all containers'
complete -c berth -n "__fish_berth_using_subcommand rm" -s f -l force -d 'Force removal of a running or unusable container'
complete -c berth -n "__fish_berth_using_subcommand rm" -s i -l ignore -d 'Ignore errors when a specified container is missing'
complete -c berth -n "__fish_berth_using_subcommand rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c berth -n "__fish_berth_using_subcommand rm" -l depend -d 'Remove container and all containers that depend on it'
complete -c berth -n "__fish_berth_using_subcommand rm" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand rm" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand logs" -l since -d 'Show logs since TIMESTAMP' -r
complete -c berth -n "__fish_berth_using_subcommand logs" -l until -d 'Show logs until TIMESTAMP' -r
complete -c berth -n "__fish_berth_using_subcommand logs" -l tail -d 'Output the specified number of LINES at the end of the logs' -r
complete -c berth -n "__fish_berth_using_subcommand logs" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand logs" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand logs" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand logs" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand logs" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand logs" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand logs" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand logs" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand logs" -s f -l follow -d 'Follow log output'
complete -c berth -n "__fish_berth_using_subcommand logs" -s t -l timestamps -d 'Output the timestamps in the log'
complete -c berth -n "__fish_berth_using_subcommand logs" -s n -l names -d 'Output the container name in the log (with several containers)'
complete -c berth -n "__fish_berth_using_subcommand logs" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand logs" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand wait" -l condition -d 'Condition to wait on (stopped, exited, running)' -r
complete -c berth -n "__fish_berth_using_subcommand wait" -s i -l interval -d 'Time interval to wait before polling for completion (e.g. 250ms)' -r
complete -c berth -n "__fish_berth_using_subcommand wait" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand wait" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand wait" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand wait" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand wait" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand wait" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand wait" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand wait" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand wait" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand wait" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand attach" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c berth -n "__fish_berth_using_subcommand attach" -l sig-proxy -d 'Proxy received signals to the process' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand attach" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand attach" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand attach" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand attach" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand attach" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand attach" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand attach" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand attach" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand attach" -l no-stdin -d 'Do not attach STDIN'
complete -c berth -n "__fish_berth_using_subcommand attach" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand attach" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand exec" -s e -l env -d 'Set environment variables' -r
complete -c berth -n "__fish_berth_using_subcommand exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c berth -n "__fish_berth_using_subcommand exec" -s u -l user -d 'Sets the username or UID used and optionally the groupname or GID' -r
complete -c berth -n "__fish_berth_using_subcommand exec" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand exec" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand exec" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand exec" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand exec" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand exec" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand exec" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand exec" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand exec" -s d -l detach -d 'Run the exec session in detached mode (backgrounded)'
complete -c berth -n "__fish_berth_using_subcommand exec" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c berth -n "__fish_berth_using_subcommand exec" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c berth -n "__fish_berth_using_subcommand exec" -l privileged -d 'Give extended privileges to the process'
complete -c berth -n "__fish_berth_using_subcommand exec" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand exec" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand rename" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand rename" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand rename" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand rename" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand rename" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand rename" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand rename" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand rename" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand rename" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand rename" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand port" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand port" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand port" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand port" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand port" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand port" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand port" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand port" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand port" -s a -l all -d 'Display port information for all containers'
complete -c berth -n "__fish_berth_using_subcommand port" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand port" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand top" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand top" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand top" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand top" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand top" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand top" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand top" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand top" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand top" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand top" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand pause" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand pause" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand pause" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand pause" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand pause" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand pause" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand pause" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand pause" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand pause" -s a -l all -d 'Pause all running containers'
complete -c berth -n "__fish_berth_using_subcommand pause" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand pause" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand unpause" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand unpause" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand unpause" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand unpause" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand unpause" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand unpause" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand unpause" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand unpause" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand unpause" -s a -l all -d 'Pause all running containers'
complete -c berth -n "__fish_berth_using_subcommand unpause" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand unpause" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand ps" -s f -l filter -d 'Filter output based on conditions given' -r
complete -c berth -n "__fish_berth_using_subcommand ps" -l format -d 'Pretty-print containers to JSON or using a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand ps" -s n -l last -d 'Print the n last created containers (all states)' -r
complete -c berth -n "__fish_berth_using_subcommand ps" -l sort -d 'Sort output by: command, created, id, image, names, runningfor, size, status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
size\t''
status\t''"
complete -c berth -n "__fish_berth_using_subcommand ps" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand ps" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand ps" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand ps" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand ps" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand ps" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand ps" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand ps" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand ps" -s a -l all -d 'Show all the containers, default is only running containers'
complete -c berth -n "__fish_berth_using_subcommand ps" -l external -d 'Show containers in storage not controlled by Podman (berth has none)'
complete -c berth -n "__fish_berth_using_subcommand ps" -s l -l latest -d 'Act on the latest container berth is aware of'
complete -c berth -n "__fish_berth_using_subcommand ps" -l noheading -d 'Do not print headers'
complete -c berth -n "__fish_berth_using_subcommand ps" -l no-trunc -d 'Display the extended information'
complete -c berth -n "__fish_berth_using_subcommand ps" -s q -l quiet -d 'Print the numeric IDs of the containers only'
complete -c berth -n "__fish_berth_using_subcommand ps" -s s -l size -d 'Display the total file sizes'
complete -c berth -n "__fish_berth_using_subcommand ps" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand ps" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "run" -d 'Run a command in a new container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "create" -d 'Create but do not start a container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "start" -d 'Start one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "stop" -d 'Stop one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "kill" -d 'Kill one or more running containers with a specific signal'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "restart" -d 'Restart one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "rm" -d 'Remove one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "logs" -d 'Fetch the logs of a container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "wait" -d 'Block on one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "attach" -d 'Attach to a running container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "exec" -d 'Run a process in a running container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "rename" -d 'Rename an existing container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "port" -d 'List port mappings or a specific mapping for the container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "top" -d 'Display the running processes of a container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "pause" -d 'Pause all the processes in one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "unpause" -d 'Unpause the processes in one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "ps" -d 'List containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "ls" -d 'List containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "list" -d 'List containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "inspect" -d 'Display the configuration of a container'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "exists" -d 'Check if a container exists in local storage'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "prune" -d 'Remove all stopped containers'
complete -c berth -n "__fish_berth_using_subcommand container; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps ls list inspect exists prune help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l sig-proxy -d 'Proxy received signals to the process' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l name -d 'Assign a name to the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s i -l interactive -d 'Keep STDIN open even if not attached' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s t -l tty -d 'Allocate a pseudo-TTY for the container' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s e -l env -d 'Set environment variables in the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s w -l workdir -d 'Working directory inside the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l group-add -d 'Add additional groups to join' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s h -l hostname -d 'Set container hostname' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-add -d 'Add capabilities to the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cap-drop -d 'Drop capabilities from the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l security-opt -d 'Security options (no-new-privileges, seccomp=unconfined|PROFILE)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l ulimit -d 'Ulimit options (e.g. nofile=1024:2048)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l network -d 'Connect a container to a network: none (default here) or host' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l tz -d 'Set timezone in container (accepted; the rootfs\'s zoneinfo is used)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l init-path -d 'Path to the container-init binary (default: catatonit, as Podman)' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l preserve-fds -d 'Pass a number of additional file descriptors into the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l timeout -d 'Maximum length of time a container is allowed to run (seconds)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-signal -d 'Signal to stop a container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l stop-timeout -d 'Timeout (in seconds) to stop a container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s l -l label -d 'Set metadata on the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l annotation -d 'Add an annotation to the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l log-driver -d 'Logging driver: k8s-file, none or passthrough' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l pull -d 'Pull image policy: always, missing, never, newer' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l tls-verify -d 'Require HTTPS and verify certificates when pulling' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l cidfile -d 'Write the container ID to the file' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l conmon-pidfile -d 'Path to the file that will receive the PID of the container\'s supervisor (Podman\'s conmon)' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l hostuser -d 'Host user account to add to /etc/passwd within the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l log-opt -d 'Logging driver options (max-size, path, tag)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l kernel-memory -d 'Kernel memory limit (no longer supported: a no-op, as in Podman)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s d -l detach -d 'Run container in background and print container ID'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l rmi -d 'Remove container image unless used by other containers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l help -d 'Print help (-h is --hostname here, as in Podman)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l privileged -d 'Give extended privileges to the container'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l read-only -d 'Make the container\'s root filesystem read-only'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l rm -d 'Remove the container when it exits'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l replace -d 'Replace a container with the same name'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from run" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l name -d 'Assign a name to the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s i -l interactive -d 'Keep STDIN open even if not attached' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s t -l tty -d 'Allocate a pseudo-TTY for the container' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s e -l env -d 'Set environment variables in the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l env-file -d 'Read in a file of environment variables' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s w -l workdir -d 'Working directory inside the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s u -l user -d 'Username or UID (format: <name|uid>[:<group|gid>])' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l group-add -d 'Add additional groups to join' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l entrypoint -d 'Overwrite the default ENTRYPOINT of the image' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s h -l hostname -d 'Set container hostname' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-add -d 'Add capabilities to the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cap-drop -d 'Drop capabilities from the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l security-opt -d 'Security options (no-new-privileges, seccomp=unconfined|PROFILE)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l ulimit -d 'Ulimit options (e.g. nofile=1024:2048)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l network -d 'Connect a container to a network: none (default here) or host' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l tz -d 'Set timezone in container (accepted; the rootfs\'s zoneinfo is used)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l init-path -d 'Path to the container-init binary (default: catatonit, as Podman)' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l preserve-fds -d 'Pass a number of additional file descriptors into the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l timeout -d 'Maximum length of time a container is allowed to run (seconds)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-signal -d 'Signal to stop a container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l stop-timeout -d 'Timeout (in seconds) to stop a container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s l -l label -d 'Set metadata on the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l annotation -d 'Add an annotation to the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l log-driver -d 'Logging driver: k8s-file, none or passthrough' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l pull -d 'Pull image policy: always, missing, never, newer' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l tls-verify -d 'Require HTTPS and verify certificates when pulling' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s a -l attach -d 'Attach to STDIN, STDOUT or STDERR' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l cidfile -d 'Write the container ID to the file' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l conmon-pidfile -d 'Path to the file that will receive the PID of the container\'s supervisor (Podman\'s conmon)' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l hostuser -d 'Host user account to add to /etc/passwd within the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l log-opt -d 'Logging driver options (max-size, path, tag)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l kernel-memory -d 'Kernel memory limit (no longer supported: a no-op, as in Podman)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l help -d 'Print help (-h is --hostname here, as in Podman)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l privileged -d 'Give extended privileges to the container'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l read-only -d 'Make the container\'s root filesystem read-only'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l init -d 'Run an init inside the container that forwards signals and reaps processes'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l rm -d 'Remove the container when it exits'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l replace -d 'Replace a container with the same name'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from create" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -s f -l filter -d 'Filter output based on conditions given' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l sig-proxy -d 'Proxy received signals to the process (default true if attaching, false otherwise)' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l all -d 'Start all containers regardless of their state or configuration'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -s a -l attach -d 'Attach container\'s STDOUT and STDERR'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -s t -l time -d 'Seconds to wait for stop before killing the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -s a -l all -d 'Stop all running containers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -s i -l ignore -d 'Ignore errors when a specified container is missing'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -s s -l signal -d 'Signal to send to the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -s a -l all -d 'Signal all running containers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from kill" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -s t -l time -d 'Seconds to wait for stop before killing the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -s t -l time -d 'Seconds to wait for stop before killing the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all containers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -s f -l force -d 'Force removal of a running or unusable container'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore errors when a specified container is missing'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -s v -l volumes -d 'Remove anonymous volumes associated with the container'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -l depend -d 'Remove container and all containers that depend on it'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l since -d 'Show logs since TIMESTAMP' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l until -d 'Show logs until TIMESTAMP' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l tail -d 'Output the specified number of LINES at the end of the logs' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -s f -l follow -d 'Follow log output'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -s t -l timestamps -d 'Output the timestamps in the log'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -s n -l names -d 'Output the container name in the log (with several containers)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -l condition -d 'Condition to wait on (stopped, exited, running)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -s i -l interval -d 'Time interval to wait before polling for completion (e.g. 250ms)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l detach-keys -d 'Override the key sequence for detaching a container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l sig-proxy -d 'Proxy received signals to the process' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l no-stdin -d 'Do not attach STDIN'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from attach" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -s e -l env -d 'Set environment variables' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -s w -l workdir -d 'Working directory inside the container' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -s u -l user -d 'Sets the username or UID used and optionally the groupname or GID' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -s d -l detach -d 'Run the exec session in detached mode (backgrounded)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -s i -l interactive -d 'Keep STDIN open even if not attached'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -s t -l tty -d 'Allocate a pseudo-TTY'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l privileged -d 'Give extended privileges to the process'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exec" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rename" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rename" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rename" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rename" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rename" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rename" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rename" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rename" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rename" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -s a -l all -d 'Display port information for all containers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from port" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from top" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from top" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from top" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from top" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from top" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from top" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from top" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from top" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from top" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from top" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -s a -l all -d 'Pause all running containers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -s a -l all -d 'Pause all running containers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from unpause" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -s f -l filter -d 'Filter output based on conditions given' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -l format -d 'Pretty-print containers to JSON or using a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -s n -l last -d 'Print the n last created containers (all states)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -l sort -d 'Sort output by: command, created, id, image, names, runningfor, size, status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
size\t''
status\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -s a -l all -d 'Show all the containers, default is only running containers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -l external -d 'Show containers in storage not controlled by Podman (berth has none)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -s l -l latest -d 'Act on the latest container berth is aware of'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -l noheading -d 'Do not print headers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -l no-trunc -d 'Display the extended information'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -s q -l quiet -d 'Print the numeric IDs of the containers only'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -s s -l size -d 'Display the total file sizes'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ps" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output based on conditions given' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l format -d 'Pretty-print containers to JSON or using a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s n -l last -d 'Print the n last created containers (all states)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l sort -d 'Sort output by: command, created, id, image, names, runningfor, size, status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
size\t''
status\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all the containers, default is only running containers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l external -d 'Show containers in storage not controlled by Podman (berth has none)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s l -l latest -d 'Act on the latest container berth is aware of'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l noheading -d 'Do not print headers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Display the extended information'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Print the numeric IDs of the containers only'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s s -l size -d 'Display the total file sizes'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter output based on conditions given' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -l format -d 'Pretty-print containers to JSON or using a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -s n -l last -d 'Print the n last created containers (all states)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -l sort -d 'Sort output by: command, created, id, image, names, runningfor, size, status' -r -f -a "command\t''
created\t''
id\t''
image\t''
names\t''
runningfor\t''
size\t''
status\t''"
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all the containers, default is only running containers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -l external -d 'Show containers in storage not controlled by Podman (berth has none)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -s l -l latest -d 'Act on the latest container berth is aware of'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -l noheading -d 'Do not print headers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -l no-trunc -d 'Display the extended information'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print the numeric IDs of the containers only'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -s s -l size -d 'Display the total file sizes'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output using the given Go template' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -s t -l type -d 'Specify inspect-object type ("image", "container" or "all")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -s s -l size -d 'Display total file size'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exists" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exists" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exists" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exists" -l external -d 'Consider containers created by other tools too (berth has none)'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exists" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from prune" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from prune" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from prune" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run a command in a new container'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create but do not start a container'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "kill" -d 'Kill one or more running containers with a specific signal'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Restart one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "logs" -d 'Fetch the logs of a container'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Block on one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "attach" -d 'Attach to a running container'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "exec" -d 'Run a process in a running container'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Rename an existing container'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "port" -d 'List port mappings or a specific mapping for the container'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "top" -d 'Display the running processes of a container'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Pause all the processes in one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "unpause" -d 'Unpause the processes in one or more containers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "ps" -d 'List containers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display the configuration of a container'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check if a container exists in local storage'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove all stopped containers'
complete -c berth -n "__fish_berth_using_subcommand container; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand pull" -l arch -d 'Use ARCH instead of the architecture of the machine for choosing images' -r
complete -c berth -n "__fish_berth_using_subcommand pull" -l authfile -d 'Path of the authentication file' -r -F
complete -c berth -n "__fish_berth_using_subcommand pull" -l creds -d 'Credentials (USERNAME:PASSWORD) to use for authenticating to a registry' -r
complete -c berth -n "__fish_berth_using_subcommand pull" -l os -d 'Use OS instead of the running OS for choosing images' -r
complete -c berth -n "__fish_berth_using_subcommand pull" -l platform -d 'Specify the platform for selecting the image (OS/ARCH[/VARIANT])' -r
complete -c berth -n "__fish_berth_using_subcommand pull" -l variant -d 'Use VARIANT instead of the running architecture variant for choosing images' -r
complete -c berth -n "__fish_berth_using_subcommand pull" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand pull" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand pull" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand pull" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand pull" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand pull" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand pull" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand pull" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand pull" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand pull" -s a -l all-tags -d 'Pull all tagged images in the repository (not supported yet)'
complete -c berth -n "__fish_berth_using_subcommand pull" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c berth -n "__fish_berth_using_subcommand pull" -l disable-content-trust -d 'Do not verify image signatures (accepted for compatibility)'
complete -c berth -n "__fish_berth_using_subcommand pull" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand pull" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand tag" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand tag" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand tag" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand tag" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand tag" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand tag" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand tag" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand tag" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand tag" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand tag" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand history" -l format -d 'Change the output to JSON or a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand history" -s H -l human -d 'Display sizes and dates in human readable format' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand history" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand history" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand history" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand history" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand history" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand history" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand history" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand history" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand history" -l no-trunc -d 'Do not truncate the output'
complete -c berth -n "__fish_berth_using_subcommand history" -s q -l quiet -d 'Display the numeric IDs only'
complete -c berth -n "__fish_berth_using_subcommand history" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand history" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand untag" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand untag" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand untag" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand untag" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand untag" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand untag" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand untag" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand untag" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand untag" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand untag" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand images" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c berth -n "__fish_berth_using_subcommand images" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand images" -l sort -d 'Sort by created, id, repository, size or tag' -r
complete -c berth -n "__fish_berth_using_subcommand images" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand images" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand images" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand images" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand images" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand images" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand images" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand images" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand images" -s a -l all -d 'Show all images (default hides intermediate images)'
complete -c berth -n "__fish_berth_using_subcommand images" -l digests -d 'Show digests'
complete -c berth -n "__fish_berth_using_subcommand images" -s n -l noheading -d 'Do not print column headings'
complete -c berth -n "__fish_berth_using_subcommand images" -l no-trunc -d 'Do not truncate output'
complete -c berth -n "__fish_berth_using_subcommand images" -s q -l quiet -d 'Display only image IDs'
complete -c berth -n "__fish_berth_using_subcommand images" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand images" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand rmi" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand rmi" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand rmi" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand rmi" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand rmi" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand rmi" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand rmi" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand rmi" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand rmi" -s a -l all -d 'Remove all images'
complete -c berth -n "__fish_berth_using_subcommand rmi" -s f -l force -d 'Force removal of the image and any containers using the image'
complete -c berth -n "__fish_berth_using_subcommand rmi" -s i -l ignore -d 'Ignore errors if a specified image does not exist'
complete -c berth -n "__fish_berth_using_subcommand rmi" -l no-prune -d 'Do not remove dangling parent images (accepted for compatibility)'
complete -c berth -n "__fish_berth_using_subcommand rmi" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand rmi" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand inspect" -s f -l format -d 'Format the output using the given Go template' -r
complete -c berth -n "__fish_berth_using_subcommand inspect" -s t -l type -d 'Specify inspect-object type ("image", "container" or "all")' -r
complete -c berth -n "__fish_berth_using_subcommand inspect" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand inspect" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand inspect" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand inspect" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand inspect" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand inspect" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand inspect" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand inspect" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand inspect" -s s -l size -d 'Display total file size'
complete -c berth -n "__fish_berth_using_subcommand inspect" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -f -a "pull" -d 'Pull an image from a registry'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -f -a "tag" -d 'Add an additional name to a local image'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -f -a "history" -d 'Show history of a specified image'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -f -a "untag" -d 'Remove a name from a local image'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -f -a "ls" -d 'List images in local storage'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -f -a "list" -d 'List images in local storage'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -f -a "inspect" -d 'Display the configuration of an image'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -f -a "prune" -d 'Remove unused images'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -f -a "exists" -d 'Check if an image exists in local storage'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull tag history untag ls list rm inspect prune exists help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l arch -d 'Use ARCH instead of the architecture of the machine for choosing images' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l authfile -d 'Path of the authentication file' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l creds -d 'Credentials (USERNAME:PASSWORD) to use for authenticating to a registry' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l os -d 'Use OS instead of the running OS for choosing images' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l platform -d 'Specify the platform for selecting the image (OS/ARCH[/VARIANT])' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l variant -d 'Use VARIANT instead of the running architecture variant for choosing images' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l tls-verify -d 'Require HTTPS and verify certificates when contacting registries' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -s a -l all-tags -d 'Pull all tagged images in the repository (not supported yet)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l disable-content-trust -d 'Do not verify image signatures (accepted for compatibility)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'Change the output to JSON or a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -s H -l human -d 'Display sizes and dates in human readable format' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -d 'Do not truncate the output'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Display the numeric IDs only'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from untag" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from untag" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from untag" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from untag" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from untag" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from untag" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from untag" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from untag" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from untag" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from untag" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by created, id, repository, size or tag' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all images (default hides intermediate images)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print column headings'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate output'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Display only image IDs'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l sort -d 'Sort by created, id, repository, size or tag' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all images (default hides intermediate images)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l digests -d 'Show digests'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print column headings'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate output'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Display only image IDs'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all images'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Force removal of the image and any containers using the image'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore errors if a specified image does not exist'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l no-prune -d 'Do not remove dangling parent images (accepted for compatibility)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output using the given Go template' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -s t -l type -d 'Specify inspect-object type ("image", "container" or "all")' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -s s -l size -d 'Display total file size'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (e.g. \'label=<key>=<value>\')' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all images not in use by containers, not just dangling ones'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "pull" -d 'Pull an image from a registry'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "tag" -d 'Add an additional name to a local image'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "history" -d 'Show history of a specified image'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "untag" -d 'Remove a name from a local image'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List images in local storage'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display the configuration of an image'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove unused images'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check if an image exists in local storage'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand events" -s f -l filter -d 'filter output' -r
complete -c berth -n "__fish_berth_using_subcommand events" -l format -d 'format the output using a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand events" -l no-trunc -d 'do not truncate the output' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand events" -l since -d 'show all events created since timestamp' -r
complete -c berth -n "__fish_berth_using_subcommand events" -l stream -d 'stream new events; for testing only' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand events" -l until -d 'show all events until timestamp' -r
complete -c berth -n "__fish_berth_using_subcommand events" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand events" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand events" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand events" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand events" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand events" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand events" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand events" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand events" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand events" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand info" -s f -l format -d 'Change the output format to JSON or a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand info" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand info" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand info" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand info" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand info" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand info" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand info" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand info" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand info" -s D -l debug -d 'Display additional debug information (accepted for compatibility)'
complete -c berth -n "__fish_berth_using_subcommand info" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand info" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand version" -s f -l format -d 'Change the output format to JSON or a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand version" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand version" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand version" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand version" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand version" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand version" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand version" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand version" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand version" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand version" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand completion" -s f -l file -d 'Output the completion to FILE ("-" for stdout)' -r -F
complete -c berth -n "__fish_berth_using_subcommand completion" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand completion" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand completion" -l log-level -d 'Log messages above specified level (trace, debug, info, warn, warning, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand completion" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand completion" -l events-backend -d 'Events backend to use ("file"|"journald"|"none")' -r
complete -c berth -n "__fish_berth_using_subcommand completion" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand completion" -l runtime -d 'Path to the OCI runtime to record for containers (berth\'s own runtime runs them; the name must be a runtime installed here)' -r
complete -c berth -n "__fish_berth_using_subcommand completion" -l runtime-flag -d 'Add global flags for the container runtime (berth\'s runtime takes the global flags of crun and runc and ignores them)' -r
complete -c berth -n "__fish_berth_using_subcommand completion" -l no-desc -d 'Don\'t include descriptions in the completion output (accepted for compatibility)'
complete -c berth -n "__fish_berth_using_subcommand completion" -l noout -d 'Do not output to stdout'
complete -c berth -n "__fish_berth_using_subcommand completion" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "run" -d 'Run a command in a new container'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "create" -d 'Create but do not start a container'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "start" -d 'Start one or more containers'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "stop" -d 'Stop one or more containers'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "kill" -d 'Kill one or more running containers with a specific signal'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "restart" -d 'Restart one or more containers'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "rm" -d 'Remove one or more containers'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "logs" -d 'Fetch the logs of a container'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "wait" -d 'Block on one or more containers'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "attach" -d 'Attach to a running container'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "exec" -d 'Run a process in a running container'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "rename" -d 'Rename an existing container'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "port" -d 'List port mappings or a specific mapping for the container'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "top" -d 'Display the running processes of a container'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "pause" -d 'Pause all the processes in one or more containers'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "unpause" -d 'Unpause the processes in one or more containers'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "ps" -d 'List containers'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "container" -d 'Manage containers'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "pull" -d 'Pull an image from a registry'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "tag" -d 'Add an additional name to a local image'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "history" -d 'Show history of a specified image'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "untag" -d 'Remove a name from a local image'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "images" -d 'List images in local storage'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "inspect" -d 'Display the configuration of an object'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "image" -d 'Manage images'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "events" -d 'Show berth events'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "info" -d 'Display berth related system information'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "version" -d 'Display the berth version information'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "completion" -d 'Generate shell autocompletions'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from run create start stop kill restart rm logs wait attach exec rename port top pause unpause ps container pull tag history untag images rmi inspect image events info version completion help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "run" -d 'Run a command in a new container'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "create" -d 'Create but do not start a container'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "start" -d 'Start one or more containers'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "stop" -d 'Stop one or more containers'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "kill" -d 'Kill one or more running containers with a specific signal'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "restart" -d 'Restart one or more containers'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rm" -d 'Remove one or more containers'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "logs" -d 'Fetch the logs of a container'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "wait" -d 'Block on one or more containers'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "attach" -d 'Attach to a running container'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "exec" -d 'Run a process in a running container'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "rename" -d 'Rename an existing container'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "port" -d 'List port mappings or a specific mapping for the container'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "top" -d 'Display the running processes of a container'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "pause" -d 'Pause all the processes in one or more containers'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "unpause" -d 'Unpause the processes in one or more containers'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "ps" -d 'List containers'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "inspect" -d 'Display the configuration of a container'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "exists" -d 'Check if a container exists in local storage'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from container" -f -a "prune" -d 'Remove all stopped containers'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "pull" -d 'Pull an image from a registry'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "tag" -d 'Add an additional name to a local image'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "history" -d 'Show history of a specified image'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "untag" -d 'Remove a name from a local image'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "ls" -d 'List images in local storage'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "inspect" -d 'Display the configuration of an image'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "prune" -d 'Remove unused images'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "exists" -d 'Check if an image exists in local storage'

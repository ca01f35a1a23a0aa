# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_berth_global_optspecs
    string join \n root= runroot= log-level= storage-opt= storage-driver= h/help V/version
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
complete -c berth -n "__fish_berth_needs_command" -l log-level -d 'Log messages at and above the given level (debug, info, warn, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_needs_command" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_needs_command" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_needs_command" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_needs_command" -s V -l version -d 'Print version'
complete -c berth -n "__fish_berth_needs_command" -f -a "pull" -d 'Pull an image from a registry'
complete -c berth -n "__fish_berth_needs_command" -f -a "images" -d 'List images in local storage'
complete -c berth -n "__fish_berth_needs_command" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c berth -n "__fish_berth_needs_command" -f -a "tag" -d 'Add an additional name to a local image'
complete -c berth -n "__fish_berth_needs_command" -f -a "inspect" -d 'Display the configuration of an object'
complete -c berth -n "__fish_berth_needs_command" -f -a "history" -d 'Show history of a specified image'
complete -c berth -n "__fish_berth_needs_command" -f -a "image" -d 'Manage images'
complete -c berth -n "__fish_berth_needs_command" -f -a "info" -d 'Display berth related system information'
complete -c berth -n "__fish_berth_needs_command" -f -a "version" -d 'Display the berth version information'
complete -c berth -n "__fish_berth_needs_command" -f -a "completion" -d 'Generate shell autocompletions'
complete -c berth -n "__fish_berth_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c berth -n "__fish_berth_using_subcommand pull" -l log-level -d 'Log messages at and above the given level (debug, info, warn, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand pull" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand pull" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand pull" -s a -l all-tags -d 'Pull all tagged images in the repository (not supported yet)'
complete -c berth -n "__fish_berth_using_subcommand pull" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c berth -n "__fish_berth_using_subcommand pull" -l disable-content-trust -d 'Do not verify image signatures (accepted for compatibility)'
complete -c berth -n "__fish_berth_using_subcommand pull" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand images" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c berth -n "__fish_berth_using_subcommand images" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand images" -l sort -d 'Sort by created, id, repository, size or tag' -r
complete -c berth -n "__fish_berth_using_subcommand images" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand images" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand images" -l log-level -d 'Log messages at and above the given level (debug, info, warn, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand images" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand images" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand images" -s a -l all -d 'Show all images (default hides intermediate images)'
complete -c berth -n "__fish_berth_using_subcommand images" -l digests -d 'Show digests'
complete -c berth -n "__fish_berth_using_subcommand images" -s n -l noheading -d 'Do not print column headings'
complete -c berth -n "__fish_berth_using_subcommand images" -l no-trunc -d 'Do not truncate output'
complete -c berth -n "__fish_berth_using_subcommand images" -s q -l quiet -d 'Display only image IDs'
complete -c berth -n "__fish_berth_using_subcommand images" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand rmi" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand rmi" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand rmi" -l log-level -d 'Log messages at and above the given level (debug, info, warn, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand rmi" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand rmi" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand rmi" -s a -l all -d 'Remove all images'
complete -c berth -n "__fish_berth_using_subcommand rmi" -s f -l force -d 'Force removal of the image and any containers using the image'
complete -c berth -n "__fish_berth_using_subcommand rmi" -s i -l ignore -d 'Ignore errors if a specified image does not exist'
complete -c berth -n "__fish_berth_using_subcommand rmi" -l no-prune -d 'Do not remove dangling parent images (accepted for compatibility)'
complete -c berth -n "__fish_berth_using_subcommand rmi" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand tag" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand tag" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand tag" -l log-level -d 'Log messages at and above the given level (debug, info, warn, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand tag" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand tag" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand tag" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand inspect" -s f -l format -d 'Format the output using the given Go template' -r
complete -c berth -n "__fish_berth_using_subcommand inspect" -s t -l type -d 'Specify inspect-object type ("image", "container" or "all")' -r
complete -c berth -n "__fish_berth_using_subcommand inspect" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand inspect" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand inspect" -l log-level -d 'Log messages at and above the given level (debug, info, warn, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand inspect" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand inspect" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand inspect" -s s -l size -d 'Display total file size'
complete -c berth -n "__fish_berth_using_subcommand inspect" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand history" -l format -d 'Change the output to JSON or a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand history" -s H -l human -d 'Display sizes and dates in human readable format' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand history" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand history" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand history" -l log-level -d 'Log messages at and above the given level (debug, info, warn, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand history" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand history" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand history" -l no-trunc -d 'Do not truncate the output'
complete -c berth -n "__fish_berth_using_subcommand history" -s q -l quiet -d 'Display the numeric IDs only'
complete -c berth -n "__fish_berth_using_subcommand history" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull ls list rm tag inspect history prune exists help" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull ls list rm tag inspect history prune exists help" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull ls list rm tag inspect history prune exists help" -l log-level -d 'Log messages at and above the given level (debug, info, warn, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull ls list rm tag inspect history prune exists help" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull ls list rm tag inspect history prune exists help" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull ls list rm tag inspect history prune exists help" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull ls list rm tag inspect history prune exists help" -f -a "pull" -d 'Pull an image from a registry'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull ls list rm tag inspect history prune exists help" -f -a "ls" -d 'List images in local storage'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull ls list rm tag inspect history prune exists help" -f -a "list" -d 'List images in local storage'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull ls list rm tag inspect history prune exists help" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull ls list rm tag inspect history prune exists help" -f -a "tag" -d 'Add an additional name to a local image'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull ls list rm tag inspect history prune exists help" -f -a "inspect" -d 'Display the configuration of an image'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull ls list rm tag inspect history prune exists help" -f -a "history" -d 'Show history of a specified image'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull ls list rm tag inspect history prune exists help" -f -a "prune" -d 'Remove unused images'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull ls list rm tag inspect history prune exists help" -f -a "exists" -d 'Check if an image exists in local storage'
complete -c berth -n "__fish_berth_using_subcommand image; and not __fish_seen_subcommand_from pull ls list rm tag inspect history prune exists help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l log-level -d 'Log messages at and above the given level (debug, info, warn, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -s a -l all-tags -d 'Pull all tagged images in the repository (not supported yet)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -s q -l quiet -d 'Suppress output information when pulling images'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -l disable-content-trust -d 'Do not verify image signatures (accepted for compatibility)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from pull" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l sort -d 'Sort by created, id, repository, size or tag' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l log-level -d 'Log messages at and above the given level (debug, info, warn, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -s a -l all -d 'Show all images (default hides intermediate images)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l digests -d 'Show digests'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -s n -l noheading -d 'Do not print column headings'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -l no-trunc -d 'Do not truncate output'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -s q -l quiet -d 'Display only image IDs'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -s f -l filter -d 'Filter output based on conditions provided' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l format -d 'Change the output format to JSON or a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l sort -d 'Sort by created, id, repository, size or tag' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l log-level -d 'Log messages at and above the given level (debug, info, warn, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -s a -l all -d 'Show all images (default hides intermediate images)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l digests -d 'Show digests'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -s n -l noheading -d 'Do not print column headings'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -l no-trunc -d 'Do not truncate output'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Display only image IDs'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l log-level -d 'Log messages at and above the given level (debug, info, warn, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -s a -l all -d 'Remove all images'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -s f -l force -d 'Force removal of the image and any containers using the image'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -s i -l ignore -d 'Ignore errors if a specified image does not exist'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -l no-prune -d 'Do not remove dangling parent images (accepted for compatibility)'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l log-level -d 'Log messages at and above the given level (debug, info, warn, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from tag" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -s f -l format -d 'Format the output using the given Go template' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -s t -l type -d 'Specify inspect-object type ("image", "container" or "all")' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l log-level -d 'Log messages at and above the given level (debug, info, warn, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -s s -l size -d 'Display total file size'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from inspect" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l format -d 'Change the output to JSON or a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -s H -l human -d 'Display sizes and dates in human readable format' -r -f -a "true\t''
false\t''"
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l log-level -d 'Log messages at and above the given level (debug, info, warn, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -l no-trunc -d 'Do not truncate the output'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -s q -l quiet -d 'Display the numeric IDs only'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l filter -d 'Provide filter values (e.g. \'label=<key>=<value>\')' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l log-level -d 'Log messages at and above the given level (debug, info, warn, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -s a -l all -d 'Remove all images not in use by containers, not just dangling ones'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -s f -l force -d 'Do not prompt for confirmation'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from prune" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -l log-level -d 'Log messages at and above the given level (debug, info, warn, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from exists" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "pull" -d 'Pull an image from a registry'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "ls" -d 'List images in local storage'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "tag" -d 'Add an additional name to a local image'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "inspect" -d 'Display the configuration of an image'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "history" -d 'Show history of a specified image'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "prune" -d 'Remove unused images'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "exists" -d 'Check if an image exists in local storage'
complete -c berth -n "__fish_berth_using_subcommand image; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand info" -s f -l format -d 'Change the output format to JSON or a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand info" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand info" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand info" -l log-level -d 'Log messages at and above the given level (debug, info, warn, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand info" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand info" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand info" -s D -l debug -d 'Display additional debug information (accepted for compatibility)'
complete -c berth -n "__fish_berth_using_subcommand info" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand version" -s f -l format -d 'Change the output format to JSON or a Go template' -r
complete -c berth -n "__fish_berth_using_subcommand version" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand version" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand version" -l log-level -d 'Log messages at and above the given level (debug, info, warn, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand version" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand version" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand version" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand completion" -s f -l file -d 'Output the completion to FILE ("-" for stdout)' -r -F
complete -c berth -n "__fish_berth_using_subcommand completion" -l root -d 'Path to the root directory in which data, including images, is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand completion" -l runroot -d 'Path to the \'run directory\' where all state information is stored' -r -F
complete -c berth -n "__fish_berth_using_subcommand completion" -l log-level -d 'Log messages at and above the given level (debug, info, warn, error, fatal, panic)' -r
complete -c berth -n "__fish_berth_using_subcommand completion" -l storage-opt -d 'Storage driver option (accepted for compatibility; berth always uses overlay)' -r
complete -c berth -n "__fish_berth_using_subcommand completion" -l storage-driver -d 'Storage driver (only "overlay" is supported)' -r
complete -c berth -n "__fish_berth_using_subcommand completion" -l no-desc -d 'Don\'t include descriptions in the completion output (accepted for compatibility)'
complete -c berth -n "__fish_berth_using_subcommand completion" -s h -l help -d 'Print help'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag inspect history image info version completion help" -f -a "pull" -d 'Pull an image from a registry'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag inspect history image info version completion help" -f -a "images" -d 'List images in local storage'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag inspect history image info version completion help" -f -a "rmi" -d 'Remove one or more images from local storage'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag inspect history image info version completion help" -f -a "tag" -d 'Add an additional name to a local image'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag inspect history image info version completion help" -f -a "inspect" -d 'Display the configuration of an object'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag inspect history image info version completion help" -f -a "history" -d 'Show history of a specified image'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag inspect history image info version completion help" -f -a "image" -d 'Manage images'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag inspect history image info version completion help" -f -a "info" -d 'Display berth related system information'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag inspect history image info version completion help" -f -a "version" -d 'Display the berth version information'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag inspect history image info version completion help" -f -a "completion" -d 'Generate shell autocompletions'
complete -c berth -n "__fish_berth_using_subcommand help; and not __fish_seen_subcommand_from pull images rmi tag inspect history image info version completion help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "pull" -d 'Pull an image from a registry'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "ls" -d 'List images in local storage'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "rm" -d 'Remove one or more images from local storage'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "tag" -d 'Add an additional name to a local image'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "inspect" -d 'Display the configuration of an image'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "history" -d 'Show history of a specified image'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "prune" -d 'Remove unused images'
complete -c berth -n "__fish_berth_using_subcommand help; and __fish_seen_subcommand_from image" -f -a "exists" -d 'Check if an image exists in local storage'

import CFuzzDriver
import Glibc

// libFuzzer parses the arguments (corpus folders, -max_total_time, -dict …) and runs the target.
exit(vfz_run(CommandLine.argc, CommandLine.unsafeArgv, fuzzSOAPAnswer))

import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import VTJDrop
import VTJOperator

/// `vtjdrop run`: the daemon (or one pass with `--once`).
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Watch the inboxes and serve drops (or, with --once, process what is there and exit).",
        discussion: """
            Without any configuration the built-in sandbox is started in-process and ./inbox, ./outbox and \
            ./state are used with example departments. Credentials come only from VTJDROP_VTJ_USER and \
            VTJDROP_VTJ_PASSWORD or VTJDROP_VTJ_PASSWORD_FILE. The interface is checked first with one \
            harmless call; while it refuses the appliance (credentials, licence, address) nothing is \
            claimed. Exit status: 0 done (transient failures wait for the next run), 1 work could not be \
            done on this side (the state folder was lost or damaged, journal writes are unwritten, a \
            department is not served), 2 cannot start (configuration, a missing folder root, another vtjdrop \
            on the state folder, inbox and state on different file systems) or a folder root vanished during \
            the run, 3 the interface refuses the appliance, 4 the interface cannot be reached. With 3 and 4 \
            the inbox is left untouched.
            """
    )

    @Flag(help: "Claim everything ready, finish it, publish, and exit (for cron and scheduled scans).")
    var once = false
    @OptionGroup var locations: LocationOptions

    func run() async throws {
        // The daemon's allocator policy, before any thread allocates (MallocArenas).
        MallocArenas.limit()
        let configuration = try locations.load()
        let logger = Bootstrap.logger(level: configuration.logLevel)
        logger.notice("vtjdrop \(VTJDropVersion.number) starting", metadata: ["configuration": "\(configuration.source)"])
        // A taken port stops the start before anything is claimed, not after.
        if !once, let status = configuration.status, let problem = status.listen.bindProblem() {
            printError("vtjdrop cannot start: \(OperatorServerError.cannotListen(status.listen, reason: problem))")
            throw ExitCode(RunExitStatus.cannotStart)
        }
        let host: ApplianceHost
        var sandbox: BuiltInSandbox?
        do {
            sandbox = try await BuiltInSandbox.start(for: configuration)
            host = try await ApplianceHost.start(configuration: configuration, logger: logger, builtIn: sandbox?.interface)
        } catch {
            await sandbox?.server.shutdown()
            printError("vtjdrop cannot start: \(error)")
            throw ExitCode(RunExitStatus.cannotStart)
        }
        if once {
            let line = ProgressLine(progress: host.appliance.progress)
            line.start()
            let summary = await host.runner.runOnce()
            await line.finish()
            await host.shutdown()
            await sandbox?.server.shutdown()
            let status = RunExitStatus.once(summary)
            // The totals on stdout, why the work was not done on stderr: each once, so a terminal
            // shows the (long) reason once and a cron mail or a log file still has both.
            print("vtjdrop run --once: \(status.reason == nil ? summary.description : summary.totals)")
            if let reason = status.reason { printError("vtjdrop run --once: work not done: \(reason)") }
            if status.code != 0 { throw ExitCode(status.code) }
            return
        }
        let group = ServiceGroup(configuration: .init(
            // The sandbox first, so that it stops last: the drain still reaches it.
            services: (sandbox.map { [.init(service: $0.service)] } ?? [])
                + Self.services(configuration: configuration, host: host, logger: logger),
            gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            // The runner ending on its own (its state folder lost) ends the group "unexpectedly": that is ours to report.
            if await host.runner.stoppedBecause == nil { throw error }
        }
        let status = RunExitStatus.daemon(stoppedBecause: await host.runner.stoppedBecause)
        await host.shutdown()
        await sandbox?.server.shutdown()
        if let reason = status.reason { printError("vtjdrop stopped: \(reason)") }
        if status.code != 0 { throw ExitCode(status.code) }
    }
}

/// The file and folder flags shared by the commands that run the appliance.
struct LocationOptions: ParsableArguments {
    @Option(help: "The configuration file (YAML); default $VTJDROP_CONFIG, else built-in defaults.") var config: String?
    @Option(help: "The inbox folder (overrides the file).") var inbox: String?
    @Option(help: "The outbox folder (overrides the file).") var outbox: String?
    @Option(help: "The state folder (overrides the file).") var state: String?
    @Option(name: .customLong("vtj-url"), help: "The interface's base URL (overrides the file).") var vtjURL: String?

    /// Loads and validates; every problem is printed at once and the command refuses to run.
    func load() throws -> DropConfiguration {
        do {
            let loaded = try ConfigurationLoader.load(overrides: ConfigurationOverrides(
                configFile: config, inbox: inbox, outbox: outbox, state: state, vtjURL: vtjURL))
            for warning in loaded.warnings { printError("warning: \(warning)") }
            return loaded.configuration
        } catch {
            printError("\(error)")
            throw ExitCode(2)
        }
    }
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Process-wide logging, set up once.
enum Bootstrap {
    private static let once: Void = {
        // Finnish time with the offset on every line, whatever zone the server runs in; hetus masked.
        LoggingSystem.bootstrap { label in HetuMaskingLogHandler(wrapping: FinnishTimeLogHandler(label: label)) }
    }()

    static func logger(level: Logger.Level) -> Logger {
        _ = once
        var logger = Logger(label: "vtjdrop")
        logger.logLevel = level
        return logger
    }
}

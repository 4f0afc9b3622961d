import Foundation
import Logging
import ServiceLifecycle
import VTJCore
import VTJDrop
import VTJOperator

extension RunCommand {
    /// The daemon's services in start order (shutdown runs in reverse): the operator endpoint
    /// outlives the drain so its page shows it; systemd hears `STOPPING=1` first.
    static func services(configuration: DropConfiguration, host: ApplianceHost,
                         logger: Logger) -> [ServiceGroupConfiguration.ServiceConfiguration] {
        let source = StateSnapshotSource(database: host.appliance.database, configuration: configuration,
                                         live: { [appliance = host.appliance] in appliance.liveConditions })
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = []
        if let status = configuration.status {
            // Counters are the runtime's (Appliance+Metrics); the gauges are also read from the state
            // database at every scrape.
            let zone: any UTCOffsetRule = FinnishTime.system
            services.append(.init(service: OperatorServer(settings: status, source: source, metrics: host.appliance.metrics,
                                                          zone: zone, logger: logger)))
        }
        services.append(.init(service: ApplianceService(runner: host.runner)))
        let notifier = SystemdNotifier(environment: ProcessInfo.processInfo.environment)
        if notifier.isActive {
            services.append(.init(service: SystemdNotifierService(notifier: notifier, source: source, logger: logger,
                                                                 heartbeat: { [runner = host.runner] in runner.heartbeat.lastBeat })))
        }
        return services
    }
}

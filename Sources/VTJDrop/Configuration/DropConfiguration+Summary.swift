import VTJCore

extension DropConfiguration {
    /// Startup log lines describing the configuration; credentials appear only as the user name and `***`.
    package var summary: [String] {
        var lines = [
            "configuration: \(source)",
            "interface: \(interface.endpoint) (\(interface.wire) wire) as \(credentials), parallelism \(interface.parallelism)"
                + (interface.xRoadClient.map { (interface.wire == .soap ? ", X-Road client (xrd:client) " : ", X-Road-Client ") + $0 } ?? "")
                + (interface.soapProduct.map { ", product \($0), one message per henkilötunnus (following, changes and municipal drops are refused)" } ?? "")
                + (interface.xRoadService.map { ", X-Road service \($0)" } ?? "")
                + (interface.municipalityCodes.isEmpty ? "" : ", municipalities \(interface.municipalityCodes.joined(separator: ","))")
                + ", answers up to \(Self.size(interface.maxResponseBytes))",
            "folders: inbox \(inbox), outbox \(outbox), state \(state)",
            "intake: watch \(intake.watch.rawValue), scan every \(intake.scanInterval), settle \(intake.settle), "
                + "max \(Self.size(intake.maxFileBytes))",
            "retention: archive \(retention.archiveDays) d, quarantine \(retention.quarantineDays) d, outbox "
                + (retention.outbox.days.map { "\($0) d" } ?? "kept until removed by hand"),
            "change fetches: " + (changeSchedule.isOnDemandOnly ? "on demand only"
                : changeSchedule.times.map(\.description).joined(separator: ", ") + " Finnish time"),
            "operator endpoint: " + (status.map { "\($0.listen.url) (" + ($0.credentials.map { "HTTP Basic as \($0.user)" } ?? "no authentication: loopback only") + ")" } ?? "off (status.listen)"),
        ]
        for department in departments {
            let profile = department.profile
            lines.append("department \(profile.id): purposes \(profile.purposes.map(\.rawValue).joined(separator: ",")) "
                + "(default \(profile.defaultPurpose.rawValue)), \(profile.groups.count) groups, \(profile.format), "
                + "columns \(profile.layout.map { "\($0.preset ?? "own list") (\($0.columns.count))" } ?? "kaikki")"
                + (profile.carryColumns ? " + the list's own" : "") + ", "
                + "readiness \(department.readiness)" + (profile.municipalityWide ? ", municipality operations" : ""))
        }
        return lines
    }

    /// A size as the configuration writes it (`64M`, `512K`), so the operator can compare it with the file.
    static func size(_ bytes: some BinaryInteger) -> String {
        let value = Int64(bytes)
        for (suffix, shift) in [("G", 30), ("M", 20), ("K", 10)] where value > 0 && value % (Int64(1) << shift) == 0 {
            return "\(value >> shift)\(suffix)"
        }
        return "\(value) bytes"
    }
}

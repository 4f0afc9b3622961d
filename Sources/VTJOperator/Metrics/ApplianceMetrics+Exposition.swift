import Foundation

extension ApplianceMetrics {
    /// Sets the gauges that describe the state (gate, backlog, last answer) from a snapshot, so a
    /// scrape shows the journal's truth even for what no event has reported since start.
    public func refresh(from snapshot: OperatorSnapshot, now: Date) {
        gate(open: snapshot.interface.gate == nil)
        if let answered = snapshot.interface.lastSuccessAt { interfaceAnswered(at: answered) }
        for department in snapshot.departments {
            backlog(department: department.id, inInbox: department.inInbox ?? 0, inProgress: department.inProgress,
                    oldestAge: department.oldestWaitingSince.map { .seconds(max(0, now.timeIntervalSince($0))) })
        }
    }

    /// The Prometheus text format, with a `# HELP` line before each of the catalogue's `# TYPE` lines.
    public func exposition() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        var out = ""
        out.reserveCapacity(buffer.count + 2048)
        for line in String(decoding: buffer, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# TYPE "), let name = line.dropFirst(7).split(separator: " ").first,
               let help = MetricName.help[String(name)] {
                out += "# HELP \(name) \(help)\n"
            }
            out += line
            out += "\n"
        }
        while out.hasSuffix("\n\n") { out.removeLast() }
        return out
    }
}

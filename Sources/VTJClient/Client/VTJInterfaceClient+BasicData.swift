import Logging
import VTJCore

extension VTJInterfaceClient {
    /// Current basic data for a set of persons (`POST /perustiedot` with `hetulista`).
    ///
    /// The set is planned into messages of at most 1000 hetus (duplicates sent once), up to
    /// ``VTJClientConfiguration/parallelism`` in flight. Persons reach `onPerson` one at a time, on a
    /// worker thread, as the responses are read; hetus no response contained are reported as not found.
    /// If any message finally fails, the rest are cancelled and the error is thrown: persons already
    /// handed on belong to an incomplete result and should be discarded.
    ///
    /// - Parameter groups: the tietoryhmät to ask for; nil = every group the product allows.
    /// - Throws: ``VTJClientError``, or whatever `onPerson` threw.
    public func perustiedot(
        hetus: some Sequence<Henkilotunnus>,
        groups: [GroupName]? = nil,
        onPerson: @escaping @Sendable (Person) throws -> Void
    ) async throws -> BasicDataReport {
        try await perustiedot(hetus: hetus, groups: groups, sink: PersonSink(onPerson))
    }

    /// ``perustiedot(hetus:groups:onPerson:)`` with each answer's persons read into a batch of the
    /// caller's (`batches` makes one per answer), on the worker thread that reads it, without a lock
    /// per person: persons of different answers reach different batches at the same time.
    public func perustiedot(
        hetus: some Sequence<Henkilotunnus>,
        groups: [GroupName]? = nil,
        batches: @escaping @Sendable () -> any PersonBatch
    ) async throws -> BasicDataReport {
        try await perustiedot(hetus: hetus, groups: groups, sink: PersonSink(batches: batches))
    }

    private func perustiedot(hetus: some Sequence<Henkilotunnus>, groups: [GroupName]?, sink: PersonSink) async throws -> BasicDataReport {
        let input = Array(hetus)
        let groups = Self.askable(groups)
        let plan = MessagePlanner(maxHetusPerMessage: hetusPerMessage).plan(hetus: input)
        var asked: [Henkilotunnus] = []
        var seen = Set<String>()
        for hetu in input where seen.insert(hetu.value).inserted { asked.append(hetu) }
        let outcomes = MessageOutcomes()
        let messages = plan.messages.enumerated().compactMap { index, restriction -> (Int, [String])? in
            if case .hetulista(let list) = restriction { return (index, list) }
            return nil
        }
        logger.info("VTJ perustiedot", metadata: [
            "vtj.hetus": "\(asked.count)", "vtj.messages": "\(messages.count)",
            "vtj.duplicates": "\(plan.duplicatesDropped)",
        ])
        let owner = newOwner()
        let returned = try await withThrowingTaskGroup(of: Set<String>.self) { group in
            var pending = messages.makeIterator()
            var inFlight = 0
            var returned = Set<String>()
            func startNext() {
                guard let next = pending.next() else { return }
                let (index, list) = next
                inFlight += 1
                group.addTask {
                    try await self.fetchHetuMessage(index: index, hetus: list, groups: groups, sink: sink, outcomes: outcomes, owner: owner)
                }
            }
            for _ in 0..<max(1, configuration.parallelism) { startNext() }
            while inFlight > 0, let delivered = try await group.next() {
                inFlight -= 1
                returned.formUnion(delivered)
                startNext()
            }
            return returned
        }.union(try await followPassiveHetus(outcomes, groups: groups, sink: sink))
        let undelivered = outcomes.undelivered
        let withoutData = Set(undelivered.map(\.hetu))
        let notFound = asked.filter { !returned.contains($0.value) && !withoutData.contains($0.value) }
        let unexpected = returned.subtracting(seen).sorted()
        if !unexpected.isEmpty {
            logger.notice("VTJ returned persons not asked for", metadata: ["vtj.count": "\(unexpected.count)"])
        }
        let order = Dictionary(input.enumerated().map { ($1.value, $0) }, uniquingKeysWith: min)
        return BasicDataReport(asked: asked.count, returned: sink.delivered, notFound: notFound,
                               unexpected: unexpected, messages: messages.count,
                               duplicatesDropped: plan.duplicatesDropped,
                               undelivered: undelivered.sorted { order[$0.hetu, default: .max] < order[$1.hetu, default: .max] },
                               groupsDelivered: outcomes.carried.map { $0.isEmpty ? wire.deliverableGroups ?? [] : $0 },
                               notes: outcomes.notes)
    }

    /// One hetu message with retries; returns the hetus it delivered.
    private func fetchHetuMessage(index: Int, hetus: [String], groups: [GroupName]?, sink: PersonSink,
                                  outcomes: MessageOutcomes, owner: Int) async throws -> Set<String> {
        let delivered = DeliveredSet()
        let wire = self.wire
        let info = try await execute(.perustiedot, call: .basicData(hetus: hetus, groups: groups),
                                     metadata: ["vtj.message": "\(index + 1)", "vtj.hetus": "\(hetus.count)"], owner: owner) { (response: ResponseBody) -> HetuAnswer in
            try sink.reading(seen: delivered) { try wire.readHetuAnswer(response, asked: hetus, onPerson: $0) }
        }
        outcomes.add(info, redacting: redacted)
        if !info.upToDate {
            // Not a paging flag for a henkilötunnus list (vtj-json-wire.md 3.2): noted, the answer used as it is.
            logger.notice("VTJ answered a henkilötunnus message with ajanTasalla false; the answer is used as it is",
                          metadata: ["vtj.message": "\(index + 1)"])
        }
        return delivered.all
    }

    /// Most henkilötunnus per message: the configuration's, never more than the wire allows.
    var hetusPerMessage: Int { max(1, min(configuration.maxHetusPerMessage, wire.maxHetusPerMessage)) }

    /// The groups to ask for: when a request names groups it always names TURVAKIELTO, or a
    /// protected person's address could arrive with nothing saying it is protected (vtj-json-wire.md 3.2).
    static func askable(_ groups: [GroupName]?) -> [GroupName]? {
        guard let groups, !groups.isEmpty else { return nil }
        return groups.contains(.turvakielto) ? groups : groups + [.turvakielto]
    }

    /// The municipalities of a municipal request: those asked for, else the configured licensed ones
    /// (empty = the XML profile's "every licensed municipality").
    func municipalities(_ asked: [String]) -> [String] {
        asked.isEmpty ? configuration.municipalityCodes : asked
    }

    /// Current basic data of every resident of the licensed municipalities (`kuntarajaus`), following
    /// `jatkoavain` until `ajanTasalla`. Persons reach `onPerson` one at a time as each page is read.
    ///
    /// - Parameter municipalities: codes to narrow the delivery to; empty = the configured licensed
    ///   codes (``VTJClientConfiguration/municipalityCodes``), or on the XML profile every licensed municipality.
    /// - Throws: ``VTJClientError``, or whatever `onPerson` threw.
    public func municipalBasicData(
        groups: [GroupName]? = nil,
        municipalities: [String] = [],
        onPerson: @escaping @Sendable (Person) throws -> Void
    ) async throws -> MunicipalDeliveryReport {
        let sink = PersonSink(onPerson)
        let codes = self.municipalities(municipalities)
        let groups = Self.askable(groups)
        let wire = self.wire
        var continuation: String? = nil
        var pages = 0
        var used = Set<String>()
        while true {
            pages += 1
            let delivered = DeliveredSet()
            let call = WireCall.municipalBasicData(codes: codes, groups: groups, continuation: continuation)
            let (info, requestID) = try await execute(.municipalBasicData, call: call, metadata: ["vtj.page": "\(pages)"]) { (response: ResponseBody) -> (PerustiedotPageInfo, String) in
                let info = try sink.reading(seen: delivered) { try wire.readPerustiedot(response, onPerson: $0) }
                if !info.upToDate && (info.continuation ?? "").isEmpty {
                    throw ProfileViolation(description: "ajanTasalla=\"false\" without jatkoavain")
                }
                return (info, response.requestID)
            }
            if info.upToDate { break }
            guard let next = info.continuation, used.insert(next).inserted else {
                throw VTJClientError.unexpectedResponse(.municipalBasicData,
                    detail: "jatkoavain repeated on page \(pages); the delivery would never end", requestID: requestID)
            }
            continuation = next
        }
        logger.info("VTJ municipal delivery done", metadata: ["vtj.pages": "\(pages)", "vtj.persons": "\(sink.delivered)"])
        return MunicipalDeliveryReport(persons: sink.delivered, pages: pages)
    }
}

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
    public func basicData(
        hetus: some Sequence<Henkilotunnus>,
        groups: [GroupName]? = nil,
        onPerson: @escaping @Sendable (Person) throws -> Void
    ) async throws -> BasicDataReport {
        try await basicData(hetus: Self.sequence(hetus), groups: groups, sink: PersonSink(onPerson))
    }

    /// ``basicData(hetus:groups:onPerson:)`` with each answer's persons read into a batch of the
    /// caller's (`batches` makes one per answer), on the worker thread that reads it, without a lock
    /// per person: persons of different answers reach different batches at the same time.
    public func basicData(
        hetus: some Sequence<Henkilotunnus>,
        groups: [GroupName]? = nil,
        batches: @escaping @Sendable () -> any PersonBatch
    ) async throws -> BasicDataReport {
        try await basicData(hetus: Self.sequence(hetus), groups: groups, sink: PersonSink(batches: batches))
    }

    /// A drop's list as it is (not a copy); any other sequence made into one.
    private static func sequence(_ hetus: some Sequence<Henkilotunnus>) -> HetuSequence {
        (hetus as? HetuSequence) ?? HetuSequence(Array(hetus))
    }

    private func basicData(hetus input: HetuSequence, groups: [GroupName]?,
                           sink: PersonSink) async throws -> BasicDataReport {
        let groups = Self.askable(groups)
        // The messages are cut from the list as they are sent (MessagePlanner's rules: at most
        // hetusPerMessage each, every henkilötunnus once, in first-seen order), so what is held per
        // henkilötunnus is the list itself and a bit by its rank, not the plan's strings, sets and
        // copies (issue 15's memory bound).
        let keys = input.distinct
        let askedCount = keys.count
        var sent = [UInt64](repeating: 0, count: (askedCount + 63) / 64)
        let perMessage = hetusPerMessage
        let messageCount = (askedCount + perMessage - 1) / perMessage
        let outcomes = MessageOutcomes()
        logger.info("VTJ perustiedot", metadata: [
            "vtj.hetus": "\(askedCount)", "vtj.messages": "\(messageCount)",
            "vtj.duplicates": "\(input.count - askedCount)",
        ])
        let owner = newOwner()
        var cursor = 0
        func nextMessage() -> [(hetu: Henkilotunnus, rank: Int)]? {
            var list: [(hetu: Henkilotunnus, rank: Int)] = []
            list.reserveCapacity(perMessage)
            while list.count < perMessage, cursor < input.count {
                // Each place's rank among the distinct codes is held: no search.
                let place = cursor
                cursor += 1
                let rank = input.rank(at: place)
                let bit: UInt64 = 1 << (rank % 64)
                if sent[rank / 64] & bit == 0 {
                    sent[rank / 64] |= bit
                    list.append((input[place], rank))
                }
            }
            return list.isEmpty ? nil : list
        }
        // The codes asked and not answered, one bit per distinct code (by position among the keys):
        // never the codes themselves, 800,000 of them in a large list (issue 15 goal 3). A code one
        // message asked for may come back in another's answer, after a passive code was followed,
        // or without data: it was returned all the same, and its bit is cleared below.
        var missing = [UInt64](repeating: 0, count: (askedCount + 63) / 64)
        var strays = Set<String>()
        try await withThrowingTaskGroup(of: ([Int], Set<String>).self) { group in
            var index = 0
            var inFlight = 0
            func startNext() {
                guard let list = nextMessage() else { return }
                let number = index
                index += 1
                inFlight += 1
                group.addTask {
                    let delivered = try await self.fetchHetuMessage(index: number, hetus: list.map(\.hetu.value), groups: groups,
                                                                    sink: sink, outcomes: outcomes, owner: owner)
                    return (list.filter { !delivered.contains($0.hetu.value) }.map(\.rank),
                            delivered.subtracting(list.lazy.map(\.hetu.value)))
                }
            }
            for _ in 0..<max(1, configuration.parallelism) { startNext() }
            while inFlight > 0, let answered = try await group.next() {
                inFlight -= 1
                for position in answered.0 { missing[position / 64] |= 1 << (position % 64) }
                strays.formUnion(answered.1)
                startNext()
            }
        }
        let followed = try await followPassiveHetus(outcomes, groups: groups, sink: sink)
        let undelivered = outcomes.undelivered
        for returned in [strays, followed, Set(undelivered.map(\.hetu))] {
            for text in returned {
                // Only the code's own text was ever compared, never another spelling of it.
                guard let code = try? Henkilotunnus(text), code.value == text,
                      let position = keys.position(of: code.key) else { continue }
                missing[position / 64] &= ~(1 << (position % 64))
            }
        }
        let notFound = NotFoundList(list: input, bits: missing)
        let unexpected = strays.subtracting(Self.listed(strays, in: input)).sorted()
        if !unexpected.isEmpty {
            logger.notice("VTJ returned persons not asked for", metadata: ["vtj.count": "\(unexpected.count)"])
        }
        return BasicDataReport(asked: askedCount, returned: sink.delivered, notFound: notFound,
                               unexpected: unexpected, messages: messageCount,
                               duplicatesDropped: input.count - askedCount,
                               undelivered: Self.inListOrder(undelivered, input: input),
                               groupsDelivered: outcomes.carried.map { $0.isEmpty ? wire.deliverableGroups ?? [] : $0 },
                               notes: outcomes.notes)
    }

    /// Which of `hetus` (few: returned by a message that did not ask for them) the list has.
    private static func listed(_ hetus: Set<String>, in input: HetuSequence) -> Set<String> {
        guard !hetus.isEmpty else { return [] }
        return Set(input.lazy.map(\.value).filter(hetus.contains))
    }

    /// `undelivered` in the order of the list (by each henkilötunnus's first row).
    private static func inListOrder(_ undelivered: [UndeliveredPerson], input: HetuSequence) -> [UndeliveredPerson] {
        guard undelivered.count > 1 else { return undelivered }
        let named = Set(undelivered.map(\.hetu))
        var order: [String: Int] = [:]
        for (index, hetu) in input.enumerated() where named.contains(hetu.value) && order[hetu.value] == nil {
            order[hetu.value] = index
        }
        return undelivered.sorted { order[$0.hetu, default: .max] < order[$1.hetu, default: .max] }
    }

    /// One hetu message with retries; returns the hetus it delivered.
    private func fetchHetuMessage(index: Int, hetus: [String], groups: [GroupName]?, sink: PersonSink,
                                  outcomes: MessageOutcomes, owner: Int) async throws -> Set<String> {
        let delivered = DeliveredSet()
        let wire = self.wire
        let info = try await execute(.basicData, call: .basicData(hetus: hetus, groups: groups),
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
            let (info, messageID) = try await execute(.municipalBasicData, call: call, metadata: ["vtj.page": "\(pages)"]) { (response: ResponseBody) -> (PerustiedotPageInfo, String) in
                let info = try sink.reading(seen: delivered) { try wire.readPerustiedot(response, onPerson: $0) }
                if !info.upToDate && (info.continuation ?? "").isEmpty {
                    throw ProfileViolation(description: "ajanTasalla=\"false\" without jatkoavain")
                }
                return (info, response.messageID)
            }
            if info.upToDate { break }
            guard let next = info.continuation, used.insert(next).inserted else {
                throw VTJClientError.unexpectedResponse(.municipalBasicData,
                    detail: "jatkoavain repeated on page \(pages); the delivery would never end", messageID: messageID)
            }
            continuation = next
        }
        logger.info("VTJ municipal delivery done", metadata: ["vtj.pages": "\(pages)", "vtj.persons": "\(sink.delivered)"])
        return MunicipalDeliveryReport(persons: sink.delivered, pages: pages)
    }
}

import Logging
import VTJCore
import VTJXML

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
        let input = Array(hetus)
        let plan = MessagePlanner(maxHetusPerMessage: configuration.maxHetusPerMessage).plan(hetus: input)
        var asked: [Henkilotunnus] = []
        var seen = Set<String>()
        for hetu in input where seen.insert(hetu.value).inserted { asked.append(hetu) }
        let sink = PersonSink(onPerson)
        let messages = plan.messages.enumerated().compactMap { index, restriction -> (Int, [String])? in
            if case .hetulista(let list) = restriction { return (index, list) }
            return nil
        }
        logger.info("VTJ perustiedot", metadata: [
            "vtj.hetus": "\(asked.count)", "vtj.messages": "\(messages.count)",
            "vtj.duplicates": "\(plan.duplicatesDropped)",
        ])
        let returned = try await withThrowingTaskGroup(of: Set<String>.self) { group in
            var pending = messages.makeIterator()
            var inFlight = 0
            var returned = Set<String>()
            func startNext() {
                guard let next = pending.next() else { return }
                let (index, list) = next
                inFlight += 1
                group.addTask {
                    try await self.fetchHetuMessage(index: index, hetus: list, groups: groups, sink: sink)
                }
            }
            for _ in 0..<max(1, configuration.parallelism) { startNext() }
            while inFlight > 0, let delivered = try await group.next() {
                inFlight -= 1
                returned.formUnion(delivered)
                startNext()
            }
            return returned
        }
        let notFound = asked.filter { !returned.contains($0.value) }
        let unexpected = returned.subtracting(seen).sorted()
        if !unexpected.isEmpty {
            logger.notice("VTJ returned persons not asked for", metadata: ["vtj.count": "\(unexpected.count)"])
        }
        return BasicDataReport(asked: asked.count, returned: sink.delivered, notFound: notFound,
                               unexpected: unexpected, messages: messages.count,
                               duplicatesDropped: plan.duplicatesDropped)
    }

    /// One hetu message with retries; returns the hetus it delivered.
    private func fetchHetuMessage(index: Int, hetus: [String], groups: [GroupName]?, sink: PersonSink) async throws -> Set<String> {
        let body = RequestXML.write(PerustiedotRequest(restriction: .hetulista(hetus), groups: groups))
        let delivered = DeliveredSet()
        _ = try await execute(.perustiedot, method: "POST", path: "/perustiedot", body: body,
                              metadata: ["vtj.message": "\(index + 1)", "vtj.hetus": "\(hetus.count)"]) { (response: ResponseBody) -> PerustiedotPageInfo in
            let reader = try ResponseReader(fileDescriptor: response.fileDescriptor, documentName: response.documentName)
            return try reader.readPerustiedot { person in try sink.deliver(person, seen: delivered) }
        }
        return delivered.all
    }

    /// Current basic data of every resident of the licensed municipalities (`kuntarajaus`), following
    /// `jatkoavain` until `ajanTasalla`. Persons reach `onPerson` one at a time as each page is read.
    ///
    /// - Parameter municipalities: codes to narrow the delivery to; empty = every licensed municipality.
    /// - Throws: ``VTJClientError``, or whatever `onPerson` threw.
    public func municipalBasicData(
        groups: [GroupName]? = nil,
        municipalities: [String] = [],
        onPerson: @escaping @Sendable (Person) throws -> Void
    ) async throws -> MunicipalDeliveryReport {
        let sink = PersonSink(onPerson)
        var continuation: String? = nil
        var pages = 0
        var used = Set<String>()
        while true {
            pages += 1
            let request = PerustiedotRequest(restriction: .kuntarajaus(municipalities), groups: groups,
                                             continuation: continuation)
            let delivered = DeliveredSet()
            let (info, requestID) = try await execute(.municipalBasicData, method: "POST", path: "/perustiedot",
                                         body: RequestXML.write(request), metadata: ["vtj.page": "\(pages)"]) { (response: ResponseBody) -> (PerustiedotPageInfo, String) in
                let reader = try ResponseReader(fileDescriptor: response.fileDescriptor, documentName: response.documentName)
                let info = try reader.readPerustiedot { person in try sink.deliver(person, seen: delivered) }
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

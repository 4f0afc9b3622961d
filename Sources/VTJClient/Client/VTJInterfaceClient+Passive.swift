import VTJCore

extension VTJInterfaceClient {
    /// Asks once more for each passive henkilötunnus whose answer named an active one (the SOAP
    /// wire's return code `0002`, as OPH's client does, vtj-soap-kysely.md §8.3). The active
    /// person's data is delivered under the row asked for, with a HENKILOTUNNUS_KORJAUS record
    /// saying which henkilötunnus is now in use; a second redirect, or no data, leaves the row
    /// "passive". Returns the asked henkilötunnus that were delivered.
    func followPassiveHetus(_ outcomes: MessageOutcomes, groups: [GroupName]?, sink: PersonSink) async throws -> Set<String> {
        var delivered = Set<String>()
        let wire = self.wire
        for (asked, active) in outcomes.redirects {
            let correction = Record(group: .henkilotunnusKorjaus, fields: [
                .text("voimassaolo", "PASSIIVI"), .text("muutettuHenkilotunnus", asked), .text("aktiivinenHenkilotunnus", active),
            ])
            let seen = DeliveredSet()
            let answer = try await execute(.basicData, call: .basicData(hetus: [active], groups: groups),
                                           metadata: ["vtj.message": "passive", "vtj.hetus": "1"]) { (response: ResponseBody) -> HetuAnswer in
                try sink.reading(seen: seen) { deliver in
                    try wire.readHetuAnswer(response, asked: [active]) { person in
                        try deliver(Person(hetu: asked, records: [correction] + person.records))
                    }
                }
            }
            if seen.all.contains(asked) {
                delivered.insert(asked)
                outcomes.add(HetuAnswer(carriedGroups: answer.carriedGroups, withoutBanFlag: answer.withoutBanFlag), redacting: redacted)
            } else {
                outcomes.add(UndeliveredPerson(hetu: asked, status: .passive,
                                               reason: "0002 passive; the active henkilötunnus \(Henkilotunnus.mask(active)) was not answered with data"))
            }
        }
        return delivered
    }
}

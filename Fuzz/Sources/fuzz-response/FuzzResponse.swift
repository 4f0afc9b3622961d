import VTJCore
import VTJXML

/// libFuzzer entry: interface response bodies through the streaming reader (every root the
/// client reads), then the disclosure rules on what was read. A protected person's whereabouts
/// must never survive the rules, whatever the body said.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzResponse(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let today = CivilDate(year: 2026, month: 11, day: 26)!
    let rules = DisclosureRules(groups: GroupName.productGroupsInOrder, purpose: .perusopetus, today: today)
    _ = try? ResponseReader(bytes: bytes, documentName: "fuzz").readPerustiedot { person in
        _ = person.isUnderTurvakielto(on: today)
        let disclosure = rules.disclose(person)
        checkProtected(disclosure.isProtected, disclosure.records)
        for record in person.records {
            for field in record.fields { if case .date(let date) = field.value { _ = date.civilDate } }
        }
    }
    var tracker = ProtectionTracker()
    _ = try? ResponseReader(bytes: bytes, documentName: "fuzz").readMuutokset { change in
        let disclosure = tracker.disclose(change, with: rules)
        checkProtected(disclosure.isProtected, disclosure.records)
    }
    _ = try? ResponseReader.readLogKey(bytes, documentName: "fuzz")
    _ = ResponseReader.readError(bytes)
    return 0
}

private func checkProtected(_ isProtected: Bool, _ records: [Record]) {
    guard isProtected else { return }
    let withheld = Set(DisclosureRules.protectedGroups)
    precondition(!records.contains { withheld.contains($0.group) }, "a protected person's whereabouts were disclosed")
}

import VTJCore
import VTJXML

/// libFuzzer entry: answers of the SOAP query interface (vtj-soap-kysely.md §4) through the
/// streaming SOAP reader, then the disclosure rules on the person it mapped. Whatever the body
/// said: a protected person's whereabouts never survive the rules, a document without a
/// `Turvakielto` element never yields a ban record of its own (the wire then fails closed), and
/// every date the mapping produced is a real calendar date.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSOAPAnswer(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let today = CivilDate(year: 2026, month: 11, day: 26)!
    let rules = DisclosureRules(groups: GroupName.productGroupsInOrder, purpose: .perusopetus, today: today)
    guard let answer = try? SOAPAnswerReader(bytes: bytes, documentName: "fuzz").read(),
          case .document(let document) = answer.content, let person = document.person else { return 0 }
    precondition(document.hasTurvakielto || person.records.allSatisfy { $0.group != .turvakielto },
                 "a ban record was made without a Turvakielto element")
    let disclosure = rules.disclose(person)
    if disclosure.isProtected {
        let withheld = Set(DisclosureRules.protectedGroups)
        precondition(!disclosure.records.contains { withheld.contains($0.group) }, "a protected person's whereabouts were disclosed")
    }
    for record in person.records {
        for field in record.fields { if case .date(let date) = field.value { _ = date.civilDate } }
    }
    return 0
}

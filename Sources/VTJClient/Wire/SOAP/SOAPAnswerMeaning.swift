import VTJCore
import VTJXML

/// What one SOAP answer means for the henkilötunnus asked (vtj-soap-kysely.md §4, §8): a person
/// handed on, "not found", a person answered without data, a passive henkilötunnus and its active
/// successor, or a failure of the whole attempt (thrown: a fault or a return code about the call
/// as ``WireAnswerFailure``, an answer that does not fit this message as ``ProfileViolation``,
/// which is retried like a cut body and never read as "not found").
struct SOAPAnswerMeaning {
    let answer: SOAPAnswer
    /// The henkilötunnus this message asked about.
    let asked: String
    /// The message id this attempt sent (`xrd:id`).
    let messageID: String

    func interpret(onPerson: (Person) throws -> Void) throws -> HetuAnswer {
        // The security server echoes the id; another id is another message's answer.
        if let echoed = answer.messageID, !echoed.isEmpty, echoed != messageID {
            throw ProfileViolation(description: "the answer echoes message id \(echoed.prefix(60)), not this message's \(messageID); discarded")
        }
        switch answer.content {
        case .fault(let code, _):
            // faultstring is not kept: it is free text a server may fill with anything, the request included.
            throw WireAnswerFailure(outcome: .gateway(XRoadFault(type: code, status: 200, viaSOAP: true)))
        case .faultPair(let code, let text):
            return try meaning(of: code, text: text, document: nil, onPerson: onPerson)
        case .document(let document):
            if let queried = document.queriedHetu, !queried.isEmpty, queried.uppercased() != asked.uppercased() {
                throw ProfileViolation(description: "the answer's search criterion is another henkilötunnus (\(Henkilotunnus.mask(queried))) "
                                       + "than this message asked (\(Henkilotunnus.mask(asked))); discarded, never delivered under the wrong row")
            }
            guard let code = document.returnCode ?? (document.person != nil ? "0000" : nil) else {
                throw ProfileViolation(description: "the answer document has neither a Paluukoodi nor a Henkilo")
            }
            return try meaning(of: code, text: document.returnText, document: document, onPerson: onPerson)
        }
    }

    private func meaning(of code: String, text: String, document: SOAPDocument?, onPerson: (Person) throws -> Void) throws -> HetuAnswer {
        let person = document?.person
        var answer = HetuAnswer(carriedGroups: [])
        func undelivered(_ status: ResultStatus) -> HetuAnswer {
            answer.undelivered = [UndeliveredPerson(hetu: asked, status: status, reason: reason(code, text))]
            return answer
        }
        var meaning = ReturnCodeMeaning(code: code)
        // 0018 (under 15) is a success when the person came with it, as OPH's client reads it.
        if code.trimmingBlanks() == "0018", person != nil { meaning = .found }
        switch meaning {
        case .found:
            guard let document else {
                // A fault pair never means "found" (§8.2).
                return undelivered(.failed)
            }
            guard let person else {
                throw ProfileViolation(description: "return code \(code) says found, but the answer has no Henkilo")
            }
            guard person.hetu.uppercased() == asked.uppercased() else {
                throw ProfileViolation(description: "Henkilo is another henkilötunnus (\(Henkilotunnus.mask(person.hetu))) than this message asked "
                                       + "(\(Henkilotunnus.mask(asked))); discarded, never delivered under the wrong row")
            }
            var records = person.records
            if !document.hasTurvakielto, records.contains(where: { Self.locationGroups.contains($0.group) }) {
                // §7.2: a missing ban flag never reads as "no ban". The ban is marked withheld by
                // the interface (a censoring placeholder), which protects the person's whereabouts.
                records.append(Record(group: .turvakielto, censoredFields: ["turvakieltoAktiivinen", "turvaLoppuPv"]))
                answer.withoutBanFlag = 1
            }
            try onPerson(Person(hetu: asked, records: records))
            answer.carriedGroups = document.carriedGroups
            return answer
        case .notFound:
            guard person == nil else {
                throw ProfileViolation(description: "return code \(code) says not found, but the answer has a Henkilo; refused as contradictory")
            }
            return answer
        case .passive:
            if let active = person?.hetu, active.uppercased() != asked.uppercased(), (try? Henkilotunnus(active)) != nil {
                answer.redirects = [(asked: asked, active: active)]
                return answer
            }
            return undelivered(.passive)
        case .notDisclosed:
            return undelivered(.notDisclosed)
        case .personFailure:
            return undelivered(.failed)
        case .call(let kind):
            throw WireAnswerFailure(outcome: .service(ServiceReturnCode(code: code, text: text, kind: kind)))
        }
    }

    /// Whereabouts a missing `Turvakielto` element must not let out.
    static let locationGroups: Set<GroupName> = Set(GroupName.censoredUnderTurvakielto)

    /// `0019 Tietoja ei voida luovuttaa`: one line, at most 160 characters, henkilötunnus masked.
    private func reason(_ code: String, _ text: String) -> String {
        let line = (code.trimmingBlanks() + " " + text).trimmingBlanks()
        return DropFileName.maskingHetus(in: String(line.prefix(160)))
    }

    /// The probe's outcome in words for `vtjdrop check`.
    func summary(found: Bool, answer: HetuAnswer, product: String) -> String {
        let what: String
        if found {
            what = "found"
        } else if let person = answer.undelivered.first {
            what = "\(person.status.rawValue) (\(person.reason))"
        } else if !answer.redirects.isEmpty {
            what = "passive"
        } else {
            what = "not found"
        }
        return "the interface answered the test query for \(Henkilotunnus.mask(asked)): \(what); product \(product)"
    }
}

import Logging
import VTJCore

extension VTJInterfaceClient {
    /// The log key at the start of `date` (`GET /kirjausavain/{YYYY-MM-DD}`).
    public func logKey(on date: CivilDate) async throws -> Int64 {
        let wire = self.wire
        return try await execute(.logKey, call: .logKey(date)) { (response: ResponseBody) -> Int64 in try wire.readLogKey(response) }
    }

    /// Changes after `key` (`POST /muutokset`), page by page until `ajanTasalla`.
    ///
    /// Each page is read completely (a cut page is retried, never half-delivered), then handed to
    /// `onPage`; the next page is asked for only after `onPage` returns, so the caller can write the
    /// page durably and then persist ``ChangesPage/logKey``. Returns the last key.
    ///
    /// - Parameter restriction: a `hetulista` of 1…1000 hetus, or `kuntarajaus` (an empty one names
    ///   the configured licensed codes, ``VTJClientConfiguration/municipalityCodes``).
    /// - Throws: ``VTJClientError``, or whatever `onPage` threw (the key of that page is then not final).
    @discardableResult
    public func changes(
        after key: Int64,
        restriction: Restriction,
        onPage: @Sendable (ChangesPage) async throws -> Void
    ) async throws -> Int64 {
        var restriction = restriction
        switch restriction {
        case .hetulista(let hetus):
            guard !hetus.isEmpty, hetus.count <= hetusPerMessage else {
                throw VTJClientError.invalidRequest(
                    "muutokset needs 1…\(hetusPerMessage) hetus per message, got \(hetus.count); plan them with MessagePlanner")
            }
        case .kuntarajaus(let codes):
            restriction = .kuntarajaus(municipalities(codes))
        }
        let wire = self.wire
        var current = key
        var number = 0
        while true {
            number += 1
            let call = WireCall.changes(MuutoksetMessage(logKey: current, restriction: restriction))
            let (changes, info, messageID) = try await execute(.changes, call: call,
                                                    metadata: ["vtj.page": "\(number)", "vtj.log-key": "\(current)"]) { (response: ResponseBody) -> ([Change], MuutoksetPageInfo, String) in
                var changes: [Change] = []
                let info = try wire.readMuutokset(response) { changes.append($0) }
                return (changes, info, response.messageID)
            }
            if !info.upToDate && info.logKey <= current {
                throw VTJClientError.unexpectedResponse(.changes,
                    detail: "log key \(info.logKey) does not advance past \(current) while ajanTasalla is false", messageID: messageID)
            }
            try await onPage(ChangesPage(changes: changes, logKey: info.logKey, upToDate: info.upToDate, number: number))
            current = info.logKey
            if info.upToDate { return current }
        }
    }
}

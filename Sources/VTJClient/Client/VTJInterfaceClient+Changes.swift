import Logging
import VTJCore
import VTJXML

extension VTJInterfaceClient {
    /// The log key at the start of `date` (`GET /kirjausavain/{YYYY-MM-DD}`).
    public func logKey(on date: CivilDate) async throws -> Int64 {
        try await execute(.logKey, method: "GET", path: "/kirjausavain/\(date)", body: []) { (response: ResponseBody) -> Int64 in
            try ResponseReader.readLogKey(response.readAll(limit: 1 << 20), documentName: response.documentName)
        }
    }

    /// Changes after `key` (`POST /muutokset`), page by page until `ajanTasalla`.
    ///
    /// Each page is read completely (a cut page is retried, never half-delivered), then handed to
    /// `onPage`; the next page is asked for only after `onPage` returns, so the caller can write the
    /// page durably and then persist ``ChangesPage/logKey``. Returns the last key.
    ///
    /// - Parameter restriction: a `hetulista` of 1…1000 hetus, or `kuntarajaus`.
    /// - Throws: ``VTJClientError``, or whatever `onPage` threw (the key of that page is then not final).
    @discardableResult
    public func changes(
        after key: Int64,
        restriction: Restriction,
        onPage: @Sendable (ChangesPage) async throws -> Void
    ) async throws -> Int64 {
        if case .hetulista(let hetus) = restriction {
            guard !hetus.isEmpty, hetus.count <= Restriction.maxHetusPerMessage else {
                throw VTJClientError.invalidRequest(
                    "muutokset needs 1…\(Restriction.maxHetusPerMessage) hetus per message, got \(hetus.count); plan them with MessagePlanner")
            }
        }
        var current = key
        var number = 0
        while true {
            number += 1
            let body = RequestXML.write(MuutoksetRequest(logKey: current, restriction: restriction))
            let (changes, info, requestID) = try await execute(.muutokset, method: "POST", path: "/muutokset", body: body,
                                                    metadata: ["vtj.page": "\(number)", "vtj.log-key": "\(current)"]) { (response: ResponseBody) -> ([Change], MuutoksetPageInfo, String) in
                let reader = try ResponseReader(fileDescriptor: response.fileDescriptor, documentName: response.documentName)
                var changes: [Change] = []
                let info = try reader.readMuutokset { changes.append($0) }
                return (changes, info, response.requestID)
            }
            if !info.upToDate && info.logKey <= current {
                throw VTJClientError.unexpectedResponse(.muutokset,
                    detail: "log key \(info.logKey) does not advance past \(current) while ajanTasalla is false", requestID: requestID)
            }
            try await onPage(ChangesPage(changes: changes, logKey: info.logKey, upToDate: info.upToDate, number: number))
            current = info.logKey
            if info.upToDate { return current }
        }
    }
}

import VTJCore

/// The one way a receipt reaches a department's outbox, whatever it answers: a published result,
/// a refused drop, an inbox entry that was never read. The department's renderer words it from
/// the message catalogue in its language; a list file goes first when the receipt's lists are
/// longer than it shows, so whoever sees the receipt finds the file it names.
///
/// It decides nothing: when to publish, and what to journal after, is the caller's.
struct ReceiptDelivery: Sendable {
    let appliance: Appliance

    /// `<stem>.<request-id>.kuitti.txt`: the receipt's name for a drop named `name`.
    static func receiptName(for name: DropFileName, dropID: String) -> String {
        name.safeStem + "." + dropID + ".kuitti.txt"
    }

    /// Publishes `receipt` (its department and request id say where and under which name) for the
    /// drop named `name`; returns the paths published, list file first. Names carry the request
    /// id, so a file already there is this request's own from before a crash: it is kept, never
    /// replaced or duplicated.
    func deliver(receipt: Receipt, for name: DropFileName) throws -> [String] {
        let publisher = appliance.publisher(receipt.department)
        let renderer = appliance.configuration.department(receipt.department)?.receiptRenderer ?? ReceiptRenderer()
        let receiptName = Self.receiptName(for: name, dropID: receipt.dropID)
        var paths: [String] = []
        var listFile: String?
        if renderer.needsListFile(receipt) {
            let listName = ReceiptRenderer.listFileName(forReceipt: receiptName)
            paths.append(try Self.publishListsOnce(publisher, name: listName, renderer: renderer, receipt: receipt, receiptName: receiptName))
            listFile = listName
        }
        paths.append(try Self.publishOnce(publisher, name: receiptName, bytes: renderer.bytes(receipt, listFile: listFile)))
        return paths
    }

    /// Publishes the list file line by line (its lines can be a list's 800,000 not-found
    /// henkilötunnus; the pending file buffers 64 KiB), keeping a file of that name published before a crash.
    static func publishListsOnce(_ publisher: Publisher, name: String, renderer: ReceiptRenderer, receipt: Receipt,
                                 receiptName: String) throws -> String {
        let pending = try publisher.begin(name)
        do {
            try renderer.forEachListLine(receipt, receiptName: receiptName) { line in try pending.append(line) }
            return try pending.commit()
        } catch DeliveryError.alreadyExists(let path) {
            return path
        } catch {
            pending.abandon()
            throw error
        }
    }

    /// Publishes `bytes` as `name`, keeping a file of that name published before a crash.
    static func publishOnce(_ publisher: Publisher, name: String, bytes: [UInt8]) throws -> String {
        do {
            return try publisher.publish(name, bytes: bytes)
        } catch DeliveryError.alreadyExists(let path) {
            return path
        }
    }
}

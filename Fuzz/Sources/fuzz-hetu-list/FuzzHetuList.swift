import VTJCore

/// libFuzzer entry: a henkilötunnus list drop (encoding detection, lines, CSV) read twice, with
/// the default limits and with tiny ones so the over-long line and record paths are reached.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHetuList(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for reader in [HetuListReader(), HetuListReader(maximumLineBytes: 24, maximumRecordBytes: 48)] {
        do {
            let list = try reader.read(bytes, file: "fuzz.txt")
            check(list)
        } catch {
            _ = error.description
        }
    }
    return 0
}

/// Bookkeeping every receipt relies on: counts add up, values are distinct and valid.
private func check(_ list: DropContent) {
    precondition(list.hetus.count == list.hetuLines.count, "one line per accepted value")
    precondition(Set(list.hetus).count == list.hetus.count, "accepted values are distinct")
    precondition(list.valueLines == list.hetus.count + list.duplicateCount + list.rejectedCount, "every value is filed once")
    precondition(list.rejected.count <= list.rejectedCount && list.duplicates.count <= list.duplicateCount, "details never exceed counts")
    let lines = list.hetuLines + list.duplicates.map(\.line) + list.rejected.map(\.line)
    precondition(lines.allSatisfy { $0 >= 1 && $0 <= list.lineCount }, "line numbers lie within the file")
    precondition(list.hetus.allSatisfy { (try? Henkilotunnus($0.value)) == $0 }, "accepted values are valid")
    precondition(list.rejected.allSatisfy { $0.text.count <= 41 }, "rejected text is shortened")
    _ = list.origin.description
}

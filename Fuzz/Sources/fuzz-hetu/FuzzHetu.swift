import VTJCore

/// libFuzzer entry: the strict henkilötunnus parser and the lenient `read` on any bytes.
/// Beyond "no crash", checks that the two agree and that a valid value round-trips.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHetu(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let reading = Henkilotunnus.read(text)
    _ = Henkilotunnus.mask(text)
    do {
        let hetu = try Henkilotunnus(text)
        precondition(hetu.value == text && hetu.value.utf8.count == 11, "strict parse changed the value")
        precondition(reading.result == .success(hetu) && reading.warnings.isEmpty, "read disagrees with strict parse")
        precondition(hetu.masked == String(hetu.value.prefix(7)) + "***" + String(hetu.value.suffix(1)), "mask shows the individual number")
        _ = (hetu.sex, hetu.isTemporary, hetu.centurySign, hetu.age(on: CivilDate(year: 2026, month: 11, day: 26)!))
    } catch {
        _ = (error.description, error.kind)
    }
    switch reading.result {
    case .success(let hetu):
        // What the lenient reader accepts must be a strictly valid value.
        precondition((try? Henkilotunnus(hetu.value)) == hetu, "read accepted a value the strict parser refuses")
    case .failure(let error):
        _ = error.description
    }
    return 0
}
